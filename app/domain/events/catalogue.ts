import { z } from "zod";

/**
 * Every domain event the product emits, with its payload schema. Features add to this list
 * rather than invent ad-hoc events: the outbox refuses a type that is not here, and the
 * recognition engine and socket fan-out switch over these names.
 */
const userId = z.string().min(1);
const id = z.number().int().positive();
/** Thread and post ids are random text (they must not reveal private activity). */
const textId = z.string().min(1);
/** What an integration event records about the API call that reported it. */
const integrationCall = {
  apiKeyId: id.optional(),
  idempotencyKey: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
};

export const eventCatalogue = {
  // accounts and organizations
  "user.signed_up": z.object({ userId, organizationId: id.nullable(), isVendorStaff: z.boolean().optional() }),
  "user.profile_updated": z.object({ userId }),
  "user.role_changed": z.object({ userId, from: z.string(), to: z.string() }),
  "user.suspended": z.object({ userId, until: z.string(), reason: z.string() }),
  "user.unsuspended": z.object({ userId }),
  "user.silenced": z.object({ userId, until: z.string(), reason: z.string() }),
  "user.unsilenced": z.object({ userId }),
  "session.ended": z.object({ userId, sessionId: z.string() }),
  /** The person deleted their account (decision 023): the row stays, anonymized; sockets close. */
  "user.account_deleted": z.object({ userId, postsRemoved: z.boolean() }),
  "organization.created": z.object({ organizationId: id }),
  "organization.updated": z.object({ organizationId: id }),
  "organization.member_joined": z.object({
    userId,
    organizationId: id,
    via: z.enum(["invitation", "join_request", "admin"]),
  }),
  "organization.member_left": z.object({ userId, organizationId: id }),
  "join_request.created": z.object({ requestId: id, userId, organizationId: id }),
  "join_request.decided": z.object({
    requestId: id,
    userId,
    organizationId: id,
    decision: z.enum(["approved", "declined"]),
  }),
  // forum
  "forum.thread_created": z.object({ threadId: textId, postId: textId, categoryId: id, authorId: userId }),
  "forum.reply_posted": z.object({ threadId: textId, postId: textId, categoryId: id, authorId: userId }),
  "forum.post_edited": z.object({ threadId: textId, postId: textId, editorId: userId }),
  "forum.post_deleted": z.object({ threadId: textId, postId: textId, authorId: userId }),
  "forum.post_hidden": z.object({ threadId: textId, postId: textId, authorId: userId }),
  "forum.post_restored": z.object({ threadId: textId, postId: textId, authorId: userId }),
  "forum.reaction_added": z.object({ postId: textId, threadId: textId, reactorId: userId, authorId: userId, kind: z.string() }),
  "forum.reaction_removed": z.object({ postId: textId, threadId: textId, reactorId: userId, authorId: userId, kind: z.string() }),
  "forum.answer_accepted": z.object({ threadId: textId, postId: textId, categoryId: id, answerAuthorId: userId, askerId: userId }),
  "forum.answer_unaccepted": z.object({ threadId: textId, postId: textId, answerAuthorId: userId, askerId: userId }),
  "forum.user_mentioned": z.object({ postId: textId, threadId: textId, mentionedId: userId, authorId: userId }),
  // moderator actions on threads and posts (moderation feature)
  "forum.thread_locked": z.object({ threadId: textId, categoryId: id }),
  "forum.thread_unlocked": z.object({ threadId: textId, categoryId: id }),
  "forum.thread_pinned": z.object({ threadId: textId, categoryId: id }),
  "forum.thread_unpinned": z.object({ threadId: textId, categoryId: id }),
  "forum.thread_moved": z.object({ threadId: textId, fromCategoryId: id, toCategoryId: id }),
  "forum.post_moved": z.object({ postId: textId, fromThreadId: textId, toThreadId: textId, authorId: userId }),
  // mentoring
  "mentoring.requested": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId }),
  "mentoring.accepted": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId }),
  "mentoring.declined": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId }),
  "mentoring.session_confirmed": z.object({ mentorshipId: id, sessionId: id, mentorId: userId, menteeId: userId }),
  "mentoring.completed": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId, rating: z.number().int().min(1).max(5).nullable() }),
  // Added with mentor matching: the rest of the lifecycle, for notifications and analytics.
  "mentoring.withdrawn": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId }),
  "mentoring.expired": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId }),
  "mentoring.session_logged": z.object({ mentorshipId: id, sessionId: id, mentorId: userId, menteeId: userId, loggedBy: userId }),
  "mentoring.ended": z.object({ mentorshipId: id, mentorId: userId, menteeId: userId, endedBy: userId, reason: z.enum(["completed", "not_a_good_fit", "other"]) }),
  // advisory councils
  "council.proposal_authored": z.object({ councilId: z.string(), proposalId: z.string(), authorId: userId }),
  "council.meeting_attended": z.object({ councilId: z.string(), meetingId: z.string(), memberId: userId }),
  "council.vote_cast": z.object({ councilId: z.string(), proposalId: z.string(), voterId: userId }),
  "council.minutes_published": z.object({ councilId: z.string(), meetingId: z.string(), authorId: userId }),
  "council.member_removed": z.object({ councilId: z.string(), memberId: userId }),
  // moderation
  "moderation.flag_raised": z.object({ flagId: id, postId: textId, flaggerId: userId }),
  "moderation.points_awarded": z.object({ awardId: id, recipientId: userId, moderatorId: userId, points: z.number().int(), reason: z.string() }),
  "moderation.badge_awarded": z.object({ awardId: id, recipientId: userId, moderatorId: userId, badge: z.string(), reason: z.string() }),
  "moderation.award_revoked": z.object({ awardId: id, recipientId: userId, moderatorId: userId, reason: z.string() }),
  /** A review queue item opened, was claimed or settled: moderators' queues refresh. */
  "moderation.review_changed": z.object({ itemId: id, postId: textId, status: z.enum(["pending", "deferred", "agreed", "disagreed"]), claimedBy: userId.nullable() }),
  // recognition (emitted by the engine so that sockets can show toasts)
  "recognition.points_changed": z.object({
    userId,
    delta: z.number().int(),
    total: z.number().int(),
    reason: z.string(),
    // The profile's version after the batch (recognition_profiles.version); absent in older rows.
    version: z.number().int().optional(),
  }),
  "recognition.badge_granted": z.object({ userId, badge: z.string(), tier: z.string().nullable() }),
  "recognition.level_changed": z.object({ userId, level: z.string() }),
  // direct messages: ids only, never content (events are read by processes that are not participants)
  "messages.sent": z.object({ conversationId: textId, messageId: textId, authorId: userId }),
  "messages.reported": z.object({ reportId: id, messageId: textId, conversationId: textId, reporterId: userId }),
  // integrations (external systems posting through the API)
  // subjectId is a user id or an organization id (as text). apiKeyId and the caller's details were
  // added with the API (decision 025): the engine caps points per key and day.
  "integration.certification_earned": z.object({ subjectId: z.string(), subjectType: z.enum(["user", "organization"]), name: z.string(), ...integrationCall }),
  "integration.deal_registered": z.object({ subjectId: z.string(), subjectType: z.enum(["user", "organization"]), amount: z.number().nonnegative(), ...integrationCall }),
  "integration.event_attended": z.object({ subjectId: z.string(), subjectType: z.enum(["user", "organization"]), name: z.string(), ...integrationCall }),
} as const;

export type EventType = keyof typeof eventCatalogue;
export type EventPayload<T extends EventType> = z.infer<(typeof eventCatalogue)[T]>;

export type DomainEvent = {
  [T in EventType]: { type: T; payload: EventPayload<T>; actorId: string | null };
}[EventType];

/** An event as the dispatcher hands it to subscribers: with its id and order key. */
export type DispatchedEvent = DomainEvent & { id: number; txid: string; occurredAt: Date };

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalogue, type);
}

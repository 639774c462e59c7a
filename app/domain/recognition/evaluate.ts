import type { DispatchedEvent } from "../events/catalogue";
import { isEventType } from "../events/catalogue";
import { tiersReached, type BadgeDefinition } from "./badges";
import { badgesIn, levelsIn } from "./definitions";
import { levelById, levelFor, type Level } from "./levels";
import { dayNumber, dayOf } from "./periods";
import { MODERATOR_AWARD, REVERSAL, type RuleKey, type RuleVersion } from "./rules";
import { externalKeyBucket, grantKey, pairKey, reactionKey, type EngineState, type Grant, type LedgerEntry, type LevelChange, type Profile } from "./state";

/**
 * The engine's rules as one pure function: (state, event, rules in force) -> effects, with the
 * state updated in place. Live processing, the rebuild and the tests' model all run this.
 * See docs/decisions/011-recognition-engine.md.
 */
export interface Effects {
  ledger: LedgerEntry[];
  grants: Grant[];
  revokedGrants: Grant[];
  levelChanges: LevelChange[];
}

export const emptyEffects = (): Effects => ({ ledger: [], grants: [], revokedGrants: [], levelChanges: [] });

/** Event types that can change recognition state; anything else in the catalogue is ignored. */
export const recognitionEventTypes = new Set<string>([
  "user.signed_up",
  "organization.member_joined",
  "organization.member_left",
  "forum.thread_created",
  "forum.reply_posted",
  "forum.reaction_added",
  "forum.reaction_removed",
  "forum.answer_accepted",
  "forum.answer_unaccepted",
  "forum.post_hidden",
  "forum.post_deleted",
  "mentoring.session_confirmed",
  "mentoring.completed",
  "council.proposal_authored",
  "council.meeting_attended",
  "moderation.points_awarded",
  "moderation.badge_awarded",
  "moderation.award_revoked",
  "integration.certification_earned",
  "integration.deal_registered",
  "integration.event_attended",
]);

/** The rule each integration event earns under (decision 025). */
const externalRules = {
  "integration.certification_earned": "certification_earned",
  "integration.deal_registered": "deal_registered",
  "integration.event_attended": "event_attended",
} as const satisfies Record<string, RuleKey>;

const DAY_MS = 86_400_000;

/** Who earns: affiliated and not vendor staff (policy "recognition.earn"), as the engine knows them. */
export const earns = (profile: Profile | undefined): profile is Profile =>
  profile !== undefined && profile.organizationId !== null && !profile.vendorStaff;

type CreditInput = {
  rule: RuleKey;
  userId: string;
  points?: number;
  actorId?: string | null;
  threadId?: string | null;
  postId?: string | null;
  categoryId?: number | null;
  councilId?: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  note?: string | null;
};

export function evaluate(state: EngineState, event: DispatchedEvent, version: RuleVersion): Effects {
  if (!isEventType(event.type)) throw new Error(`unknown event type ${String(event.type)}`);
  const effects = emptyEffects();
  const at = event.occurredAt;
  const day = dayOf(at);
  const touched = new Set<string>();
  const { rules, antiGaming } = version.rules;

  const addEntry = (entry: LedgerEntry) => {
    const profile = state.profiles.get(entry.userId);
    if (profile) state.setProfile({ ...profile, points: profile.points + entry.points });
    effects.ledger.push(entry);
    touched.add(entry.userId);
  };

  const credit = (input: CreditInput): LedgerEntry | null => {
    const rule = rules[input.rule];
    const profile = state.profiles.get(input.userId);
    if (!rule.enabled || !earns(profile)) return null;
    let points = input.points ?? rule.points;
    let note = input.note ?? null;
    if (rule.dailyCap !== null) {
      const used = state.dailyValue(input.userId, day, `rule:${input.rule}`);
      const allowed = Math.max(0, Math.min(points, rule.dailyCap - used));
      if (allowed < points) note = "capped";
      points = allowed;
      state.setDaily(input.userId, day, `rule:${input.rule}`, used + allowed);
    }
    if (points <= 0) return null;
    const entry: LedgerEntry = {
      eventId: event.id,
      rule: input.rule,
      ruleVersion: version.version,
      userId: input.userId,
      organizationId: profile.organizationId,
      points,
      reversesEventId: null,
      reversesRule: null,
      actorId: input.actorId ?? null,
      threadId: input.threadId ?? null,
      postId: input.postId ?? null,
      categoryId: input.categoryId ?? null,
      councilId: input.councilId ?? null,
      subjectType: input.subjectType ?? null,
      subjectId: input.subjectId ?? null,
      note,
      occurredAt: at,
    };
    state.openCredit(entry);
    addEntry(entry);
    return entry;
  };

  const reverse = (original: LedgerEntry) => {
    state.closeCredit(original);
    addEntry({
      ...original,
      eventId: event.id,
      rule: REVERSAL,
      points: -original.points,
      reversesEventId: original.eventId,
      reversesRule: original.rule,
      note: null,
      occurredAt: at,
    });
    if (original.rule === "answer_accepted") answerCounted(original.userId, original.categoryId, -1);
  };

  /**
   * Points from an integration: the rule's points, then at most what is left under the external
   * caps of the day, per person and per API key (all external rules together), then the rule's own cap.
   */
  const creditExternal = (rule: RuleKey, userId: string, apiKeyId: number | null) => {
    const settings = rules[rule];
    if (!settings.enabled || !earns(state.profiles.get(userId))) return;
    const caps = version.rules.external;
    const bucket = apiKeyId === null ? null : externalKeyBucket(apiKeyId);
    const personUsed = state.dailyValue(userId, day, "external");
    const keyUsed = bucket === null ? 0 : state.dailyValue(bucket, day, "external");
    const room = Math.max(0, Math.min(caps.personDailyCap - personUsed, bucket === null ? Infinity : caps.keyDailyCap - keyUsed));
    const points = Math.min(settings.points, room);
    const entry = credit({ rule, userId, points, note: points < settings.points ? "capped" : null, subjectType: "external_event", subjectId: String(event.id) });
    if (!entry) return;
    state.setDaily(userId, day, "external", personUsed + entry.points);
    if (bucket !== null) state.setDaily(bucket, day, "external", keyUsed + entry.points);
  };

  const answerCounted = (userId: string, categoryId: number | null, delta: number) => {
    state.addCounter(userId, "accepted_answers", delta);
    if (categoryId !== null && state.sectorCategories.get(categoryId)) state.addCounter(userId, "sector_accepted_answers", delta);
    touched.add(userId);
  };

  const posted = (userId: string) => {
    state.addCounter(userId, "posts", 1);
    const today = dayNumber(at);
    const last = state.counter(userId, "last_active_day");
    if (today > last) {
      const streak = today === last + 1 ? state.counter(userId, "streak_current") + 1 : 1;
      state.setCounter(userId, "last_active_day", today);
      state.setCounter(userId, "streak_current", streak);
      if (streak > state.counter(userId, "streak_best")) state.setCounter(userId, "streak_best", streak);
    }
    touched.add(userId);
  };

  const ensureProfile = (userId: string, organizationId: number | null, vendorStaff: boolean) => {
    const existing = state.profiles.get(userId);
    state.setProfile(
      existing
        ? { ...existing, organizationId }
        : { userId, organizationId, vendorStaff, joinedAt: at, points: 0, level: "newcomer", levelRank: 0, levelChangedAt: null },
    );
    touched.add(userId);
  };

  switch (event.type) {
    case "user.signed_up": {
      const { userId, organizationId, isVendorStaff } = event.payload;
      ensureProfile(userId, organizationId, isVendorStaff ?? false);
      break;
    }
    case "organization.member_joined":
      ensureProfile(event.payload.userId, event.payload.organizationId, false);
      break;
    case "organization.member_left": {
      const profile = state.profiles.get(event.payload.userId);
      if (profile && profile.organizationId === event.payload.organizationId) ensureProfile(profile.userId, null, false);
      break;
    }
    case "forum.thread_created": {
      const { threadId, postId, categoryId, authorId } = event.payload;
      const firstThread = state.counter(authorId, "threads") === 0;
      state.addCounter(authorId, "threads", 1);
      state.setThread(threadId, { authorId, newcomerFirst: firstThread, welcomed: false });
      posted(authorId);
      credit({ rule: "thread_created", userId: authorId, threadId, postId, categoryId });
      break;
    }
    case "forum.reply_posted": {
      const { threadId, postId, categoryId, authorId } = event.payload;
      const thread = state.threads.get(threadId);
      if (thread && thread.newcomerFirst && !thread.welcomed && thread.authorId !== authorId) {
        state.setThread(threadId, { ...thread, welcomed: true });
        state.addCounter(authorId, "welcomes", 1);
      }
      posted(authorId);
      credit({ rule: "reply_posted", userId: authorId, threadId, postId, categoryId });
      break;
    }
    case "forum.reaction_added": {
      const { postId, threadId, reactorId, authorId, kind } = event.payload;
      if (reactorId === authorId) break;
      const current = state.reactions.get(reactionKey(postId, reactorId)) ?? { authorId, kinds: [], counted: false };
      if (current.kinds.includes(kind)) break;
      const firstEver = !current.counted;
      state.setReaction(postId, reactorId, { authorId, kinds: [...current.kinds, kind].sort(), counted: true });
      if (!firstEver) break;
      state.addCounter(authorId, "kudos_received", 1);
      touched.add(authorId);
      const pair = state.dailyValue(authorId, day, pairKey(reactorId));
      if (pair >= antiGaming.pairDailyLimit) break;
      state.setDaily(authorId, day, pairKey(reactorId), pair + 1);
      const author = state.profiles.get(authorId);
      const reactor = state.profiles.get(reactorId);
      const sameOrganization = author?.organizationId != null && author.organizationId === reactor?.organizationId;
      const base = rules.reaction_received.points;
      const points = sameOrganization ? Math.floor((base * antiGaming.sameOrganizationPercent) / 100) : base;
      credit({ rule: "reaction_received", userId: authorId, points, actorId: reactorId, threadId, postId, note: sameOrganization ? "same organization" : null });
      break;
    }
    case "forum.reaction_removed": {
      const { postId, reactorId, kind } = event.payload;
      const current = state.reactions.get(reactionKey(postId, reactorId));
      if (!current || !current.kinds.includes(kind)) break;
      const kinds = current.kinds.filter((k) => k !== kind);
      state.setReaction(postId, reactorId, { ...current, kinds });
      if (kinds.length > 0) break;
      for (const open of state.creditsFor({ postId }, (c) => c.rule === "reaction_received" && c.actorId === reactorId)) {
        reverse(open);
      }
      break;
    }
    case "forum.answer_accepted": {
      const { threadId, postId, categoryId, answerAuthorId, askerId } = event.payload;
      // Accepting one's own answer is not recognition either.
      if (answerAuthorId === askerId) break;
      const answer = credit({ rule: "answer_accepted", userId: answerAuthorId, actorId: event.actorId, threadId, postId, categoryId });
      if (answer) answerCounted(answerAuthorId, categoryId, 1);
      credit({ rule: "answer_accepted_asker", userId: askerId, actorId: answerAuthorId, threadId, postId, categoryId });
      break;
    }
    case "forum.answer_unaccepted": {
      const { postId } = event.payload;
      for (const open of state.creditsFor({ postId }, (c) => c.rule === "answer_accepted" || c.rule === "answer_accepted_asker")) {
        reverse(open);
      }
      break;
    }
    case "forum.post_hidden":
    case "forum.post_deleted": {
      const { postId } = event.payload;
      for (const open of state.creditsFor({ postId })) reverse(open);
      break;
    }
    case "mentoring.session_confirmed": {
      const { mentorshipId, sessionId, mentorId } = event.payload;
      credit({ rule: "mentoring_session_confirmed", userId: mentorId, actorId: event.actorId, subjectType: "mentoring_session", subjectId: `${mentorshipId}:${sessionId}` });
      break;
    }
    case "mentoring.completed": {
      const { mentorshipId, mentorId, menteeId, rating } = event.payload;
      state.addCounter(mentorId, "mentorships_completed", 1);
      touched.add(mentorId);
      if (rating !== null && rating >= 4) {
        credit({ rule: "mentorship_completed", userId: mentorId, actorId: menteeId, subjectType: "mentorship", subjectId: String(mentorshipId) });
      }
      break;
    }
    case "council.proposal_authored": {
      const { councilId, proposalId, authorId } = event.payload;
      state.addCounter(authorId, "council_contributions", 1);
      touched.add(authorId);
      credit({ rule: "council_proposal_authored", userId: authorId, councilId, subjectType: "council_proposal", subjectId: proposalId });
      break;
    }
    case "council.meeting_attended": {
      const { councilId, meetingId, memberId } = event.payload;
      state.addCounter(memberId, "council_contributions", 1);
      touched.add(memberId);
      credit({ rule: "council_meeting_attended", userId: memberId, councilId, subjectType: "council_meeting", subjectId: meetingId });
      break;
    }
    case "moderation.points_awarded": {
      const { awardId, recipientId, moderatorId, points, reason } = event.payload;
      const profile = state.profiles.get(recipientId);
      if (!earns(profile) || points === 0) break;
      const entry: LedgerEntry = {
        eventId: event.id,
        rule: MODERATOR_AWARD,
        ruleVersion: version.version,
        userId: recipientId,
        organizationId: profile.organizationId,
        points,
        reversesEventId: null,
        reversesRule: null,
        actorId: moderatorId,
        threadId: null,
        postId: null,
        categoryId: null,
        councilId: null,
        subjectType: "award",
        subjectId: String(awardId),
        note: reason,
        occurredAt: at,
      };
      state.openCredit(entry);
      addEntry(entry);
      break;
    }
    case "moderation.badge_awarded": {
      const { awardId, recipientId, moderatorId, badge, reason } = event.payload;
      if (!earns(state.profiles.get(recipientId))) break;
      grant({ userId: recipientId, badge, tier: null, reason, awardId, awardedBy: moderatorId });
      break;
    }
    case "moderation.award_revoked": {
      const { awardId, recipientId } = event.payload;
      for (const open of state.creditsFor({ subjectType: "award", subjectId: String(awardId) })) reverse(open);
      for (const existing of [...state.grants.values()]) {
        if (existing.userId !== recipientId || existing.awardId !== awardId || existing.revokedAt) continue;
        const revoked = { ...existing, revokedAt: at, revokedEventId: event.id };
        state.grants.set(grantKey(existing.userId, existing.badge, existing.tier), revoked);
        effects.revokedGrants.push(revoked);
      }
      break;
    }
    case "integration.certification_earned":
    case "integration.deal_registered":
    case "integration.event_attended": {
      const { subjectType, subjectId, apiKeyId } = event.payload;
      // Ledger rows belong to people: an organization-level event is recorded, not scored.
      if (subjectType !== "user") break;
      if (event.type === "integration.certification_earned") {
        state.addCounter(subjectId, "certifications_earned", 1);
        touched.add(subjectId);
      }
      creditExternal(externalRules[event.type], subjectId, apiKeyId ?? null);
      break;
    }
    default:
      break;
  }

  function grant(input: Omit<Grant, "eventId" | "grantedAt" | "revokedAt" | "revokedEventId">) {
    const key = grantKey(input.userId, input.badge, input.tier);
    if (state.grants.has(key)) return;
    const granted: Grant = { ...input, eventId: event.id, grantedAt: at, revokedAt: null, revokedEventId: null };
    state.grants.set(key, granted);
    effects.grants.push(granted);
  }

  const { badges, ladder } = definitionsOf(version);
  for (const userId of touched.size === 1 ? touched : [...touched].sort()) {
    const profile = state.profiles.get(userId);
    if (!earns(profile)) continue;
    for (const badge of badges) {
      const count = state.counter(userId, badge.counter);
      for (const tier of tiersReached(badge, count)) {
        // Looked up before the reason is built: nearly every tier reached is granted already.
        if (state.grants.has(grantKey(userId, badge.id, tier))) continue;
        grant({ userId, badge: badge.id, tier, reason: `${badge.description} (${count} when granted)`, awardId: null, awardedBy: null });
      }
    }
    const level = levelFor({
      points: profile.points,
      acceptedAnswers: state.counter(userId, "accepted_answers"),
      mentorshipsCompleted: state.counter(userId, "mentorships_completed"),
      // Imported history can predate the account; it never counts as negative time.
      daysSinceJoining: Math.max(0, Math.floor((at.getTime() - profile.joinedAt.getTime()) / DAY_MS)),
    }, ladder);
    if (level.id !== profile.level) {
      effects.levelChanges.push({ userId, eventId: event.id, fromLevel: profile.level, toLevel: level.id, occurredAt: at });
      state.setProfile({ ...profile, level: level.id, levelRank: level.rank, levelChangedAt: at });
    }
  }
  return effects;
}

const definitionsCache = new WeakMap<RuleVersion["rules"], { badges: BadgeDefinition[]; ladder: Level[] }>();

/** The enabled automatic badges and the level ladder of a rule version, built once per version. */
function definitionsOf(version: RuleVersion) {
  let definitions = definitionsCache.get(version.rules);
  if (!definitions) {
    const disabled = new Set(version.rules.disabledBadges);
    definitions = { badges: badgesIn(version.rules).filter((badge) => !disabled.has(badge.id)), ladder: levelsIn(version.rules) };
    definitionsCache.set(version.rules, definitions);
  }
  return definitions;
}

/** The rank of a level id (for "did they go up?"). */
export const rankOf = (levelId: string) => levelById(levelId).rank;

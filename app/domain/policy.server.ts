import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { DB, Role } from "../../db/schema";
import type { CategoryVisibility } from "../../db/schema-parts/forum";
import type { SessionUser } from "./accounts/auth.server";
import { DomainError } from "./errors";

/**
 * Who may do what: the one module every loader, action, socket handler and list asks.
 * Default deny: a permission without a rule here is refused.
 */
export type Actor = SessionUser | null;

export interface CategoryRef {
  id: number;
  visibility: CategoryVisibility;
  councilId: string | null;
}
export interface ThreadRef {
  id: string;
  authorId: string;
  category: CategoryRef;
  lockedAt: Date | null;
  hiddenAt: Date | null;
  deletedAt: Date | null;
}
/** The two people of a mentorship (or request) and where it stands. */
export interface MentorshipRef {
  mentorId: string;
  menteeId: string;
  status: "requested" | "declined" | "expired" | "withdrawn" | "active" | "ended";
}
export interface PostRef {
  id: string;
  authorId: string;
  hiddenAt: Date | null;
  deletedAt: Date | null;
  thread: ThreadRef;
}

interface Subjects {
  "forum.readCategory": CategoryRef;
  "forum.createThread": CategoryRef;
  "forum.readThread": ThreadRef;
  "forum.reply": ThreadRef;
  "forum.readPost": PostRef;
  "forum.editPost": PostRef;
  "forum.deletePost": PostRef;
  "forum.react": PostRef;
  "forum.acceptAnswer": ThreadRef;
  "forum.moderate": ThreadRef;
  "admin.access": undefined;
  "user.changeRole": { id: string };
  "profile.edit": { id: string };
  "organization.manage": { id: number };
  "organization.requestToJoin": { id: number };
  "realtime.joinRoom": { room: string };
  "recognition.earn": undefined;
  "recognition.manageRules": undefined;
  "recognition.seeCouncilActivity": { councilId: string };
  "recognition.readLeaderboard": undefined;
  "content.post": undefined;
  "directory.view": undefined;
  "organization.create": undefined;
  "organization.moveMember": undefined;
  "follow.create": undefined;
  "messages.send": undefined;
  "messages.read": { participantIds: string[] };
  "messages.reviewReports": undefined;
  "moderation.access": undefined;
  "moderation.review": undefined;
  "moderation.viewContent": CategoryRef;
  "moderation.moveThread": { from: CategoryRef; to: CategoryRef };
  "moderation.flag": PostRef;
  "moderation.award": { recipientId: string };
  "moderation.restrictUser": { id: string; role: Role };
  "council.enter": CouncilSubject;
  "council.participate": CouncilSubject;
  "council.vote": CouncilSubject;
  "council.chair": CouncilSubject;
  "council.moderate": CouncilSubject;
  "council.manage": undefined;
  "forum.moveAcrossCouncil": undefined;
  "mentoring.offer": undefined;
  "mentoring.find": undefined;
  "mentoring.request": { mentorId: string };
  "mentoring.view": MentorshipRef;
  "mentoring.respond": MentorshipRef;
  "mentoring.withdraw": MentorshipRef;
  "mentoring.participate": MentorshipRef;
  "mentoring.feedback": MentorshipRef;
  "mentoring.administer": undefined;
  "analytics.viewEcosystem": undefined;
  "analytics.viewOrganization": { id: number };
  "analytics.import": undefined;
  "analytics.manageApiKeys": undefined;
  "account.exportData": undefined;
  "account.delete": undefined;
  "user.mute": { id: string };
}

/** A council's content: its threads, meetings, proposals, minutes, roster. */
export interface CouncilSubject {
  councilId: string;
}
export type Permission = keyof Subjects;

type Rule<P extends Permission> = (actor: SessionUser, subject: Subjects[P], now: Date) => boolean;

const isAdmin = (actor: SessionUser) => actor.role === "admin";
export const isSuspended = (actor: SessionUser, now: Date) =>
  actor.suspendedUntil !== null && actor.suspendedUntil.getTime() > now.getTime();

export const isStaff = (actor: SessionUser) => actor.role === "moderator" || actor.role === "admin";

function readsCategory(actor: SessionUser | null, category: CategoryRef) {
  switch (category.visibility) {
    case "public":
      return true;
    case "members":
      return actor !== null;
    case "staff":
      return actor !== null && isStaff(actor);
    case "council":
      return category.councilId !== null ? seesCouncil(actor, category.councilId) : actor !== null && isAdmin(actor);
  }
}

/**
 * THE council visibility rule (docs/decisions/013-council-privacy.md): admins, and current
 * members whose session carries the council (accepted, not ended, current terms acknowledged).
 * The term end is checked here against the clock, so a term that ends mid-session ends access.
 */
function councilAccess(actor: SessionUser | null, councilId: string, now = new Date()) {
  if (!actor) return undefined;
  return actor.councils?.find((c) => c.councilId === councilId && c.termEndsAt.getTime() > now.getTime());
}

function seesCouncil(actor: SessionUser | null, councilId: string, now = new Date()) {
  return actor !== null && (isAdmin(actor) || councilAccess(actor, councilId, now) !== undefined);
}

/** The councils the actor may enter now, with their role in each: terms that have ended drop out. */
export function currentCouncils(actor: Actor, now = new Date()) {
  return (actor?.councils ?? []).filter((c) => c.termEndsAt.getTime() > now.getTime());
}

/** Council ids whose content the actor may read now; "all" for admins. */
export function readableCouncilIds(actor: Actor, now = new Date()): string[] | "all" {
  if (!actor) return [];
  if (isAdmin(actor)) return "all";
  return currentCouncils(actor, now).map((c) => c.councilId);
}

/** Council ids whose space the actor chairs now (moderates, decision 016). */
export function chairedCouncilIds(actor: Actor, now = new Date()): string[] {
  return currentCouncils(actor, now).filter((c) => c.role === "chair").map((c) => c.councilId);
}

/**
 * Who moderates a category: staff everywhere they can read, and a council's chair inside that
 * council's space only (decision 016). The chair's power ends with their term, like their access.
 */
function moderatesCategory(actor: SessionUser | null, category: CategoryRef, now = new Date()) {
  if (!actor) return false;
  if (isStaff(actor)) return true;
  return category.visibility === "council" && category.councilId !== null && councilAccess(actor, category.councilId, now)?.role === "chair";
}

function readsThread(actor: SessionUser | null, thread: ThreadRef) {
  if (!readsCategory(actor, thread.category)) return false;
  if (thread.deletedAt) return moderatesCategory(actor, thread.category);
  if (thread.hiddenAt) return actor !== null && (moderatesCategory(actor, thread.category) || actor.id === thread.authorId);
  return true;
}

function readsPost(actor: SessionUser | null, post: PostRef) {
  if (!readsThread(actor, post.thread)) return false;
  if (post.hiddenAt) return actor !== null && (moderatesCategory(actor, post.thread.category) || actor.id === post.authorId);
  return true;
}

/** Reads for visitors too: these permissions are checked before the signed-in rules. */
const publicReads: Partial<{ [P in Permission]: (actor: Actor, subject: Subjects[P]) => boolean }> = {
  "forum.readCategory": readsCategory,
  "forum.readThread": readsThread,
  "forum.readPost": readsPost,
  // Leaderboards, badges and profiles' recognition are public, like profiles themselves.
  "recognition.readLeaderboard": () => true,
};

const rules: { [P in Permission]: Rule<P> } = {
  "forum.readCategory": readsCategory,
  "forum.readThread": readsThread,
  "forum.readPost": readsPost,
  "forum.createThread": (actor, category, now) => readsCategory(actor, category) && !isSuspended(actor, now),
  "forum.reply": (actor, thread, now) =>
    readsThread(actor, thread) && !isSuspended(actor, now) && (!thread.lockedAt || isStaff(actor)) && !thread.deletedAt,
  "forum.editPost": (actor, post, now) =>
    readsPost(actor, post) && !post.deletedAt && ((actor.id === post.authorId && !isSuspended(actor, now) && !post.thread.lockedAt) || isStaff(actor)),
  "forum.deletePost": (actor, post) => readsPost(actor, post) && !post.deletedAt && (actor.id === post.authorId || isStaff(actor)),
  // Never on one's own post: reactions are recognition, and recognition is not self-service.
  "forum.react": (actor, post, now) =>
    readsPost(actor, post) && actor.id !== post.authorId && !post.deletedAt && !post.hiddenAt && !isSuspended(actor, now),
  "forum.acceptAnswer": (actor, thread, now) =>
    readsThread(actor, thread) && ((actor.id === thread.authorId && !isSuspended(actor, now)) || isStaff(actor)),
  "forum.moderate": (actor, thread, now) => readsThread(actor, thread) && moderatesCategory(actor, thread.category, now),
  "admin.access": (actor) => isAdmin(actor),
  // Admins change others' roles; never their own, so the last admin cannot lock everyone out.
  "user.changeRole": (actor, user) => isAdmin(actor) && actor.id !== user.id,
  "profile.edit": (actor, user) => actor.id === user.id || isAdmin(actor),
  "organization.manage": (actor, organization) =>
    isAdmin(actor) || (actor.role === "partner_admin" && actor.organizationId === organization.id),
  "organization.requestToJoin": (actor) => actor.organizationId === null && !actor.isVendorStaff,
  "realtime.joinRoom": (actor, { room }) => roomRule(actor, room),
  // Unaffiliated accounts take part but earn no recognition until an organization vouches for them.
  "recognition.earn": (actor) => actor.organizationId !== null && !actor.isVendorStaff,
  "recognition.manageRules": (actor) => isAdmin(actor),
  "content.post": (actor, _subject, now) => !isSuspended(actor, now),
  // People's profiles are for signed-in members; visitors see the public partner list (/orgs).
  "directory.view": () => true,
  "organization.create": (actor) => isAdmin(actor),
  "organization.moveMember": (actor) => isAdmin(actor),
  "follow.create": () => true,
  "messages.send": (actor, _subject, now) => !isSuspended(actor, now),
  // Only participants, staff included: moderators see a message only when it is reported to them.
  "messages.read": (actor, { participantIds }) => participantIds.includes(actor.id),
  "messages.reviewReports": (actor) => isStaff(actor),
  // The review queue, audit log and moderator tools.
  "moderation.access": (actor) => isStaff(actor),
  // The review queue: staff, and chairs for their own council's items (listQueue scopes them).
  "moderation.review": (actor, _subject, now) => isStaff(actor) || chairedCouncilIds(actor, now).length > 0,
  // What flagged or audited content says. Council content: admins and that council's chair
  // (staff or not); other moderators see that an item exists, not its words.
  "moderation.viewContent": (actor, category, now) =>
    category.visibility !== "council"
      ? isStaff(actor)
      : isAdmin(actor) || (category.councilId !== null && councilAccess(actor, category.councilId, now)?.role === "chair"),
  // Moving into or out of a council space crosses a confidentiality boundary: admins only.
  // A chair moves threads between categories of their own council, never out of it.
  "moderation.moveThread": (actor, { from, to }, now) =>
    readsCategory(actor, to) &&
    ((isStaff(actor) && (isAdmin(actor) || (from.visibility !== "council" && to.visibility !== "council"))) ||
      (from.visibility === "council" && to.visibility === "council" && from.councilId !== null && from.councilId === to.councilId && councilAccess(actor, from.councilId, now)?.role === "chair")),
  "moderation.flag": (actor, post, now) =>
    readsPost(actor, post) && actor.id !== post.authorId && !post.deletedAt && !isSuspended(actor, now),
  // Recognition is never self-service, for moderators either.
  "moderation.award": (actor, { recipientId }) => isStaff(actor) && actor.id !== recipientId,
  // Moderators restrict members; only admins restrict staff; nobody restricts themselves.
  "moderation.restrictUser": (actor, user) =>
    isStaff(actor) && actor.id !== user.id && (isAdmin(actor) || (user.role !== "admin" && user.role !== "moderator")),
  "council.enter": (actor, { councilId }, now) => seesCouncil(actor, councilId, now),
  // Drafting, RSVPs, agenda items: members only (an admin oversees but does not take part).
  "council.participate": (actor, { councilId }, now) => councilAccess(actor, councilId, now) !== undefined && !isSuspended(actor, now),
  // The vendor liaison sits in, but partners decide.
  "council.vote": (actor, { councilId }, now) => {
    const access = councilAccess(actor, councilId, now);
    return access !== undefined && access.role !== "vendor_liaison" && !isSuspended(actor, now);
  },
  "council.chair": (actor, { councilId }, now) => isAdmin(actor) || councilAccess(actor, councilId, now)?.role === "chair",
  // Flags, review items and audit text about council content: the chair and admins only.
  "council.moderate": (actor, { councilId }, now) => isAdmin(actor) || councilAccess(actor, councilId, now)?.role === "chair",
  "council.manage": (actor) => isAdmin(actor),
  "forum.moveAcrossCouncil": (actor) => isAdmin(actor),
  "mentoring.offer": (actor, _subject, now) => !isSuspended(actor, now),
  "mentoring.find": () => true,
  "mentoring.request": (actor, mentor, now) => actor.id !== mentor.mentorId && !isSuspended(actor, now),
  // A mentorship's notes and sessions belong to its two people; admins oversee the programme.
  "mentoring.view": (actor, m) => isMentoringParty(actor, m) || isAdmin(actor),
  "mentoring.respond": (actor, m, now) => actor.id === m.mentorId && m.status === "requested" && !isSuspended(actor, now),
  "mentoring.withdraw": (actor, m) => actor.id === m.menteeId && m.status === "requested",
  // Admins read the space but do not write in it: notes and sessions are the pair's own record.
  "mentoring.participate": (actor, m, now) => isMentoringParty(actor, m) && m.status === "active" && !isSuspended(actor, now),
  "mentoring.feedback": (actor, m) => isMentoringParty(actor, m) && m.status === "ended",
  "mentoring.administer": (actor) => isAdmin(actor),
  // Whoever may read a council's space may see what its recognition is for; others see "council contribution".
  "recognition.seeCouncilActivity": (actor, { councilId }) => readsCategory(actor, { id: 0, visibility: "council", councilId }),
  "recognition.readLeaderboard": () => true,
  // Program figures are commercial data: the vendor's admins see every partner's, a partner
  // admin only their own organization's, members none (docs/decisions/021-program-analytics.md).
  "analytics.viewEcosystem": (actor) => isAdmin(actor),
  "analytics.viewOrganization": (actor, organization) =>
    isAdmin(actor) || (actor.role === "partner_admin" && actor.organizationId === organization.id),
  "analytics.import": (actor) => isAdmin(actor),
  "analytics.manageApiKeys": (actor) => isAdmin(actor),
  // One's own data, and one's own account: a suspension does not take these away (decision 023).
  "account.exportData": () => true,
  "account.delete": () => true,
  // Muting is one person's view; never oneself. Staff can be muted too: it hides nothing from them.
  "user.mute": (actor, user) => actor.id !== user.id,
};

function isMentoringParty(actor: SessionUser, m: MentorshipRef) {
  return actor.id === m.mentorId || actor.id === m.menteeId;
}

function roomRule(actor: SessionUser, room: string) {
  const [kind, id] = room.split(":", 2);
  switch (kind) {
    case "user":
      return id === actor.id;
    case "org":
      return isAdmin(actor) || String(actor.organizationId) === id;
    case "moderators":
      return isStaff(actor);
    case "council":
      return id !== undefined && seesCouncil(actor, id);
    default:
      return false;
  }
}

export function can<P extends Permission>(
  actor: Actor,
  permission: P,
  ...[subject, now = new Date()]: Subjects[P] extends undefined ? [undefined?, Date?] : [Subjects[P], Date?]
): boolean {
  const publicRead = publicReads[permission] as ((a: Actor, s: Subjects[P]) => boolean) | undefined;
  if (publicRead) return publicRead(actor, subject as Subjects[P]);
  if (!actor) return false;
  const rule = rules[permission] as Rule<P> | undefined;
  return rule ? rule(actor, subject as Subjects[P], now) : false;
}

/**
 * Throws when not allowed. `hide` answers 404 instead of 403 for things whose existence the
 * actor may not learn.
 */
export function authorize<P extends Permission>(
  actor: Actor,
  permission: P,
  subject: Subjects[P],
  options: { hide?: boolean } = {},
) {
  const allowed = (can as (a: Actor, p: P, s: Subjects[P]) => boolean)(actor, permission, subject);
  if (allowed) return;
  if (options.hide) throw new DomainError("That page does not exist.", 404);
  if (!actor) throw new DomainError("Log in to do that.", 403);
  throw new DomainError("You are not allowed to do that.", 403);
}

/**
 * The same visibility rules as SQL, for every list and search: rows the actor may not read are
 * never loaded. Use inside `.where(...)` on a query that joins `categories` (and `threads`).
 */
export function visibleCategories(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "categories">): Expression<SqlBool> => {
    const allowed: CategoryVisibility[] = ["public"];
    if (actor) allowed.push("members");
    if (actor && isStaff(actor)) allowed.push("staff");
    if (actor && isAdmin(actor)) allowed.push("council");
    const councils = readableCouncilIds(actor);
    if (councils === "all" || councils.length === 0) return eb("categories.visibility", "in", allowed);
    return eb.or([
      eb("categories.visibility", "in", allowed),
      eb.and([eb("categories.visibility", "=", "council"), eb("categories.council_id", "in", councils)]),
    ]);
  };
}

export function visibleThreads(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "categories" | "threads">): Expression<SqlBool> => {
    const category = visibleCategories(actor)(eb);
    if (actor && isStaff(actor)) return category;
    const shown = eb.and([eb("threads.deleted_at", "is", null), eb("threads.hidden_at", "is", null)]);
    const ownHidden = actor
      ? eb.and([eb("threads.deleted_at", "is", null), eb("threads.author_id", "=", actor.id)])
      : sql<SqlBool>`false`;
    return eb.and([category, eb.or([shown, ownHidden, chairedSpace(actor, eb)])]);
  };
}

export function visiblePosts(actor: Actor) {
  return (eb: ExpressionBuilder<DB, "categories" | "threads" | "posts">): Expression<SqlBool> => {
    const thread = visibleThreads(actor)(eb);
    if (actor && isStaff(actor)) return thread;
    const own = actor ? eb("posts.author_id", "=", actor.id) : sql<SqlBool>`false`;
    return eb.and([thread, eb.or([eb("posts.hidden_at", "is", null), own, chairedSpace(actor, eb)])]);
  };
}

/** A chair sees hidden and deleted content of the council they chair, as moderators do elsewhere. */
function chairedSpace(actor: Actor, eb: ExpressionBuilder<DB, "categories">): Expression<SqlBool> {
  const chaired = chairedCouncilIds(actor);
  if (chaired.length === 0) return sql<SqlBool>`false`;
  return eb.and([eb("categories.visibility", "=", "council"), eb("categories.council_id", "in", chaired)]);
}

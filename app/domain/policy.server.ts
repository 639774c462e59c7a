import type { SessionUser } from "./accounts/auth.server";
import { DomainError } from "./errors";

/**
 * Who may do what: the one module every loader, action, socket handler and list asks.
 * Default deny: a permission without a rule here is refused.
 */
export type Actor = SessionUser | null;

interface Subjects {
  "admin.access": undefined;
  "user.changeRole": { id: string };
  "profile.edit": { id: string };
  "organization.manage": { id: number };
  "organization.requestToJoin": { id: number };
  "realtime.joinRoom": { room: string };
  "recognition.earn": undefined;
  "content.post": undefined;
}
export type Permission = keyof Subjects;

type Rule<P extends Permission> = (actor: SessionUser, subject: Subjects[P], now: Date) => boolean;

const isAdmin = (actor: SessionUser) => actor.role === "admin";
const isSuspended = (actor: SessionUser, now: Date) =>
  actor.suspendedUntil !== null && actor.suspendedUntil.getTime() > now.getTime();

const rules: { [P in Permission]: Rule<P> } = {
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
  "content.post": (actor, _subject, now) => !isSuspended(actor, now),
};

function roomRule(actor: SessionUser, room: string) {
  const [kind, id] = room.split(":", 2);
  switch (kind) {
    case "user":
      return id === actor.id;
    case "org":
      return isAdmin(actor) || String(actor.organizationId) === id;
    default:
      return false;
  }
}

export function can<P extends Permission>(
  actor: Actor,
  permission: P,
  ...[subject, now = new Date()]: Subjects[P] extends undefined ? [undefined?, Date?] : [Subjects[P], Date?]
): boolean {
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

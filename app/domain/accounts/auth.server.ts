import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import type { Kysely } from "kysely";
import type { DB, Role, UserRow } from "../../../db/schema";
import type { CouncilRole } from "../../../db/schema-parts/councils";
import { councilAccessColumn, councilAccessFromColumn } from "../councils/access.server";

/**
 * Lucia v3 is no longer developed upstream, so nothing outside this module imports it
 * (docs/decisions/005-lucia-behind-one-module.md). The rest of the app sees `Auth`.
 */
interface UserAttributes {
  email: string;
  handle: string;
  display_name: string;
  role: Role;
  organization_id: number | null;
  is_vendor_staff: boolean;
  suspended_until: Date | null;
  created_at: Date;
  two_factor_enabled?: boolean;
  councils?: readonly CouncilAccess[];
}

interface SessionAttributes {
  ip: string | null;
  user_agent: string | null;
  last_used_at?: Date | null;
}

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof buildLucia>;
    DatabaseUserAttributes: UserAttributes;
    DatabaseSessionAttributes: SessionAttributes;
  }
}

export interface SessionUser {
  id: string;
  email: string;
  handle: string;
  displayName: string;
  role: Role;
  organizationId: number | null;
  isVendorStaff: boolean;
  suspendedUntil: Date | null;
  /** When the account was made: the posting limits and the new-account hold go by it. */
  createdAt: Date;
  /** Whether a second factor is set up; read with the session for the staff enrolment gate. */
  twoFactorEnabled?: boolean;
  /**
   * Councils this person may enter now (docs/decisions/013-council-privacy.md), read fresh with
   * every session check. Absent means none: a session user built without it sees no council.
   */
  councils?: readonly CouncilAccess[];
}

/** A current, acknowledged council membership; the policy re-checks termEndsAt against the clock. */
export interface CouncilAccess {
  councilId: string;
  role: CouncilRole;
  termEndsAt: Date;
}

/** The user columns a session user is made of; select these, then call toSessionUser. */
export const SESSION_USER_COLUMNS = [
  "id",
  "email",
  "handle",
  "display_name",
  "role",
  "organization_id",
  "is_vendor_staff",
  "suspended_until",
  "created_at",
] as const;

type SessionUserRow = Pick<UserRow, (typeof SESSION_USER_COLUMNS)[number]>;

/** A user row as the policy module sees people: the one mapping every caller shares. */
export function toSessionUser(row: SessionUserRow): SessionUser {
  return {
    id: row.id,
    email: row.email,
    handle: row.handle,
    displayName: row.display_name,
    role: row.role,
    organizationId: row.organization_id,
    isVendorStaff: row.is_vendor_staff,
    suspendedUntil: row.suspended_until,
    createdAt: new Date(row.created_at),
  };
}

function kyselyAdapter(db: Kysely<DB>): Adapter {
  const toSession = (row: {
    id: string;
    user_id: string;
    expires_at: Date;
    ip: string | null;
    user_agent: string | null;
    last_used_at?: Date | null;
  }): DatabaseSession => ({
    id: row.id,
    userId: row.user_id,
    expiresAt: new Date(row.expires_at),
    attributes: { ip: row.ip, user_agent: row.user_agent, last_used_at: row.last_used_at ? new Date(row.last_used_at) : null },
  });
  return {
    async getSessionAndUser(sessionId) {
      const row = await db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .leftJoin("user_two_factor", "user_two_factor.user_id", "sessions.user_id")
        .select([
          "sessions.last_used_at",
          "user_two_factor.enabled_at as two_factor_enabled_at",
          "sessions.id",
          "sessions.user_id",
          "sessions.expires_at",
          "sessions.ip",
          "sessions.user_agent",
          "users.email",
          "users.handle",
          "users.display_name",
          "users.role",
          "users.organization_id",
          "users.is_vendor_staff",
          "users.suspended_until",
          "users.created_at",
          // Read fresh with the session, in the same statement (docs/decisions/013-council-privacy.md).
          councilAccessColumn(db, "sessions.user_id").as("councils"),
        ])
        .where("sessions.id", "=", sessionId)
        .executeTakeFirst();
      if (!row) return [null, null];
      const user: DatabaseUser = {
        id: row.user_id,
        attributes: {
          email: row.email,
          handle: row.handle,
          display_name: row.display_name,
          role: row.role,
          organization_id: row.organization_id,
          is_vendor_staff: row.is_vendor_staff,
          suspended_until: row.suspended_until,
          created_at: row.created_at,
          two_factor_enabled: row.two_factor_enabled_at !== null,
          councils: councilAccessFromColumn(row.councils),
        },
      };
      return [toSession(row), user];
    },
    async getUserSessions(userId) {
      const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", userId).execute();
      return rows.map(toSession);
    },
    async setSession(session) {
      await db
        .insertInto("sessions")
        .values({
          id: session.id,
          user_id: session.userId,
          expires_at: session.expiresAt,
          ip: session.attributes.ip,
          user_agent: session.attributes.user_agent,
          last_used_at: new Date(),
        })
        .execute();
    },
    async updateSessionExpiration(sessionId, expiresAt) {
      await db.updateTable("sessions").set({ expires_at: expiresAt }).where("id", "=", sessionId).execute();
    },
    async deleteSession(sessionId) {
      await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
    },
    async deleteUserSessions(userId) {
      await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
    },
    async deleteExpiredSessions() {
      await db.deleteFrom("sessions").where("expires_at", "<=", new Date()).execute();
    },
  };
}

function buildLucia(db: Kysely<DB>, secureCookies: boolean) {
  return new Lucia(kyselyAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: { name: "pc_session", attributes: { secure: secureCookies, sameSite: "lax" } },
    getSessionAttributes: (attributes) => ({ lastUsedAt: attributes.last_used_at ?? null }),
    getUserAttributes: (attributes): Omit<SessionUser, "id"> => ({
      email: attributes.email,
      handle: attributes.handle,
      displayName: attributes.display_name,
      role: attributes.role,
      organizationId: attributes.organization_id,
      isVendorStaff: attributes.is_vendor_staff,
      suspendedUntil: attributes.suspended_until ? new Date(attributes.suspended_until) : null,
      createdAt: new Date(attributes.created_at),
      twoFactorEnabled: attributes.two_factor_enabled ?? false,
      councils: attributes.councils ?? [],
    }),
  });
}

export interface SessionInfo {
  user: SessionUser;
  sessionId: string;
  /** A Set-Cookie value when the session was extended (or ended), else null. */
  refreshCookie: string | null;
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * How stale a session's last use may get before a request writes it again: the sessions page
 * shows "last used" to the nearest few minutes, and most requests then write nothing.
 */
export const LAST_USED_PRECISION_MS = 5 * 60_000;

export function createAuth(db: Kysely<DB>, options: { secureCookies: boolean }) {
  const lucia = buildLucia(db, options.secureCookies);
  return {
    cookieName: lucia.sessionCookieName,
    readSessionId(cookieHeader: string | null | undefined) {
      return cookieHeader ? lucia.readSessionCookie(cookieHeader) : null;
    },
    async validate(cookieHeader: string | null | undefined): Promise<SessionInfo | null> {
      const sessionId = cookieHeader ? lucia.readSessionCookie(cookieHeader) : null;
      if (!sessionId) return null;
      const { session, user } = await lucia.validateSession(sessionId);
      if (!session) return null;
      const lastUsed = session.lastUsedAt;
      const now = Date.now();
      if (!lastUsed || now - lastUsed.getTime() > LAST_USED_PRECISION_MS) {
        await db.updateTable("sessions").set({ last_used_at: new Date(now) }).where("id", "=", session.id).execute();
      }
      return {
        user: user as SessionUser,
        sessionId: session.id,
        refreshCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
      };
    },
    async startSession(userId: string, meta: { ip: string | null; userAgent: string | null }) {
      const session = await lucia.createSession(userId, { ip: meta.ip, user_agent: meta.userAgent });
      return { sessionId: session.id, cookie: lucia.createSessionCookie(session.id).serialize() };
    },
    async endSession(sessionId: string) {
      await lucia.invalidateSession(sessionId);
      return lucia.createBlankSessionCookie().serialize();
    },
    async endAllSessions(userId: string) {
      await lucia.invalidateUserSessions(userId);
    },
    blankCookie() {
      return lucia.createBlankSessionCookie().serialize();
    },
  };
}

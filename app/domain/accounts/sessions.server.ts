import Bowser from "bowser";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "./auth.server";
import { recordAudit } from "../audit.server";
import { notFound } from "../errors";
import { hashToken } from "../../utils/ids.server";

/**
 * Session ids are bearer secrets, so pages name a session by a digest of its id, never the id:
 * the sessions page can be screenshotted or cached without handing anyone a way in.
 */
export const publicSessionId = (sessionId: string) => hashToken(`session:${sessionId}`).slice(0, 20);

/** "Firefox on Windows", "Safari on iOS"; the raw header is noise to most people. */
export function summarizeUserAgent(userAgent: string | null) {
  if (!userAgent) return "Unknown device";
  const parsed = Bowser.parse(userAgent);
  const browser = parsed.browser.name;
  const os = parsed.os.name;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? "Unknown device";
}

export async function listSessions(db: Kysely<DB>, userId: string, currentSessionId: string | null, now = new Date()) {
  const rows = await db
    .selectFrom("sessions")
    .select(["id", "ip", "user_agent", "created_at", "last_used_at"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("last_used_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: publicSessionId(row.id),
    current: row.id === currentSessionId,
    device: summarizeUserAgent(row.user_agent),
    ip: row.ip,
    signedInAt: row.created_at,
    lastUsedAt: row.last_used_at ?? row.created_at,
  }));
}

/** Ends one of the person's own sessions, named by its public id; returns the real id (to drop its sockets). */
export async function endOwnSession(db: Kysely<DB>, actor: SessionUser, publicId: string) {
  const rows = await db.selectFrom("sessions").select("id").where("user_id", "=", actor.id).execute();
  const match = rows.find((row) => publicSessionId(row.id) === publicId);
  if (!match) throw notFound("That session");
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("sessions").where("id", "=", match.id).where("user_id", "=", actor.id).execute();
    await recordAudit(trx, { actorId: actor.id, action: "account.session_ended", targetType: "user", targetId: actor.id, after: { session: publicId } });
  });
  return match.id;
}

/** "Sign out everywhere else"; returns the ended ids so their sockets can be dropped too. */
export async function endOtherSessions(db: Kysely<DB>, actor: SessionUser, keepSessionId: string) {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .deleteFrom("sessions")
      .where("user_id", "=", actor.id)
      .where("id", "<>", keepSessionId)
      .returning("id")
      .execute();
    await recordAudit(trx, { actorId: actor.id, action: "account.other_sessions_ended", targetType: "user", targetId: actor.id, after: { count: ended.length } });
    return ended.map((row) => row.id);
  });
}

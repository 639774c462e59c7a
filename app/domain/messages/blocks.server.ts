import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";

/**
 * Blocking someone: neither can message the other one-to-one or start a conversation with the
 * other, and the blocker no longer sees their messages in shared groups.
 */
export async function setBlocked(db: Kysely<DB>, actor: SessionUser, userId: string, blocked: boolean) {
  if (userId === actor.id) throw new DomainError("You cannot block yourself.", 400);
  const exists = await db.selectFrom("users").select("id").where("id", "=", userId).executeTakeFirst();
  if (!exists) throw notFound("That person");
  if (blocked) {
    await db.insertInto("user_blocks").values({ blocker_id: actor.id, blocked_id: userId }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom("user_blocks").where("blocker_id", "=", actor.id).where("blocked_id", "=", userId).execute();
  }
}

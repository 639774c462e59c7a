import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { notFound } from "../errors";
import { authorize } from "../policy.server";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Muting (docs/decisions/023): one person's view of another. Their posts collapse for the muter,
 * they cannot message the muter, and nothing they do notifies the muter. They are not told.
 */
export async function setUserMuted(db: Kysely<DB>, actor: SessionUser, userId: string, muted: boolean) {
  const person = await db.selectFrom("users").select(["id", "display_name"]).where("id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
  if (!person) throw notFound("That person");
  authorize(actor, "user.mute", { id: person.id });
  if (muted) {
    await db.insertInto("user_mutes").values({ muter_id: actor.id, muted_id: person.id }).onConflict((oc) => oc.doNothing()).execute();
  } else {
    await db.deleteFrom("user_mutes").where("muter_id", "=", actor.id).where("muted_id", "=", person.id).execute();
  }
  return { displayName: person.display_name };
}

/** A column for a post query: whether the viewer muted the post's author (their post folds away). */
export function authorMutedBy(viewerId: string) {
  return sql<boolean>`exists (select 1 from user_mutes um where um.muter_id = ${viewerId} and um.muted_id = posts.author_id)`;
}

/** A column for a statement over people (their id at `muterColumn`): whether they muted this person. */
export function hasMutedColumn(mutedId: string, muterColumn: string) {
  return sql<boolean>`exists (select 1 from user_mutes um where um.muter_id = ${sql.ref(muterColumn)} and um.muted_id = ${mutedId})`;
}

/** The people the actor muted, newest first, for the settings list. */
export async function listMuted(db: Kysely<DB>, actorId: string) {
  return db
    .selectFrom("user_mutes")
    .innerJoin("users", "users.id", "user_mutes.muted_id")
    .select(["users.id", "users.handle", "users.display_name", "user_mutes.created_at"])
    .where("user_mutes.muter_id", "=", actorId)
    .where("users.deleted_at", "is", null)
    .orderBy("user_mutes.created_at", "desc")
    .execute();
}

/** Which of these authors the viewer muted: the thread page collapses their posts. */
export async function mutedAmong(db: Db, viewerId: string | null, authorIds: string[]): Promise<Set<string>> {
  if (!viewerId || authorIds.length === 0) return new Set();
  const rows = await db.selectFrom("user_mutes").select("muted_id").where("muter_id", "=", viewerId).where("muted_id", "in", [...new Set(authorIds)]).execute();
  return new Set(rows.map((row) => row.muted_id));
}

/** Which of these people muted the author: they get no message and no notification from them. */
export async function mutersAmong(db: Db, authorId: string, userIds: string[]): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.selectFrom("user_mutes").select("muter_id").where("muted_id", "=", authorId).where("muter_id", "in", [...new Set(userIds)]).execute();
  return new Set(rows.map((row) => row.muter_id));
}

export async function isMuted(db: Db, muterId: string, mutedId: string) {
  return (await mutedAmong(db, muterId, [mutedId])).has(mutedId);
}

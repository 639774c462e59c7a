import { sql, type Expression, type Kysely, type Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { notFound } from "../errors";
import { loadThreadRef } from "../forum/refs.server";
import { can, visibleCategories } from "../policy.server";
import type { WatchLevel } from "./kinds";

type Db = Kysely<DB> | Transaction<DB>;

/** Where a thread's level comes from: the thread's own row beats its category's; else normal. */
export type LevelSource = "thread" | "category" | "default";

/** `default` removes the thread's own choice, so its category's (or normal) applies again. */
export async function setThreadWatch(db: Kysely<DB>, actor: SessionUser, threadId: string, level: WatchLevel | "default") {
  const thread = await loadThreadRef(db, threadId);
  if (!thread || !can(actor, "forum.readThread", thread)) throw notFound("That thread");
  if (level === "default") {
    await db.deleteFrom("thread_watches").where("user_id", "=", actor.id).where("thread_id", "=", thread.id).execute();
  } else {
    await db
      .insertInto("thread_watches")
      .values({ user_id: actor.id, thread_id: thread.id, level, updated_at: new Date() })
      .onConflict((oc) => oc.columns(["user_id", "thread_id"]).doUpdateSet({ level, updated_at: new Date() }))
      .execute();
  }
  return threadWatchLevel(db, actor.id, { id: thread.id, categoryId: thread.category.id });
}

/** Normal is every category's default, so choosing it removes the row. */
export async function setCategoryWatch(db: Kysely<DB>, actor: SessionUser, categoryId: number, level: WatchLevel) {
  const category = await db.selectFrom("categories").select(["id", "visibility", "council_id"]).where("id", "=", categoryId).executeTakeFirst();
  if (!category || !can(actor, "forum.readCategory", { id: category.id, visibility: category.visibility, councilId: category.council_id })) {
    throw notFound("That category");
  }
  if (level === "normal") {
    await db.deleteFrom("category_watches").where("user_id", "=", actor.id).where("category_id", "=", category.id).execute();
    return;
  }
  await db
    .insertInto("category_watches")
    .values({ user_id: actor.id, category_id: category.id, level, updated_at: new Date() })
    .onConflict((oc) => oc.columns(["user_id", "category_id"]).doUpdateSet({ level, updated_at: new Date() }))
    .execute();
}

export async function threadWatchLevel(db: Db, userId: string, thread: { id: string; categoryId: number }) {
  const rows = await watchRows(db, thread, userId).execute();
  const levelFrom = (own: boolean) => rows.find((row) => row.own === own)?.level ?? null;
  return effectiveWatchLevel(levelFrom(true), levelFrom(false));
}

/**
 * The thread's own watch rows and its category's, in one statement (`own` tells them apart):
 * every signed-in thread page and every new post's notifications read both.
 */
function watchRows(db: Db, thread: { id: string | Expression<string>; categoryId: number | Expression<number> }, userId?: string) {
  let own = db.selectFrom("thread_watches").select(["user_id", "level", sql<boolean>`true`.as("own")]).where("thread_id", "=", thread.id);
  let category = db.selectFrom("category_watches").select(["user_id", "level", sql<boolean>`false`.as("own")]).where("category_id", "=", thread.categoryId);
  if (userId) {
    own = own.where("user_id", "=", userId);
    category = category.where("user_id", "=", userId);
  }
  return own.unionAll(category);
}

/** The thread's own level beats its category's; neither set means normal. */
export function effectiveWatchLevel(own: WatchLevel | null, category: WatchLevel | null): { level: WatchLevel; source: LevelSource } {
  if (own) return { level: own, source: "thread" };
  if (category) return { level: category, source: "category" };
  return { level: "normal", source: "default" };
}

/** The user's level for a category page's control: normal unless they chose otherwise. */
export async function categoryWatchLevel(db: Db, userId: string, categoryId: number): Promise<WatchLevel> {
  const row = await db.selectFrom("category_watches").select("level").where("user_id", "=", userId).where("category_id", "=", categoryId).executeTakeFirst();
  return row?.level ?? "normal";
}

/** Everyone with a non-default level for this thread, by the same precedence. */
export async function watchLevelsFor(db: Db, thread: { id: string; categoryId: number }): Promise<Map<string, WatchLevel>> {
  return watchLevelsFrom(await watchRows(db, thread).execute());
}

/**
 * watchLevelsFor as a column of a statement that has the thread at `threads.id` and
 * `threads.category_id` (a new post's notifications read it with the post). Turn it into levels
 * with watchLevelsFrom.
 */
export function watchRowsColumn(db: Db) {
  return jsonArrayFrom(watchRows(db, { id: sql.ref<string>("threads.id"), categoryId: sql.ref<number>("threads.category_id") }));
}

export function watchLevelsFrom(rows: ReadonlyArray<{ user_id: string; level: WatchLevel; own: boolean }>): Map<string, WatchLevel> {
  const levels = new Map<string, WatchLevel>();
  for (const row of rows) if (!row.own) levels.set(row.user_id, row.level);
  for (const row of rows) if (row.own) levels.set(row.user_id, row.level);
  return levels;
}

/** The categories the actor may read, each with the actor's level, for the settings page. */
export async function categoryWatchList(db: Kysely<DB>, actor: SessionUser) {
  const rows = await db
    .selectFrom("categories")
    .leftJoin("category_watches", (join) =>
      join.onRef("category_watches.category_id", "=", "categories.id").on("category_watches.user_id", "=", actor.id),
    )
    .select(["categories.id", "categories.name", "categories.slug", "category_watches.level"])
    .where(visibleCategories(actor))
    .orderBy("categories.position")
    .orderBy("categories.name")
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.name, slug: row.slug, level: row.level ?? ("normal" as WatchLevel) }));
}

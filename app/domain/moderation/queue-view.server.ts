import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { authorize, can, chairedCouncilIds, type Actor } from "../policy.server";
import { levelOf } from "./flags.server";

export type QueueView = "open" | "settled";

/**
 * The review queue with what a moderator needs to decide: the post and its thread, the author's
 * history and level, and every flag. Council content shows only that an item exists unless the
 * policy lets this moderator read it.
 */
export async function listQueue(db: Kysely<DB>, actor: SessionUser, options: { view?: QueueView; limit?: number } = {}) {
  authorize(actor, "moderation.review", undefined, { hide: true });
  const view = options.view ?? "open";
  const scope = queueScope(actor);
  const rows = await db
    .selectFrom("review_items as item")
    .innerJoin("posts", "posts.id", "item.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users as author", "author.id", "posts.author_id")
    .leftJoin("users as claimer", "claimer.id", "item.claimed_by")
    .leftJoin("users as settler", "settler.id", "item.settled_by")
    .select([
      "item.id",
      "item.kind",
      "item.status",
      "item.resolution",
      "item.flag_weight",
      "item.claimed_by",
      "item.claimed_at",
      "item.settled_at",
      "item.created_at",
      "claimer.display_name as claimed_by_name",
      "settler.display_name as settled_by_name",
      "posts.id as post_id",
      "posts.post_number",
      "posts.body_html",
      "posts.hidden_at",
      "posts.deleted_at",
      "posts.created_at as posted_at",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.slug as thread_slug",
      "categories.id as category_id",
      "categories.name as category_name",
      "categories.visibility as category_visibility",
      "categories.council_id",
      "author.id as author_id",
      "author.display_name as author_name",
      "author.handle as author_handle",
      "author.created_at as author_since",
      "author.suspended_until as author_suspended_until",
    ])
    .where("item.status", "in", view === "open" ? ["pending", "deferred"] : ["agreed", "disagreed"])
    .$if(scope !== "all", (qb) => qb.where("categories.visibility", "=", "council").where("categories.council_id", "in", scope === "all" ? [] : scope))
    .orderBy(view === "open" ? "item.created_at" : "item.settled_at", view === "open" ? "asc" : "desc")
    .orderBy("item.id")
    .limit(options.limit ?? 100)
    .execute();
  if (rows.length === 0) return [];

  const postIds = rows.map((row) => row.post_id);
  const authorIds = [...new Set(rows.map((row) => row.author_id))];
  const [flags, history] = await Promise.all([
    db
      .selectFrom("post_flags")
      .innerJoin("users", "users.id", "post_flags.flagger_id")
      .select(["post_flags.post_id", "post_flags.reason", "post_flags.note", "post_flags.weight", "post_flags.outcome", "post_flags.created_at", "users.display_name as flagger_name"])
      .where("post_flags.post_id", "in", postIds)
      .orderBy("post_flags.created_at")
      .execute(),
    db
      .selectFrom("posts")
      .select((eb) => [
        "posts.author_id",
        eb.fn.countAll<number>().as("posts"),
        eb.fn.count<number>("posts.hidden_at").as("hidden"),
        eb.fn.count<number>("posts.deleted_at").as("deleted"),
      ])
      .where("posts.author_id", "in", authorIds)
      .groupBy("posts.author_id")
      .execute(),
  ]);
  const agreedAgainst = await db
    .selectFrom("post_flags")
    .innerJoin("posts", "posts.id", "post_flags.post_id")
    .select((eb) => ["posts.author_id", eb.fn.count<number>("post_flags.id").distinct().as("n")])
    .where("posts.author_id", "in", authorIds)
    .where("post_flags.outcome", "=", "agreed")
    .groupBy("posts.author_id")
    .execute();
  const levels = new Map(await Promise.all(authorIds.map(async (id) => [id, await levelOf(db, id)] as const)));

  return rows.map((row) => {
    const readable = can(actor, "moderation.viewContent", { id: row.category_id, visibility: row.category_visibility, councilId: row.council_id });
    const counts = history.find((h) => h.author_id === row.author_id);
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      resolution: row.resolution,
      flagWeight: row.flag_weight,
      claimedBy: row.claimed_by ? { id: row.claimed_by, name: row.claimed_by_name ?? "someone", at: row.claimed_at } : null,
      settledBy: row.settled_by_name,
      settledAt: row.settled_at,
      createdAt: row.created_at,
      readable,
      category: { name: row.category_name, council: row.category_visibility === "council" },
      post: readable
        ? { id: row.post_id, number: row.post_number, html: row.body_html, hidden: row.hidden_at !== null, deleted: row.deleted_at !== null, postedAt: row.posted_at }
        : null,
      thread: readable ? { id: row.thread_id, title: row.thread_title, slug: row.thread_slug } : null,
      author: readable
        ? {
            id: row.author_id,
            name: row.author_name,
            handle: row.author_handle,
            since: row.author_since,
            suspended: row.author_suspended_until !== null && new Date(row.author_suspended_until).getTime() > Date.now(),
            level: levels.get(row.author_id) ?? 0,
            posts: Number(counts?.posts ?? 0),
            hidden: Number(counts?.hidden ?? 0),
            deleted: Number(counts?.deleted ?? 0),
            agreedFlags: Number(agreedAgainst.find((a) => a.author_id === row.author_id)?.n ?? 0),
          }
        : null,
      flags: flags
        .filter((flag) => flag.post_id === row.post_id)
        .map((flag) => ({ reason: flag.reason, note: readable ? flag.note : "", weight: flag.weight, outcome: flag.outcome, at: flag.created_at, by: flag.flagger_name })),
    };
  });
}

export type QueueItemView = Awaited<ReturnType<typeof listQueue>>[number];

/** Open items, for the header's "Review" link. */
export async function openQueueCount(db: Kysely<DB>, actor: SessionUser | null) {
  if (!can(actor, "moderation.review")) return null;
  const scope = queueScope(actor);
  const row = await db
    .selectFrom("review_items")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "pending")
    .$if(scope !== "all", (qb) =>
      qb.where("post_id", "in", (eb) =>
        eb
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .innerJoin("categories", "categories.id", "threads.category_id")
          .select("posts.id")
          .where("categories.visibility", "=", "council")
          .where("categories.council_id", "in", scope === "all" ? [] : scope),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Whose items a reviewer sees: staff the whole queue (council items redacted unless the policy
 * lets them read them); a chair who is not staff only their own council's items, nothing else,
 * not even that other items exist.
 */
function queueScope(actor: Actor): "all" | string[] {
  if (can(actor, "moderation.access")) return "all";
  return chairedCouncilIds(actor);
}

import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { ReactionKind } from "../../../db/schema-parts/forum";
import type { Actor } from "../policy.server";
import { can, visibleCategories, visiblePosts, visibleThreads } from "../policy.server";
import { notFound } from "../errors";
import { firstPostOfPage, POSTS_PER_PAGE } from "./posts.server";
import { avatarIdColumn } from "../uploads/avatars.server";
import { authorMutedBy } from "../account-data/mutes.server";

export const THREADS_PER_PAGE = 30;

export async function listCategories(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom("categories")
    .selectAll()
    .where(visibleCategories(actor))
    .orderBy("position")
    .orderBy("name")
    .execute();
}

export async function getCategoryBySlug(db: Kysely<DB>, actor: Actor, slug: string) {
  const category = await db.selectFrom("categories").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!category || !can(actor, "forum.readCategory", { id: category.id, visibility: category.visibility, councilId: category.council_id })) {
    throw notFound("That category");
  }
  return category;
}

export type ThreadListView = "latest" | "new" | "top";
export interface ThreadListOptions {
  categoryId?: number;
  view?: ThreadListView;
  status?: "unanswered" | "solved";
  tag?: string;
  period?: "week" | "month" | "year";
  page?: number;
}

/** Every thread list (category page, Latest, New, Top) goes through here, scoped by the policy in SQL. */
export async function listThreads(db: Kysely<DB>, actor: Actor, options: ThreadListOptions = {}) {
  const page = Math.max(1, options.page ?? 1);
  const view = options.view ?? "latest";
  let query = db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .where(visibleThreads(actor));
  if (options.categoryId) query = query.where("threads.category_id", "=", options.categoryId);
  if (options.status === "solved") query = query.where("threads.accepted_post_id", "is not", null);
  if (options.status === "unanswered") query = query.where("threads.reply_count", "=", 0);
  if (options.tag) {
    const tag = options.tag;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("thread_tags")
          .innerJoin("tags", "tags.id", "thread_tags.tag_id")
          .whereRef("thread_tags.thread_id", "=", "threads.id")
          .where("tags.slug", "=", tag),
      ),
    );
  }
  if (view === "top") {
    const days = { week: 7, month: 30, year: 365 }[options.period ?? "month"];
    query = query.where("threads.created_at", ">", new Date(Date.now() - days * 86_400_000));
  }
  let ordered = query.select([
    "threads.id",
    "threads.title",
    "threads.slug",
    "threads.reply_count",
    "threads.accepted_post_id",
    "threads.pinned_at",
    "threads.locked_at",
    "threads.hidden_at",
    "threads.last_posted_at",
    "threads.created_at",
    "categories.name as category_name",
    "categories.slug as category_slug",
    "categories.color as category_color",
    "users.display_name as author_name",
    "users.handle as author_handle",
  ]);
  if (view === "top") {
    ordered = ordered
      .select(
        sql<number>`(select coalesce(sum(p.reaction_count), 0) from posts p where p.thread_id = threads.id and p.deleted_at is null)`.as("score"),
      )
      .orderBy(sql`score`, "desc");
  } else if (view === "new") {
    ordered = ordered.orderBy("threads.created_at", "desc");
  } else {
    if (options.categoryId) ordered = ordered.orderBy(sql`threads.pinned_at is null`).orderBy("threads.pinned_at", "desc");
    ordered = ordered.orderBy("threads.last_posted_at", "desc");
  }
  const rows = await ordered
    .orderBy("threads.id")
    .limit(THREADS_PER_PAGE + 1)
    .offset((page - 1) * THREADS_PER_PAGE)
    .execute();
  const threads = rows.slice(0, THREADS_PER_PAGE);
  const tags = await tagsFor(db, threads.map((thread) => thread.id));
  return {
    threads: threads.map((thread) => ({ ...thread, tags: tags.get(thread.id) ?? [] })),
    page,
    hasMore: rows.length > THREADS_PER_PAGE,
  };
}

async function tagsFor(db: Kysely<DB>, threadIds: string[]) {
  const map = new Map<string, { slug: string; name: string }[]>();
  if (threadIds.length === 0) return map;
  const rows = await db
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select(["thread_tags.thread_id", "tags.slug", "tags.name"])
    .where("thread_tags.thread_id", "in", threadIds)
    .orderBy("tags.name")
    .execute();
  for (const row of rows) {
    const list = map.get(row.thread_id) ?? [];
    list.push({ slug: row.slug, name: row.name });
    map.set(row.thread_id, list);
  }
  return map;
}

/** Which page of a thread is shown, and the post number it starts at, for a requested page. */
export function threadPageRange(replyCount: number, requestedPage: number) {
  const pages = Math.max(1, Math.ceil((replyCount + 1) / POSTS_PER_PAGE));
  const page = Math.min(Math.max(1, requestedPage), pages);
  return { page, pages, firstNumber: firstPostOfPage(page) };
}

/**
 * One page of a thread in a fixed number of queries whatever its length: the thread, its tags,
 * the page's posts with authors, their reaction counts and the reader's own reactions.
 */

export async function getThreadPage(db: Kysely<DB>, actor: Actor, threadId: string, requestedPage = 1) {
  const thread = await db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "threads.author_id")
    .select([
      "threads.id",
      "threads.title",
      "threads.slug",
      "threads.author_id",
      "threads.reply_count",
      "threads.accepted_post_id",
      "threads.pinned_at",
      "threads.locked_at",
      "threads.hidden_at",
      "threads.deleted_at",
      "threads.created_at",
      "categories.id as category_id",
      "categories.name as category_name",
      "categories.slug as category_slug",
      "categories.visibility as category_visibility",
      "categories.council_id as category_council_id",
    ])
    .where("threads.id", "=", threadId)
    .where(visibleThreads(actor))
    .executeTakeFirst();
  if (!thread) throw notFound("That thread");

  const { page, pages, firstNumber } = threadPageRange(thread.reply_count, requestedPage);

  const [tags, posts] = await Promise.all([
    tagsFor(db, [thread.id]),
    db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("categories", "categories.id", "threads.category_id")
      .innerJoin("users", "users.id", "posts.author_id")
      .leftJoin("organizations", "organizations.id", "users.organization_id")
      .select([
        "posts.id",
        "posts.post_number",
        "posts.author_id",
        "posts.body_html",
        "posts.reaction_count",
        "posts.edit_count",
        "posts.edited_at",
        "posts.hidden_at",
        "posts.deleted_at",
        "posts.created_at",
        "posts.reply_to_post_id",
        "users.display_name as author_name",
        "users.handle as author_handle",
        "users.title as author_title",
        "organizations.name as author_organization",
        avatarIdColumn("users.id").as("author_avatar_id"),
        // Decision 023: a deleted author shows as "Former member", unlinked; a muted one folds away.
        sql<boolean>`users.deleted_at is not null`.as("author_deleted"),
        (actor ? authorMutedBy(actor.id) : sql<boolean>`false`).as("author_muted"),
      ])
      .where("posts.thread_id", "=", thread.id)
      .where("posts.post_number", ">=", firstNumber)
      .where("posts.post_number", "<", firstNumber + POSTS_PER_PAGE)
      .where(visiblePosts(actor))
      .orderBy("posts.post_number")
      .execute(),
  ]);
  const postIds = posts.map((post) => post.id);
  // Counts and the reader's own reactions in one pass over the page's reactions.
  const counts = postIds.length
    ? await db
        .selectFrom("reactions")
        .select([
          "post_id",
          "kind",
          (eb) => eb.fn.countAll<number>().as("n"),
          actor ? sql<boolean>`bool_or(reactions.user_id = ${actor.id})`.as("mine") : sql<boolean>`false`.as("mine"),
        ])
        .where("post_id", "in", postIds)
        .groupBy(["post_id", "kind"])
        .execute()
    : [];
  const reactionsOf = (postId: string) => {
    const result: Partial<Record<ReactionKind, { count: number; mine: boolean }>> = {};
    for (const row of counts) if (row.post_id === postId) result[row.kind] = { count: Number(row.n), mine: Boolean(row.mine) };
    return result;
  };
  return {
    thread: { ...thread, tags: tags.get(thread.id) ?? [] },
    posts: posts.map((post) => ({
      ...post,
      // Deleted posts keep their place in the thread but not their words.
      body_html: post.deleted_at ? "" : post.body_html,
      reactions: reactionsOf(post.id),
    })),
    page,
    pages,
  };
}

import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { loadPostRef } from "../forum/refs.server";
import { can, visibleCategories } from "../policy.server";

/** What the moderator tools page shows about one post and its thread. */
export async function postForModerator(db: Kysely<DB>, actor: SessionUser, postId: string) {
  const ref = await loadPostRef(db, postId);
  if (!ref || !can(actor, "forum.readPost", ref)) throw notFound("That post");
  if (!can(actor, "forum.moderate", ref.thread)) throw new DomainError("Only moderators can see this page.", 403);
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select([
      "posts.id",
      "posts.post_number",
      "posts.body_html",
      "posts.hidden_at",
      "posts.deleted_at",
      "posts.created_at",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.slug as thread_slug",
      "threads.locked_at",
      "threads.pinned_at",
      "categories.id as category_id",
      "categories.name as category_name",
      "users.display_name as author_name",
      "users.handle as author_handle",
    ])
    .where("posts.id", "=", ref.id)
    .executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom("categories")
    .select(["id", "name", "visibility", "council_id"])
    .where(visibleCategories(actor))
    .orderBy("position")
    .orderBy("name")
    .execute();
  const movable = categories.filter(
    (category) => category.id !== post.category_id && can(actor, "moderation.moveThread", { from: ref.thread.category, to: { id: category.id, visibility: category.visibility, councilId: category.council_id } }),
  );
  return { post, moveTargets: movable.map((c) => ({ id: c.id, name: c.name })) };
}

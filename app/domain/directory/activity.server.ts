import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { visiblePosts, type Actor } from "../policy.server";

export interface ActivityItem {
  post_id: string;
  post_number: number;
  created_at: Date;
  thread_id: string;
  thread_title: string;
  thread_slug: string;
  category_name: string;
  author_name: string;
  author_handle: string;
}

export type ActivitySource = { authorIds: string[] } | { organizationId: number } | { followerId: string };

/**
 * Threads started and replies posted, newest first, as the viewer may see them: the forum's own
 * SQL scope from the policy module, and nothing hidden or deleted, since this is public activity.
 */
export async function recentActivity(db: Kysely<DB>, viewer: Actor, from: ActivitySource, options: { limit?: number; before?: Date } = {}) {
  let query = db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users as authors", "authors.id", "posts.author_id")
    .select([
      "posts.id as post_id",
      "posts.post_number",
      "posts.created_at",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.slug as thread_slug",
      "categories.name as category_name",
      "authors.display_name as author_name",
      "authors.handle as author_handle",
    ])
    .where(visiblePosts(viewer))
    .where("posts.deleted_at", "is", null)
    .where("posts.hidden_at", "is", null)
    .where("threads.deleted_at", "is", null)
    .where("threads.hidden_at", "is", null);
  if ("authorIds" in from) {
    if (from.authorIds.length === 0) return [];
    query = query.where("posts.author_id", "in", from.authorIds);
  } else if ("organizationId" in from) {
    query = query.where("authors.organization_id", "=", from.organizationId);
  } else {
    const followerId = from.followerId;
    query = query.where((eb) =>
      eb.or([
        eb("posts.author_id", "in", eb.selectFrom("user_follows").select("followee_id").where("follower_id", "=", followerId)),
        eb("authors.organization_id", "in", eb.selectFrom("organization_follows").select("organization_id").where("follower_id", "=", followerId)),
      ]),
    );
  }
  if (options.before) query = query.where("posts.created_at", "<", options.before);
  return query.orderBy("posts.created_at", "desc").orderBy("posts.id", "desc").limit(options.limit ?? 10).execute();
}

import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { visiblePosts, visibleThreads, type Actor } from "../policy.server";
import { resolveReferences } from "./markdown";

const POST_REF = /data-post-id="([^"]+)"/g;
const THREAD_REF = /data-thread-id="([^"]+)"/g;

/**
 * Quotes and thread links inside stored posts are resolved per viewer at read time: anything the
 * viewer may not read shows as "private content". Two queries per page, whatever it quotes.
 */
export async function resolveForViewer(db: Kysely<DB>, actor: Actor, htmls: string[]) {
  const postIds = new Set<string>();
  const threadIds = new Set<string>();
  for (const html of htmls) {
    for (const match of html.matchAll(POST_REF)) postIds.add(match[1]!);
    for (const match of html.matchAll(THREAD_REF)) threadIds.add(match[1]!);
  }
  if (postIds.size === 0 && threadIds.size === 0) return htmls;
  const [posts, threads] = await Promise.all([
    postIds.size
      ? db
          .selectFrom("posts")
          .innerJoin("threads", "threads.id", "posts.thread_id")
          .innerJoin("categories", "categories.id", "threads.category_id")
          .select("posts.id")
          .where("posts.id", "in", [...postIds])
          .where("posts.deleted_at", "is", null)
          .where(visiblePosts(actor))
          .execute()
      : [],
    threadIds.size
      ? db
          .selectFrom("threads")
          .innerJoin("categories", "categories.id", "threads.category_id")
          .select("threads.id")
          .where("threads.id", "in", [...threadIds])
          .where(visibleThreads(actor))
          .execute()
      : [],
  ]);
  const visible = { posts: new Set(posts.map((p) => p.id)), threads: new Set(threads.map((t) => t.id)) };
  return htmls.map((html) => resolveReferences(html, visible));
}

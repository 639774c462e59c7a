import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { RenderMarkdown } from "./rendering";

/**
 * Posts store their sanitized HTML with the renderer version that made it. When the renderer
 * changes (a sanitizer fix, a new feature), stale posts are rendered again from their source, a
 * batch at a time. Returns how many posts were brought up to date.
 */
export async function rerenderStalePosts(
  db: Kysely<DB>,
  options: { render: RenderMarkdown; currentVersion: number; batchSize?: number },
) {
  const stale = await db
    .selectFrom("posts")
    .select(["id", "body_source", "renderer_version"])
    .where("renderer_version", "<", options.currentVersion)
    .orderBy("id")
    .limit(options.batchSize ?? 100)
    .execute();
  let updated = 0;
  for (const post of stale) {
    const rendered = await options.render(post.body_source).catch(() => null);
    // A post the new renderer refuses keeps its old, already sanitized HTML and is not retried.
    const result = await db
      .updateTable("posts")
      .set(
        rendered
          ? { body_html: rendered.html, renderer_version: rendered.rendererVersion }
          : { renderer_version: options.currentVersion },
      )
      .where("id", "=", post.id)
      .where("renderer_version", "=", post.renderer_version)
      .executeTakeFirst();
    updated += Number(result.numUpdatedRows);
  }
  return { updated, more: stale.length === (options.batchSize ?? 100) };
}

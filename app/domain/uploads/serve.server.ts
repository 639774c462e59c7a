import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { StoredMime } from "../../../db/schema-parts/uploads";
import type { Actor } from "../policy.server";
import { can } from "../policy.server";
import { loadPostRef } from "../forum/refs.server";
import { isUploadId } from "./limits";

export interface ServableUpload {
  id: string;
  mime: StoredMime;
  bytes: number;
  /** Avatars are public; everything else is for this viewer only and never kept by shared caches. */
  audience: "public" | "private";
}

/**
 * The upload if this viewer may see it, else null (the route answers 404 either way, so an id
 * reveals nothing). Avatars are public. An attachment follows its post: those who may read the
 * post (and, once it is deleted, moderators only, as its body is no longer shown). Before it is in
 * a post it is a preview for its uploader alone.
 */
export async function findServableUpload(db: Kysely<DB>, actor: Actor, id: string): Promise<ServableUpload | null> {
  if (!isUploadId(id)) return null;
  const row = await db
    .selectFrom("uploads")
    .select(["id", "uploader_id", "kind", "post_id", "mime", "bytes"])
    .where("id", "=", id)
    .where("removed_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  const servable = { id: row.id, mime: row.mime, bytes: row.bytes };
  if (row.kind === "avatar") return { ...servable, audience: "public" };
  if (!row.post_id) return actor?.id === row.uploader_id ? { ...servable, audience: "private" } : null;
  const post = await loadPostRef(db, row.post_id);
  if (!post || !can(actor, "forum.readPost", post)) return null;
  if (post.deletedAt && !can(actor, "forum.moderate", post.thread)) return null;
  return { ...servable, audience: "private" };
}

const EXTENSIONS: Record<StoredMime, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
export const PUBLIC_MAX_AGE = 86_400;
export const PRIVATE_MAX_AGE = 3_600;

/**
 * Headers that keep an image an image: the type we wrote (never sniffed), shown inline, no script
 * or style even if a browser were talked into rendering it as a document, and not embeddable
 * by other sites when private. The content at an id never changes, so the id is its ETag.
 */
export function uploadHeaders(upload: ServableUpload): Headers {
  const headers = new Headers({
    "Content-Type": upload.mime,
    "Content-Length": String(upload.bytes),
    "Content-Disposition": `inline; filename="${upload.id}.${EXTENSIONS[upload.mime]}"`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cache-Control": upload.audience === "public" ? `public, max-age=${PUBLIC_MAX_AGE}` : `private, max-age=${PRIVATE_MAX_AGE}`,
    "Cross-Origin-Resource-Policy": upload.audience === "public" ? "cross-origin" : "same-origin",
    ETag: `"${upload.id}"`,
  });
  // A browser shared by two people must not show the second what only the first may see.
  if (upload.audience === "private") headers.set("Vary", "Cookie");
  return headers;
}

/** 404 for missing and forbidden alike, and never cached: another viewer, or later, may see it. */
export const NOT_FOUND_HEADERS = {
  "Content-Type": "text/plain; charset=utf-8",
  "Cache-Control": "private, no-store",
  "X-Content-Type-Options": "nosniff",
};

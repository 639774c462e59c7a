import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { UploadKind } from "../../../db/schema-parts/uploads";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { can } from "../policy.server";
import { UploadError } from "./errors";
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_LABEL, UPLOADS_PER_HOUR, uploadPath } from "./limits";
import { uploadIdsInHtml } from "./post-html";
import { processImage } from "./process.server";
import type { UploadStorage } from "./storage.server";

type Db = Kysely<DB> | Transaction<DB>;
const HOUR_MS = 3600_000;

export interface StoredUpload {
  id: string;
  url: string;
  kind: UploadKind;
  mime: string;
  width: number;
  height: number;
  bytes: number;
}

/**
 * Checks, re-encodes and stores one image. The file is written before its row, so a row always has
 * its file; a failed insert removes the file again. Uploading a new avatar retires the old one.
 */
export async function storeUpload(
  db: Kysely<DB>,
  storage: UploadStorage,
  input: { actor: SessionUser; kind: UploadKind; data: Buffer; at?: Date },
): Promise<StoredUpload> {
  const { actor, kind } = input;
  const now = input.at ?? new Date();
  if (input.data.byteLength > MAX_UPLOAD_BYTES) throw tooLarge();
  // Checked before the (costly) re-encoding too, so a client over its limit costs us little.
  await assertMayUpload(db, actor, now);
  const image = await processImage(input.data, kind);

  const id = newId();
  await storage.write(id, image.data);
  let retired: string[];
  try {
    retired = await db.transaction().execute(async (trx) => {
      // One uploader at a time, so parallel requests cannot all pass the hourly count.
      await trx.selectFrom("users").select("id").where("id", "=", actor.id).forNoKeyUpdate().executeTakeFirstOrThrow();
      await assertUnderHourlyLimit(trx, actor.id, now);
      const previous =
        kind === "avatar"
          ? await trx
              .updateTable("uploads")
              .set({ removed_at: now })
              .where("uploader_id", "=", actor.id)
              .where("kind", "=", "avatar")
              .where("removed_at", "is", null)
              .returning("id")
              .execute()
          : [];
      await trx
        .insertInto("uploads")
        .values({
          id,
          uploader_id: actor.id,
          kind,
          width: image.width,
          height: image.height,
          bytes: image.data.byteLength,
          mime: image.mime,
          created_at: now,
        })
        .execute();
      return previous.map((row) => row.id);
    });
  } catch (error) {
    await storage.remove(id);
    throw error;
  }
  await Promise.all(retired.map((old) => storage.remove(old)));
  return { id, url: uploadPath(id), kind, mime: image.mime, width: image.width, height: image.height, bytes: image.data.byteLength };
}

export const tooLarge = () => new UploadError(`Images can be at most ${MAX_UPLOAD_LABEL}.`, 413);

/** Routes call this before reading a request body; storeUpload checks again, under a lock. */
export async function assertMayUpload(db: Db, actor: SessionUser, now = new Date()) {
  if (!can(actor, "content.post", undefined, now)) throw new UploadError("You cannot upload images while your account is suspended.", 403);
  await assertUnderHourlyLimit(db, actor.id, now);
}

/** Counted from the uploads table (removed avatars included), so every app process agrees. */
async function assertUnderHourlyLimit(db: Db, userId: string, now: Date) {
  const recent = await db
    .selectFrom("uploads")
    .select("created_at")
    .where("uploader_id", "=", userId)
    .where("created_at", ">", new Date(now.getTime() - HOUR_MS))
    .orderBy("created_at", "desc")
    .limit(UPLOADS_PER_HOUR)
    .execute();
  if (recent.length < UPLOADS_PER_HOUR) return;
  const oldest = new Date(recent[recent.length - 1]!.created_at);
  const minutes = Math.max(1, Math.ceil((oldest.getTime() + HOUR_MS - now.getTime()) / 60_000));
  throw new UploadError(
    `You can upload ${UPLOADS_PER_HOUR} images an hour. You can upload again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    429,
  );
}

/**
 * Attaches the post's own images to it, inside the transaction that writes the post, from the
 * sanitized HTML (what readers see). From then on an image is visible to exactly those who may
 * read that post. Only unattached uploads by the post's author (or by `editorId`, a moderator
 * adding an image while editing) are linked; an image already in another post stays with that
 * post, so quoting or copying it never widens who can see it. Removing the image from the post
 * later does not detach it: earlier versions in the edit history still show it.
 */
export async function linkUploadsToPost(trx: Db, postId: string, html: string, options: { editorId?: string } = {}) {
  const ids = uploadIdsInHtml(html);
  if (!ids.length) return [];
  const post = await trx.selectFrom("posts").select("author_id").where("id", "=", postId).executeTakeFirstOrThrow();
  const uploaders = [post.author_id, ...(options.editorId ? [options.editorId] : [])];
  const linked = await trx
    .updateTable("uploads")
    .set({ post_id: postId })
    .where("id", "in", ids)
    .where("kind", "=", "attachment")
    .where("post_id", "is", null)
    .where("removed_at", "is", null)
    .where("uploader_id", "in", uploaders)
    .returning("id")
    .execute();
  return linked.map((row) => row.id);
}

export const UNATTACHED_TTL_MS = 14 * 24 * HOUR_MS;

/**
 * Housekeeping for a daily job: deletes attachments never used in a post (after two weeks, so a
 * long-lived draft keeps its images) and the rows of retired avatars once they no longer count
 * towards the hourly limit.
 */
export async function pruneUploads(db: Kysely<DB>, storage: UploadStorage, now = new Date()) {
  const unattached = await db
    .deleteFrom("uploads")
    .where("kind", "=", "attachment")
    .where("post_id", "is", null)
    .where("created_at", "<", new Date(now.getTime() - UNATTACHED_TTL_MS))
    .returning("id")
    .execute();
  await Promise.all(unattached.map((row) => storage.remove(row.id)));
  const retired = await db
    .deleteFrom("uploads")
    .where("removed_at", "<", new Date(now.getTime() - HOUR_MS))
    .where("created_at", "<", new Date(now.getTime() - HOUR_MS))
    .returning("id")
    .execute();
  return { unattached: unattached.length, retired: retired.length };
}

import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { loadPostRef } from "../forum/refs.server";
import { can, visiblePosts } from "../policy.server";
import { cancelJob, scheduleJob, type JobHandler } from "../scheduler/jobs.server";
import { disabledKinds, insertNotifications } from "./notifications.server";
import { loadReaders } from "./readers.server";
import { MAX_NOTE } from "./validation";

export const BOOKMARKS_PER_PAGE = 30;
export const REMINDER_JOB = "bookmark.remind";

// The time is part of the key: moving a reminder schedules a new job and cancels the old one.
const reminderKey = (bookmarkId: number, at: Date) => `${REMINDER_JOB}:${bookmarkId}@${at.toISOString()}`;
const sameTime = (a: Date | null | undefined, b: Date | null | undefined) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

type ReminderPayload = z.infer<typeof reminderPayload>;

/** Adds or updates the actor's bookmark on a post; the reminder job exists if and only if this commits. */
export async function saveBookmark(
  db: Kysely<DB>,
  actor: SessionUser,
  /** `remindAt` undefined keeps the bookmark's current reminder. */
  input: { postId: string; remindAt?: Date | null; note?: string; now?: Date },
) {
  const post = await loadPostRef(db, input.postId);
  if (!post || post.deletedAt || !can(actor, "forum.readPost", post)) throw notFound("That post");
  if (input.remindAt && input.remindAt.getTime() <= (input.now ?? new Date()).getTime()) {
    throw new DomainError("Choose a reminder time in the future.", 400, "remindAt");
  }
  const note = (input.note ?? "").trim().slice(0, MAX_NOTE);
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom("bookmarks")
      .select(["id", "remind_at"])
      .where("user_id", "=", actor.id)
      .where("post_id", "=", post.id)
      .forUpdate()
      .executeTakeFirst();
    const remindAt = input.remindAt === undefined ? (before?.remind_at ?? null) : input.remindAt;
    const row = await trx
      .insertInto("bookmarks")
      .values({ user_id: actor.id, post_id: post.id, note, remind_at: remindAt })
      .onConflict((oc) => oc.columns(["user_id", "post_id"]).doUpdateSet({ note, remind_at: remindAt }))
      .returning(["id", "remind_at"])
      .executeTakeFirstOrThrow();
    if (!sameTime(before?.remind_at, remindAt)) {
      if (before?.remind_at) await cancelJob(trx, reminderKey(before.id, before.remind_at));
      if (remindAt) {
        const payload: ReminderPayload = { bookmarkId: row.id, remindAt: remindAt.toISOString() };
        await scheduleJob(trx, { kind: REMINDER_JOB, payload, runAt: remindAt, uniqueKey: reminderKey(row.id, remindAt) });
      }
    }
    return { id: row.id, remindAt: row.remind_at };
  });
}

export async function removeBookmark(db: Kysely<DB>, actor: SessionUser, postId: string) {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom("bookmarks")
      .where("user_id", "=", actor.id)
      .where("post_id", "=", postId)
      .returning(["id", "remind_at"])
      .executeTakeFirst();
    if (row?.remind_at) await cancelJob(trx, reminderKey(row.id, row.remind_at));
  });
}

/** The reader's bookmarks on posts they may still read, newest first. */
export async function listBookmarks(db: Kysely<DB>, reader: SessionUser, requestedPage = 1) {
  const page = Math.max(1, requestedPage);
  const rows = await db
    .selectFrom("bookmarks")
    .innerJoin("posts", "posts.id", "bookmarks.post_id")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select((eb) => [
      "bookmarks.id",
      "bookmarks.post_id",
      "bookmarks.note",
      "bookmarks.remind_at",
      "bookmarks.created_at",
      "posts.post_number",
      "threads.title as thread_title",
      "users.display_name as author_name",
      eb.fn<string>("left", ["posts.body_source", eb.val(200)]).as("excerpt"),
    ])
    .where("bookmarks.user_id", "=", reader.id)
    .where("posts.deleted_at", "is", null)
    .where(visiblePosts(reader))
    .orderBy("bookmarks.created_at", "desc")
    .orderBy("bookmarks.id", "desc")
    .limit(BOOKMARKS_PER_PAGE + 1)
    .offset((page - 1) * BOOKMARKS_PER_PAGE)
    .execute();
  return { bookmarks: rows.slice(0, BOOKMARKS_PER_PAGE), page, hasMore: rows.length > BOOKMARKS_PER_PAGE };
}

/** A column for a post query: the viewer's bookmark on the post (reminder time as text), or null. */
export function bookmarkColumn(userId: string) {
  return sql<{ remindAt: string | null; note: string } | null>`(select json_build_object('remindAt', b.remind_at, 'note', b.note) from bookmarks b where b.user_id = ${userId} and b.post_id = posts.id)`;
}

/** The user's bookmarks among these posts (one page of a thread), by post id. */
export async function bookmarksOn(db: Kysely<DB>, userId: string, postIds: string[]) {
  if (postIds.length === 0) return {};
  const rows = await db
    .selectFrom("bookmarks")
    .select(["post_id", "remind_at", "note"])
    .where("user_id", "=", userId)
    .where("post_id", "in", postIds)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.post_id, { remindAt: row.remind_at, note: row.note }])) as Record<
    string,
    { remindAt: Date | null; note: string }
  >;
}

/**
 * The reminder: a notification "Reminder: <thread title>" if the person may still read the post
 * and has reminders on. Safe to run twice (the scheduler runs a job at least once): the bookmark's
 * reminder is cleared in the same transaction, and the notification's key names the slot.
 */
export async function sendBookmarkReminder(db: Kysely<DB>, payload: ReminderPayload) {
  return db.transaction().execute(async (trx) => {
    const bookmark = await trx
      .selectFrom("bookmarks")
      .select(["id", "user_id", "post_id", "note", "remind_at"])
      .where("id", "=", payload.bookmarkId)
      .forUpdate()
      .executeTakeFirst();
    // Removed, or moved to another time (whose own job will come).
    if (!bookmark?.remind_at || bookmark.remind_at.toISOString() !== payload.remindAt) return 0;
    await trx.updateTable("bookmarks").set({ remind_at: null }).where("id", "=", bookmark.id).execute();
    const [post, readers, disabled] = await Promise.all([
      loadPostRef(trx, bookmark.post_id),
      loadReaders(trx, [bookmark.user_id]),
      disabledKinds(trx, [bookmark.user_id]),
    ]);
    const reader = readers.get(bookmark.user_id);
    if (!post || post.deletedAt || !reader || !can(reader, "forum.readPost", post)) return 0;
    if (disabled.get(reader.id)?.has("reminder")) return 0;
    return insertNotifications(trx, [
      {
        userId: reader.id,
        kind: "reminder",
        actorId: null,
        threadId: post.thread.id,
        postId: post.id,
        sourceKey: `bookmark:${bookmark.id}@${payload.remindAt}`,
        data: bookmark.note ? { note: bookmark.note } : {},
      },
    ]);
  });
}

const reminderPayload = z.object({ bookmarkId: z.number().int().positive(), remindAt: z.string() });

export const bookmarkReminderHandler: JobHandler = async (job, ctx) => {
  await sendBookmarkReminder(ctx.db, reminderPayload.parse(job.payload));
};

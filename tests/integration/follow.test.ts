import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { DomainError } from "../../app/domain/errors";
import {
  bookmarksOn,
  listBookmarks,
  REMINDER_JOB,
  removeBookmark,
  saveBookmark,
  sendBookmarkReminder,
} from "../../app/domain/follow/bookmarks.server";
import { discardDraft, getDraft, MAX_DRAFTS_PER_USER, saveDraft } from "../../app/domain/follow/drafts.server";
import { NEW_THREAD_DRAFT_KEY, replyDraftKey } from "../../app/domain/follow/draft-keys";
import { listUnread, markThreadRead, unreadCounts } from "../../app/domain/follow/reads.server";
import { reminderTime, zonedTime } from "../../app/domain/follow/reminders";
import { threadFollowState } from "../../app/domain/follow/thread-state.server";
import { setCategoryWatch, setThreadWatch } from "../../app/domain/follow/watches.server";
import { createBackgroundJobs } from "../../server/jobs";
import { createScheduler } from "../../server/scheduler";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread, render } from "../support/forum";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function person(role: "member" | "moderator" = "member") {
  const organization = await makeOrganization(database.db);
  return asSessionUser(await makeUser(database.db, { role, organizationId: organization.id }));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("unread tracking", () => {
  it("counts posts after the reader's marker, which only moves forward", async () => {
    const reader = await person();
    const author = await person();
    const category = await makeCategory(database.db);
    const read = await makeThread(database.db, author, category.id);
    const neverOpened = await makeThread(database.db, author, category.id);
    await markThreadRead(database.db, reader, read.threadId, 1);
    await makeReply(database.db, author, read.threadId);
    await makeReply(database.db, author, read.threadId);
    await makeReply(database.db, author, neverOpened.threadId);
    expect(await unreadCounts(database.db, reader, [read.threadId, neverOpened.threadId])).toEqual({ [read.threadId]: 2 });

    await markThreadRead(database.db, reader, read.threadId, 3);
    await markThreadRead(database.db, reader, read.threadId, 2);
    expect(await unreadCounts(database.db, reader, [read.threadId])).toEqual({});
    expect((await threadFollowState(database.db, reader, read.threadId)).lastReadPostNumber).toBe(3);
    expect(await unreadCounts(database.db, null, [read.threadId])).toEqual({});
  });

  it("lists unread threads with where to resume, leaving out muted ones and any the reader may not read", async () => {
    const reader = await person();
    const author = await person();
    const moderator = await person("moderator");
    const category = await makeCategory(database.db);
    const mutedCategory = await makeCategory(database.db);
    const staffOnly = await makeCategory(database.db, "staff");
    const open = await makeThread(database.db, author, category.id);
    const muted = await makeThread(database.db, author, category.id);
    const inMutedCategory = await makeThread(database.db, author, mutedCategory.id);
    const movedAway = await makeThread(database.db, author, category.id);
    for (const thread of [open, muted, inMutedCategory, movedAway]) {
      await markThreadRead(database.db, reader, thread.threadId, 1);
      await makeReply(database.db, author, thread.threadId);
    }
    await setThreadWatch(database.db, reader, muted.threadId, "muted");
    await setCategoryWatch(database.db, reader, mutedCategory.id, "muted");
    await database.db.updateTable("threads").set({ category_id: staffOnly.id }).where("id", "=", movedAway.threadId).execute();

    const { threads } = await listUnread(database.db, reader);
    expect(threads.map((t) => t.id)).toEqual([open.threadId]);
    expect(threads[0]).toMatchObject({ unread: 1, resumeHref: expect.stringMatching(/\?page=1#post-2$/) });
    expect(await unreadCounts(database.db, reader, [movedAway.threadId, muted.threadId])).toEqual({});
    // Staff still see the moved thread if they had read it.
    await markThreadRead(database.db, moderator, movedAway.threadId, 1);
    expect((await listUnread(database.db, moderator)).threads.map((t) => t.id)).toEqual([movedAway.threadId]);
  });
});

describe("watching", () => {
  it("takes the thread's own level before its category's, and refuses what the reader may not read", async () => {
    const reader = await person();
    const author = await person();
    const category = await makeCategory(database.db);
    const staffOnly = await makeCategory(database.db, "staff");
    const thread = await makeThread(database.db, author, category.id);
    expect(await threadFollowState(database.db, reader, thread.threadId)).toMatchObject({ level: "normal", levelSource: "default" });
    await setCategoryWatch(database.db, reader, category.id, "watching");
    expect(await threadFollowState(database.db, reader, thread.threadId)).toMatchObject({ level: "watching", levelSource: "category" });
    await setThreadWatch(database.db, reader, thread.threadId, "muted");
    expect(await threadFollowState(database.db, reader, thread.threadId)).toMatchObject({ level: "muted", levelSource: "thread" });
    await setThreadWatch(database.db, reader, thread.threadId, "default");
    expect(await threadFollowState(database.db, reader, thread.threadId)).toMatchObject({ level: "watching", levelSource: "category" });

    expect((await refusal(setCategoryWatch(database.db, reader, staffOnly.id, "watching"))).status).toBe(404);
    const hidden = await makeThread(database.db, await person("moderator"), staffOnly.id);
    expect((await refusal(setThreadWatch(database.db, reader, hidden.threadId, "watching"))).status).toBe(404);
  });
});

describe("bookmarks", () => {
  const soon = () => new Date(Date.now() + 3_600_000);
  const reminderJobs = (bookmarkId: number) =>
    database.db.selectFrom("jobs").selectAll().where("kind", "=", REMINDER_JOB).where(sql`payload->>'bookmarkId'`, "=", String(bookmarkId));

  it("bookmarks a post the reader may read, lists it, and forgets it", async () => {
    const reader = await person();
    const author = await person();
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, author, category.id, { body: "Partner tiers explained." });
    await saveBookmark(database.db, reader, { postId: thread.postId, note: "for the QBR" });
    expect((await listBookmarks(database.db, reader)).bookmarks).toMatchObject([
      { post_id: thread.postId, note: "for the QBR", remind_at: null, excerpt: "Partner tiers explained." },
    ]);
    expect(await bookmarksOn(database.db, reader.id, [thread.postId])).toEqual({ [thread.postId]: { remindAt: null, note: "for the QBR" } });
    await removeBookmark(database.db, reader, thread.postId);
    expect((await listBookmarks(database.db, reader)).bookmarks).toEqual([]);

    const staffOnly = await makeCategory(database.db, "staff");
    const hidden = await makeThread(database.db, await person("moderator"), staffOnly.id);
    expect((await refusal(saveBookmark(database.db, reader, { postId: hidden.postId }))).status).toBe(404);
    expect((await refusal(saveBookmark(database.db, reader, { postId: thread.postId, remindAt: new Date(Date.now() - 1000) }))).field).toBe("remindAt");
  });

  it("fires a reminder once, as a notification, through the scheduler", async () => {
    const reader = await person();
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, await person(), category.id, { title: "Renewal playbook for Q3" });
    const bookmark = await saveBookmark(database.db, reader, { postId: thread.postId, remindAt: soon(), note: "follow up" });
    const job = await reminderJobs(bookmark.id).executeTakeFirstOrThrow();
    await database.db.updateTable("jobs").set({ run_at: sql`now()` }).where("id", "=", job.id).execute();

    const scheduler = createScheduler({ database, log: pino({ level: "silent" }), handlers: createBackgroundJobs({ render }).handlers, workerId: "test" });
    expect(await scheduler.runDue()).toBe(1);
    expect(await scheduler.runDue()).toBe(0);
    // A second run of the same job (a lease that expired mid-run) adds nothing.
    expect(await sendBookmarkReminder(database.db, job.payload as { bookmarkId: number; remindAt: string })).toBe(0);
    const notifications = await database.db.selectFrom("notifications").select(["kind", "post_id", "data", "actor_id"]).where("user_id", "=", reader.id).execute();
    expect(notifications).toEqual([{ kind: "reminder", post_id: thread.postId, data: { note: "follow up" }, actor_id: null }]);
    expect((await bookmarksOn(database.db, reader.id, [thread.postId]))[thread.postId]?.remindAt).toBeNull();
  });

  it("moves or drops the reminder job with the bookmark", async () => {
    const reader = await person();
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, await person(), category.id);
    const first = soon();
    const { id } = await saveBookmark(database.db, reader, { postId: thread.postId, remindAt: first });
    const pendingJobs = () => reminderJobs(id).where("completed_at", "is", null).execute();
    const later = new Date(first.getTime() + 86_400_000);
    await saveBookmark(database.db, reader, { postId: thread.postId, remindAt: later });
    expect((await pendingJobs()).map((job) => job.run_at.getTime())).toEqual([later.getTime()]);
    // Editing the note keeps the reminder.
    await saveBookmark(database.db, reader, { postId: thread.postId, note: "now with a note" });
    expect((await pendingJobs()).map((job) => job.run_at.getTime())).toEqual([later.getTime()]);
    await removeBookmark(database.db, reader, thread.postId);
    expect(await database.db.selectFrom("jobs").select("id").where("unique_key", "like", `${REMINDER_JOB}:%@${later.toISOString()}`).execute()).toEqual([]);
  });

  it("works out reminder times in the person's time zone", () => {
    expect(zonedTime("2026-03-29T09:00", "Europe/Berlin")?.toISOString()).toBe("2026-03-29T07:00:00.000Z");
    expect(zonedTime("2026-01-15T09:00", "America/New_York")?.toISOString()).toBe("2026-01-15T14:00:00.000Z");
    expect(zonedTime("not a time", "UTC")).toBeNull();
    const thursdayNight = new Date("2026-11-26T22:30:00Z");
    expect(reminderTime("tomorrow", { timeZone: "Europe/Berlin", now: thursdayNight })?.toISOString()).toBe("2026-11-27T08:00:00.000Z");
    expect(reminderTime("next-week", { timeZone: "Pacific/Auckland", now: thursdayNight })?.toISOString()).toBe("2026-11-29T20:00:00.000Z");
    expect(reminderTime("none", { timeZone: "Nowhere/Invalid" })).toBeNull();
  });
});

describe("drafts", () => {
  it("saves, restores on any device, and is discarded when the post is published", async () => {
    const writer = await person();
    await saveDraft(database.db, writer.id, { key: "reply:abc123", body: "Half a thought" });
    await saveDraft(database.db, writer.id, { key: "reply:abc123", body: "A whole thought", data: { replyToPostId: "p1" } });
    expect(await getDraft(database.db, writer.id, "reply:abc123")).toMatchObject({ body: "A whole thought", title: "", data: { replyToPostId: "p1" } });
    expect(await getDraft(database.db, (await person()).id, "reply:abc123")).toBeNull();
    await discardDraft(database.db, writer.id, "reply:abc123");
    expect(await getDraft(database.db, writer.id, "reply:abc123")).toBeNull();

    // Publishing a thread or a reply takes its draft away in the same commit, and no other.
    const category = await makeCategory(database.db);
    await saveDraft(database.db, writer.id, { key: NEW_THREAD_DRAFT_KEY, title: "A thread to be", body: "" });
    const thread = await makeThread(database.db, writer, category.id);
    expect(await getDraft(database.db, writer.id, NEW_THREAD_DRAFT_KEY)).toBeNull();
    await saveDraft(database.db, writer.id, { key: replyDraftKey(thread.threadId), body: "Almost ready" });
    await saveDraft(database.db, writer.id, { key: "reply:elsewhere", body: "Another thread's" });
    await makeReply(database.db, writer, thread.threadId, "Ready now");
    expect(await getDraft(database.db, writer.id, replyDraftKey(thread.threadId))).toBeNull();
    expect(await getDraft(database.db, writer.id, "reply:elsewhere")).toMatchObject({ body: "Another thread's" });

    await saveDraft(database.db, writer.id, { key: "new-thread", title: "Working title", body: "" });
    await saveDraft(database.db, writer.id, { key: "new-thread", title: " ", body: "" });
    expect(await getDraft(database.db, writer.id, "new-thread")).toBeNull();
    await expect(saveDraft(database.db, writer.id, { key: "../etc", body: "x" })).rejects.toThrow();
  });

  it("keeps a person's most recent drafts only", async () => {
    const writer = await person();
    for (let i = 0; i <= MAX_DRAFTS_PER_USER; i++) await saveDraft(database.db, writer.id, { key: `reply:t${i}`, body: `draft ${i}` });
    const { n } = await database.db.selectFrom("drafts").select((eb) => eb.fn.countAll<number>().as("n")).where("user_id", "=", writer.id).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(MAX_DRAFTS_PER_USER);
    expect(await getDraft(database.db, writer.id, "reply:t0")).toBeNull();
    expect(await getDraft(database.db, writer.id, `reply:t${MAX_DRAFTS_PER_USER}`)).not.toBeNull();
  });
});

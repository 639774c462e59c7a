import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "../../../db/client";
import { editPost, postHistory } from "../../../app/domain/forum/posts.server";
import { getThreadPage } from "../../../app/domain/forum/queries.server";
import { moderatePost } from "../../../app/domain/moderation/post-actions.server";
import { mergePostIntoThread, moveThread, toggleThread } from "../../../app/domain/moderation/thread-actions.server";
import { noticesFor } from "../../../app/domain/moderation/notices.server";
import { setThreadWatch } from "../../../app/domain/follow/watches.server";
import { createTestDatabase } from "../../support/database";
import { makeCategory, makeReply, makeThread, render } from "../../support/forum";
import { auditRows, eventsFor, person, refusalOf } from "../../support/moderation";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function scene() {
  const db = database.db;
  const [author, moderator, member] = await Promise.all([person(db), person(db, "moderator"), person(db)]);
  const category = await makeCategory(db);
  const thread = await makeThread(db, author, category.id);
  const answer = await makeReply(db, author, thread.threadId, "A reply worth moderating.");
  return { db, author, moderator, member, category, thread, answer };
}

describe("post actions", () => {
  it("hides a post: members stop seeing it, the author is told why, the event and audit row are written", async () => {
    const { db, author, moderator, member, thread, answer } = await scene();
    await moderatePost(db, moderator, { postId: answer.postId, action: "hide", reason: "Shares a customer's contract" });
    const seen = await getThreadPage(db, member, thread.threadId);
    expect(seen.posts.map((p) => p.id)).not.toContain(answer.postId);
    const [audit] = await auditRows(db, answer.postId);
    expect(audit).toMatchObject({ actor_id: moderator.id, action: "post.hidden", target_type: "post", reason: "Shares a customer's contract" });
    expect(audit!.before).toEqual({ hidden: false, deleted: false });
    expect(audit!.after).toEqual({ hidden: true, deleted: false });
    expect(await eventsFor(db, "forum.post_hidden", (p) => p.postId === answer.postId)).toHaveLength(1);
    const notices = await noticesFor(db, author.id);
    expect(notices[0]!.message).toContain("Shares a customer's contract");

    await moderatePost(db, moderator, { postId: answer.postId, action: "unhide" });
    expect((await getThreadPage(db, member, thread.threadId)).posts.map((p) => p.id)).toContain(answer.postId);
    expect((await auditRows(db, answer.postId)).map((a) => a.action)).toEqual(["post.hidden", "post.unhidden"]);
    expect(await eventsFor(db, "forum.post_restored", (p) => p.postId === answer.postId)).toHaveLength(1);
  });

  it("deletes and restores a post with events and audit rows; acting twice is a 409", async () => {
    const { db, moderator, answer } = await scene();
    await moderatePost(db, moderator, { postId: answer.postId, action: "delete", reason: "spam" });
    expect(await refusalOf(moderatePost(db, moderator, { postId: answer.postId, action: "delete" }))).toMatchObject({ status: 409 });
    await moderatePost(db, moderator, { postId: answer.postId, action: "undelete" });
    const row = await db.selectFrom("posts").select("deleted_at").where("id", "=", answer.postId).executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeNull();
    expect((await auditRows(db, answer.postId)).map((a) => a.action)).toEqual(["post.deleted", "post.undeleted"]);
    expect(await eventsFor(db, "forum.post_deleted", (p) => p.postId === answer.postId)).toHaveLength(1);
  });

  it("refuses a member with 403 and writes nothing; a post they cannot see is 404", async () => {
    const { db, member, answer, author } = await scene();
    expect(await refusalOf(moderatePost(db, member, { postId: answer.postId, action: "hide" }))).toMatchObject({ status: 403 });
    expect(await auditRows(db, answer.postId)).toEqual([]);
    const staffOnly = await makeCategory(db, "staff");
    const admin = await person(db, "admin");
    const hiddenThread = await makeThread(db, admin, staffOnly.id);
    expect(await refusalOf(moderatePost(db, member, { postId: hiddenThread.postId, action: "hide" }))).toMatchObject({ status: 404 });
    expect(author).toBeTruthy();
  });

  it("a moderator's edit of someone else's post keeps the history with the moderator's name and is audited", async () => {
    const { db, author, moderator, answer } = await scene();
    await editPost(db, { actor: moderator, postId: answer.postId, body: "A reply, with the phone number removed.", render });
    const history = await postHistory(db, author, answer.postId);
    expect(history.revisions[0]).toMatchObject({ editor_name: moderator.displayName, body_source: "A reply worth moderating." });
    const [audit] = await auditRows(db, answer.postId);
    expect(audit).toMatchObject({ action: "post.edited", actor_id: moderator.id });
    expect(audit!.after).toMatchObject({ body: "A reply, with the phone number removed." });
    // The author's own edit is not a moderator action.
    await editPost(db, { actor: author, postId: answer.postId, body: "My own wording again.", render });
    expect(await auditRows(db, answer.postId)).toHaveLength(1);
  });
});

describe("thread actions", () => {
  it("locks and unlocks, pins and unpins, each with its event and audit row", async () => {
    const { db, moderator, thread, member } = await scene();
    await toggleThread(db, moderator, { threadId: thread.threadId, action: "lock", reason: "Resolved" });
    expect(await refusalOf(makeReply(db, member, thread.threadId))).toMatchObject({ status: 403 });
    expect(await refusalOf(toggleThread(db, moderator, { threadId: thread.threadId, action: "lock" }))).toMatchObject({ status: 409, message: "This thread is already locked." });
    await toggleThread(db, moderator, { threadId: thread.threadId, action: "unlock" });
    await toggleThread(db, moderator, { threadId: thread.threadId, action: "pin" });
    await toggleThread(db, moderator, { threadId: thread.threadId, action: "unpin" });
    const audit = await auditRows(db, thread.threadId);
    expect(audit.map((a) => a.action)).toEqual(["thread.locked", "thread.unlocked", "thread.pinned", "thread.unpinned"]);
    expect(audit[0]).toMatchObject({ reason: "Resolved", before: { locked: false }, after: { locked: true } });
    expect(await eventsFor(db, "forum.thread_locked", (p) => p.threadId === thread.threadId)).toHaveLength(1);
    expect(await refusalOf(toggleThread(db, member, { threadId: thread.threadId, action: "pin" }))).toMatchObject({ status: 403 });
  });

  it("moves a thread with its counts; only admins cross the council boundary", async () => {
    const { db, moderator, thread, category } = await scene();
    const target = await makeCategory(db);
    await moveThread(db, moderator, { threadId: thread.threadId, categoryId: target.id, reason: "Belongs with licensing" });
    const counts = await db.selectFrom("categories").select(["id", "thread_count", "post_count"]).where("id", "in", [category.id, target.id]).orderBy("id").execute();
    expect(counts).toEqual([
      { id: category.id, thread_count: 0, post_count: 0 },
      { id: target.id, thread_count: 1, post_count: 2 },
    ]);
    const [audit] = await auditRows(db, thread.threadId);
    expect(audit).toMatchObject({ action: "thread.moved", before: { categoryId: category.id }, after: { categoryId: target.id } });
    expect(await eventsFor(db, "forum.thread_moved", (p) => p.threadId === thread.threadId)).toHaveLength(1);

    const council = await makeCategory(db, "council");
    expect(await refusalOf(moveThread(db, moderator, { threadId: thread.threadId, categoryId: council.id }))).toMatchObject({ status: 400, field: "categoryId" });
    const admin = await person(db, "admin");
    await moveThread(db, admin, { threadId: thread.threadId, categoryId: council.id });
    const moved = await db.selectFrom("threads").select("category_id").where("id", "=", thread.threadId).executeTakeFirstOrThrow();
    expect(moved.category_id).toBe(council.id);
  });

  it("moving a thread into a council space leaves outsiders no watch on it", async () => {
    const { db, member, thread } = await scene();
    await setThreadWatch(db, member, thread.threadId, "watching");
    const council = await makeCategory(db, "council");
    await moveThread(db, await person(db, "admin"), { threadId: thread.threadId, categoryId: council.id });
    const watches = await db.selectFrom("thread_watches").select("user_id").where("thread_id", "=", thread.threadId).execute();
    expect(watches.map((w) => w.user_id)).not.toContain(member.id);
  });

  it("merges a reply into another thread as its newest post", async () => {
    const { db, author, moderator, thread, answer, category } = await scene();
    const other = await makeThread(db, author, category.id);
    const merged = await mergePostIntoThread(db, moderator, { postId: answer.postId, threadId: other.threadId, reason: "Same question" });
    expect(merged.postNumber).toBe(2);
    const threads = await db.selectFrom("threads").select(["id", "reply_count"]).where("id", "in", [thread.threadId, other.threadId]).execute();
    expect(Object.fromEntries(threads.map((t) => [t.id, t.reply_count]))).toEqual({ [thread.threadId]: 0, [other.threadId]: 1 });
    const page = await getThreadPage(db, author, other.threadId);
    expect(page.posts.map((p) => p.id)).toContain(answer.postId);
    expect((await auditRows(db, answer.postId))[0]).toMatchObject({ action: "post.merged", after: { threadId: other.threadId, postNumber: 2 } });
    expect(await refusalOf(mergePostIntoThread(db, moderator, { postId: thread.postId, threadId: other.threadId }))).toMatchObject({ status: 400 });
  });
});

describe("the audit log", () => {
  it("cannot be edited or deleted", async () => {
    const { db, moderator, answer } = await scene();
    await moderatePost(db, moderator, { postId: answer.postId, action: "hide" });
    const [row] = await auditRows(db, answer.postId);
    await expect(sql`update audit_log set reason = 'tampered' where id = ${row!.id}`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log where id = ${row!.id}`.execute(db)).rejects.toThrow(/append-only/);
    expect((await auditRows(db, answer.postId))[0]!.reason).toBeNull();
  });

  it("is written in the action's transaction: a refused action leaves no row", async () => {
    const { db, moderator, answer } = await scene();
    await moderatePost(db, moderator, { postId: answer.postId, action: "hide" });
    await refusalOf(moderatePost(db, moderator, { postId: answer.postId, action: "hide", reason: "again" }));
    expect(await auditRows(db, answer.postId)).toHaveLength(1);
  });
});

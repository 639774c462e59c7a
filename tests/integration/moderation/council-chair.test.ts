import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { flagPost } from "../../../app/domain/moderation/flags.server";
import { moderatePost } from "../../../app/domain/moderation/post-actions.server";
import { claimItem, decideItem } from "../../../app/domain/moderation/queue.server";
import { listQueue, openQueueCount } from "../../../app/domain/moderation/queue-view.server";
import { moveThread, toggleThread } from "../../../app/domain/moderation/thread-actions.server";
import { loader as queueLoader } from "../../../app/routes/mod.queue";
import { createTestDatabase } from "../../support/database";
import { enrol, makeCouncil, requestContext } from "../../support/councils";
import { makeCategory, makeReply, makeThread, tick } from "../../support/forum";
import { auditRows, person, refusalOf } from "../../support/moderation";

/** A council's chair moderates their own council's space, and nothing else (decision 016). */
let database: Database;
let admin: SessionUser;
let chair: SessionUser;
let member: SessionUser;
let moderator: SessionUser;
let councilA: { id: string; category_id: number };
let councilB: { id: string; category_id: number };
let councilC: { id: string; category_id: number };
let secondCategoryA: number;

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  admin = await person(db, "admin");
  moderator = await person(db, "moderator");
  const base = { chair: await person(db), member: await person(db) };
  councilA = await makeCouncil(db, admin);
  councilB = await makeCouncil(db, admin);
  councilC = await makeCouncil(db, admin);
  await enrol(db, admin, councilB.id, base.member);
  await enrol(db, admin, councilB.id, base.chair);
  await enrol(db, admin, councilC.id, base.member);
  chair = await enrol(db, admin, councilA.id, base.chair, { role: "chair" });
  member = await enrol(db, admin, councilA.id, base.member);
  // A second category inside council A, as an admin may add one.
  const second = await db
    .insertInto("categories")
    .values({ slug: `council-a-annex-${Date.now()}`, name: "Council A annex", visibility: "council", council_id: councilA.id })
    .returning("id")
    .executeTakeFirstOrThrow();
  secondCategoryA = second.id;
});
afterAll(async () => {
  await database.close();
});

/** A reply in `categoryId` flagged by `flagger`, with its open review item. */
async function flagged(categoryId: number, author: SessionUser, flagger: SessionUser, text: string) {
  const db = database.db;
  const thread = await makeThread(db, author, categoryId);
  const post = await makeReply(db, author, thread.threadId, text);
  await flagPost(db, flagger, { postId: post.postId, reason: "inappropriate", note: `note ${text}` }, tick());
  const item = await db.selectFrom("review_items").selectAll().where("post_id", "=", post.postId).where("status", "=", "pending").executeTakeFirstOrThrow();
  return { thread, post, item };
}

describe("a council chair moderating their council", () => {
  it("hides, restores, locks, pins and moves within the council, each audited as the chair", async () => {
    const db = database.db;
    const thread = await makeThread(db, member, councilA.category_id);
    const post = await makeReply(db, member, thread.threadId, "Off-topic ramble inside council A");
    await moderatePost(db, chair, { postId: post.postId, action: "hide", reason: "Off topic" });
    await moderatePost(db, chair, { postId: post.postId, action: "unhide" });
    await toggleThread(db, chair, { threadId: thread.threadId, action: "lock" });
    await toggleThread(db, chair, { threadId: thread.threadId, action: "pin" });
    await moveThread(db, chair, { threadId: thread.threadId, categoryId: secondCategoryA });
    const moved = await db.selectFrom("threads").select(["category_id", "locked_at", "pinned_at"]).where("id", "=", thread.threadId).executeTakeFirstOrThrow();
    expect(moved.category_id).toBe(secondCategoryA);
    expect(moved.locked_at).not.toBeNull();
    expect(moved.pinned_at).not.toBeNull();
    const postAudit = await auditRows(db, post.postId, "post");
    expect(postAudit.map((row) => [row.action, row.actor_id])).toEqual([
      ["post.hidden", chair.id],
      ["post.unhidden", chair.id],
    ]);
    expect((await auditRows(db, thread.threadId, "thread")).map((row) => row.action)).toEqual(["thread.locked", "thread.pinned", "thread.moved"]);
  });

  it("is refused outside the council: 403 on public content and on a council they only sit in, 404 where they are not a member", async () => {
    const db = database.db;
    const publicCategory = await makeCategory(db);
    const publicThread = await makeThread(db, member, publicCategory.id);
    expect((await refusalOf(moderatePost(db, chair, { postId: publicThread.postId, action: "hide" }))).status).toBe(403);
    expect((await refusalOf(toggleThread(db, chair, { threadId: publicThread.threadId, action: "lock" }))).status).toBe(403);

    const bThread = await makeThread(db, member, councilB.category_id);
    expect((await refusalOf(moderatePost(db, chair, { postId: bThread.postId, action: "hide" }))).status).toBe(403);
    expect((await refusalOf(toggleThread(db, chair, { threadId: bThread.threadId, action: "pin" }))).status).toBe(403);

    // Council C: the chair is not a member, so, as for everyone outside (decision 013), it does not exist.
    const cThread = await makeThread(db, member, councilC.category_id);
    expect((await refusalOf(moderatePost(db, chair, { postId: cThread.postId, action: "hide" }))).status).toBe(404);

    // Never across the council boundary, not even out of their own council.
    const aThread = await makeThread(db, member, councilA.category_id);
    const outward = await refusalOf(moveThread(db, chair, { threadId: aThread.threadId, categoryId: publicCategory.id }));
    expect(outward).toMatchObject({ status: 403, field: "categoryId" });
    expect((await db.selectFrom("threads").select("category_id").where("id", "=", aThread.threadId).executeTakeFirstOrThrow()).category_id).toBe(councilA.category_id);
  });

  it("reviews only their council's flags: the queue shows a chair nothing else, and decisions outside are refused", async () => {
    const db = database.db;
    const outsider = await person(db);
    const inA = await flagged(councilA.category_id, member, await enrolFlagger(), "canary-a-7f3 rude words");
    const publicItem = await flagged((await makeCategory(db)).id, outsider, member, "canary-public-91c spam");
    const inB = await flagged(councilB.category_id, member, chair, "canary-b-2d8 leaked figures");

    const queue = await listQueue(db, chair);
    expect(queue.map((item) => item.id)).toEqual([inA.item.id]);
    expect(queue[0]).toMatchObject({ readable: true, post: { id: inA.post.postId } });
    expect(queue[0]!.flags[0]!.note).toBe("note canary-a-7f3 rude words");
    expect(JSON.stringify(queue)).not.toMatch(/canary-public|canary-b/);
    expect(await openQueueCount(db, chair)).toBe(1);

    // The route gives the chair the same scoped queue and no staff tools.
    const page = (await queueLoader({ request: new Request("http://localhost/mod/queue"), context: requestContext(db, chair), params: {} })) as {
      items: { id: number }[];
      staff: boolean;
    };
    expect(page.items.map((item) => item.id)).toEqual([inA.item.id]);
    expect(page.staff).toBe(false);

    expect((await refusalOf(claimItem(db, chair, publicItem.item.id))).status).toBe(403);
    expect((await refusalOf(decideItem(db, chair, { itemId: inB.item.id, decision: "agree-hide" }))).status).toBe(403);

    await decideItem(db, chair, { itemId: inA.item.id, decision: "agree-hide", reason: "Not how we talk here" });
    const settled = await db.selectFrom("review_items").select(["status", "settled_by"]).where("id", "=", inA.item.id).executeTakeFirstOrThrow();
    expect(settled).toEqual({ status: "agreed", settled_by: chair.id });
    expect((await auditRows(db, String(inA.item.id), "review_item")).map((row) => [row.action, row.actor_id, row.category_id])).toEqual([
      ["review.agreed", chair.id, councilA.category_id],
    ]);
    expect((await auditRows(db, inA.post.postId, "post")).map((row) => row.action)).toEqual(["post.hidden"]);
  });

  it("leaks no council content through the queue to anyone outside the council", async () => {
    const db = database.db;
    const flagger = await enrolFlagger();
    await flagged(councilA.category_id, member, flagger, "canary-leak-55e confidential pricing");
    // A member who is not chair, and a plain partner: the queue does not exist for them.
    expect((await refusalOf(listQueue(db, member))).status).toBe(404);
    expect((await refusalOf(listQueue(db, await person(db)))).status).toBe(404);
    expect(await openQueueCount(db, member)).toBeNull();
    // A moderator outside the council sees that an item exists, never its words.
    const seen = await listQueue(db, moderator);
    const item = seen.find((i) => i.category.council && i.flags.some((f) => f.by === flagger.displayName))!;
    expect(item).toMatchObject({ readable: false, post: null, thread: null, author: null });
    expect(JSON.stringify(seen)).not.toContain("canary-leak-55e");
  });
});

/** Another current member of council A (the chair and author are taken). */
async function enrolFlagger() {
  const db = database.db;
  const someone = await person(db);
  return enrol(db, admin, councilA.id, someone);
}

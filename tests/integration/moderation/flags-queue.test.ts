import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { getThreadPage } from "../../../app/domain/forum/queries.server";
import { flaggerRecord, flagPost } from "../../../app/domain/moderation/flags.server";
import { flagWeight } from "../../../app/domain/moderation/flag-weight";
import { noticesFor } from "../../../app/domain/moderation/notices.server";
import { claimItem, decideItem, decideItems } from "../../../app/domain/moderation/queue.server";
import { listQueue, openQueueCount } from "../../../app/domain/moderation/queue-view.server";
import { updateSettings, defaultSettings } from "../../../app/domain/moderation/settings.server";
import { createTestDatabase } from "../../support/database";
import { makeCategory, makeReply, makeThread, tick } from "../../support/forum";
import { auditRows, eventsFor, person, refusalOf } from "../../support/moderation";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function flaggedPost(flaggers = 1) {
  const db = database.db;
  const author = await person(db);
  const category = await makeCategory(db);
  const thread = await makeThread(db, author, category.id);
  const post = await makeReply(db, author, thread.threadId, "Buy cheap licences at example.test!");
  const people = await Promise.all(Array.from({ length: flaggers }, () => person(db)));
  for (const flagger of people) await flagPost(db, flagger, { postId: post.postId, reason: "spam", note: "" }, tick());
  const item = await db.selectFrom("review_items").selectAll().where("post_id", "=", post.postId).executeTakeFirst();
  return { db, author, category, thread, post, people, item };
}

describe("flags", () => {
  it("weighs a flag by the flagger's accuracy, smoothed", () => {
    expect(flagWeight({ agreed: 0, settled: 0, level: 0 })).toBe(1);
    expect(flagWeight({ agreed: 10, settled: 10, level: 0 })).toBeGreaterThan(1.4);
    expect(flagWeight({ agreed: 0, settled: 10, level: 0 })).toBeLessThan(0.6);
    expect(flagWeight({ agreed: 0, settled: 0, level: 3 })).toBeGreaterThan(1);
  });

  it("a flag from a higher recognition level weighs more than a newcomer's", async () => {
    const db = database.db;
    const author = await person(db);
    const category = await makeCategory(db);
    const thread = await makeThread(db, author, category.id);
    const post = await makeReply(db, author, thread.threadId, "Cheap licences, DM me");
    const [newcomer, leader] = [await person(db), await person(db)];
    // What the recognition engine writes for a Community Leader (rank 3); the newcomer has no row yet.
    await db
      .insertInto("recognition_profiles")
      .values({ user_id: leader.id, organization_id: null, vendor_staff: false, joined_at: new Date("2025-01-01T00:00:00Z"), points: 700, level: "community-leader", level_rank: 3, level_changed_at: new Date(), updated_at: new Date() })
      .execute();
    await flagPost(db, newcomer, { postId: post.postId, reason: "spam", note: "" }, tick());
    await flagPost(db, leader, { postId: post.postId, reason: "spam", note: "" }, tick());
    const weights = await db.selectFrom("post_flags").select(["flagger_id", "weight"]).where("post_id", "=", post.postId).execute();
    const weightOf = (id: string) => Number(weights.find((flag) => flag.flagger_id === id)!.weight);
    expect(weightOf(newcomer.id)).toBe(1);
    expect(weightOf(leader.id)).toBe(1.3);
  });

  it("once per post; not one's own; 'other' needs a note", async () => {
    const { db, author, post, people } = await flaggedPost(1);
    expect(await refusalOf(flagPost(db, people[0]!, { postId: post.postId, reason: "off_topic", note: "" }))).toMatchObject({ status: 409 });
    expect(await refusalOf(flagPost(db, author, { postId: post.postId, reason: "spam", note: "" }))).toMatchObject({ status: 403, message: "You cannot flag your own post." });
    const { flagSchema } = await import("../../../app/domain/moderation/flags.server");
    const parsed = flagSchema.safeParse({ postId: post.postId, reason: "other", note: "" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["note"]);
  });

  it("stops at the daily limit with 429", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    await updateSettings(db, admin, { ...defaultSettings, flagDailyLimit: 2, flagHideThreshold: 50 });
    const flagger = await person(db);
    const author = await person(db);
    const category = await makeCategory(db);
    const thread = await makeThread(db, author, category.id);
    const posts = [await makeReply(db, author, thread.threadId), await makeReply(db, author, thread.threadId), await makeReply(db, author, thread.threadId)];
    await flagPost(db, flagger, { postId: posts[0]!.postId, reason: "spam", note: "" });
    await flagPost(db, flagger, { postId: posts[1]!.postId, reason: "spam", note: "" });
    expect(await refusalOf(flagPost(db, flagger, { postId: posts[2]!.postId, reason: "spam", note: "" }))).toMatchObject({ status: 429 });
    await updateSettings(db, admin, defaultSettings);
  });

  it("hides the post pending review when the flags reach the threshold, and tells the author why", async () => {
    const { db, author, post, thread, item } = await flaggedPost(2);
    expect(item!).toMatchObject({ kind: "flagged", status: "pending", auto_hidden: false, flag_weight: 2 });
    const member = await person(db);
    expect((await getThreadPage(db, member, thread.threadId)).posts.map((p) => p.id)).toContain(post.postId);

    await flagPost(db, member, { postId: post.postId, reason: "inappropriate", note: "" });
    expect((await getThreadPage(db, member, thread.threadId)).posts.map((p) => p.id)).not.toContain(post.postId);
    expect(await eventsFor(db, "forum.post_hidden", (p) => p.postId === post.postId)).toHaveLength(1);
    const [notice] = await noticesFor(db, author.id);
    expect(notice!.message).toMatch(/hidden until a moderator reviews it: members flagged it as (spam, inappropriate|inappropriate, spam)/);
    const audit = await auditRows(db, post.postId);
    expect(audit[0]).toMatchObject({ action: "post.hidden", actor_id: null });
  });

  it("a moderator's flag hides at once", async () => {
    const db = database.db;
    const { post } = await flaggedPost(0);
    const moderator = await person(db, "moderator");
    const result = await flagPost(db, moderator, { postId: post.postId, reason: "spam", note: "" });
    expect(result.hidden).toBe(true);
  });
});

describe("the review queue", () => {
  it("lists flagged posts with context and counts them for the header; members get 404", async () => {
    const { db, post, author } = await flaggedPost(2);
    const moderator = await person(db, "moderator");
    const queue = await listQueue(db, moderator);
    const entry = queue.find((i) => i.post?.id === post.postId)!;
    expect(entry.flags).toHaveLength(2);
    expect(entry.author).toMatchObject({ id: author.id, posts: 2, level: 0 });
    expect(entry.thread?.title).toBeTruthy();
    expect(await openQueueCount(db, moderator)).toBeGreaterThan(0);
    expect(await openQueueCount(db, author)).toBeNull();
    expect(await refusalOf(listQueue(db, author))).toMatchObject({ status: 404 });
  });

  it("council content shows only that an item exists to moderators outside the council", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    const council = await makeCategory(db, "council");
    const thread = await makeThread(db, admin, council.id);
    const secret = await makeReply(db, admin, thread.threadId, "Confidential pricing discussion");
    const otherAdmin = await person(db, "admin");
    await flagPost(db, otherAdmin, { postId: secret.postId, reason: "other", note: "Mentions a partner's margin" });
    const moderator = await person(db, "moderator");
    const seen = (await listQueue(db, moderator)).find((i) => i.category.council && i.flags.some((f) => f.by === otherAdmin.displayName))!;
    expect(seen).toMatchObject({ readable: false, post: null, thread: null, author: null });
    expect(seen.flags[0]!.note).toBe("");
    const adminView = (await listQueue(db, admin)).find((i) => i.post?.id === secret.postId)!;
    expect(adminView.post?.html).toContain("Confidential pricing");
  });

  it("claim first; a second moderator gets 409 naming who claimed or settled it", async () => {
    const { db, post, item: found, people } = await flaggedPost(1);
    const item = found!;
    const [first, second] = [await person(db, "moderator"), await person(db, "moderator")];
    await claimItem(db, first, item.id);
    expect(await refusalOf(decideItem(db, second, { itemId: item.id, decision: "agree-hide" }))).toMatchObject({ status: 409, message: `${first.displayName} has claimed this item.` });
    expect(await refusalOf(claimItem(db, second, item.id))).toMatchObject({ status: 409 });
    await decideItem(db, first, { itemId: item.id, decision: "agree-hide", reason: "Spam link" });
    const settled = await refusalOf(decideItem(db, second, { itemId: item.id, decision: "disagree" }));
    expect(settled).toMatchObject({ status: 409 });
    expect(settled.message).toContain(`Already settled by ${first.displayName}`);
    const row = await db.selectFrom("posts").select("hidden_at").where("id", "=", post.postId).executeTakeFirstOrThrow();
    expect(row.hidden_at).not.toBeNull();
    expect(await flaggerRecord(db, people[0]!.id)).toEqual({ settled: 1, agreed: 1 });
    const audit = await auditRows(db, String(item.id), "review_item");
    expect(audit.map((a) => a.action)).toEqual(["review.agreed"]);
    expect(audit[0]).toMatchObject({ actor_id: first.id, reason: "Spam link", after: { status: "agreed", resolution: "hidden" } });
    expect(await eventsFor(db, "moderation.review_changed", (p) => p.itemId === item.id)).not.toHaveLength(0);
  });

  it("disagree restores an auto-hidden post and lowers the flaggers' accuracy", async () => {
    const { db, post, item: found, people } = await flaggedPost(3);
    const item = found!;
    const moderator = await person(db, "moderator");
    expect((await db.selectFrom("posts").select("hidden_at").where("id", "=", post.postId).executeTakeFirstOrThrow()).hidden_at).not.toBeNull();
    await decideItem(db, moderator, { itemId: item.id, decision: "disagree", reason: "Legitimate vendor link" });
    expect((await db.selectFrom("posts").select("hidden_at").where("id", "=", post.postId).executeTakeFirstOrThrow()).hidden_at).toBeNull();
    expect(await eventsFor(db, "forum.post_restored", (p) => p.postId === post.postId)).toHaveLength(1);
    expect(await flaggerRecord(db, people[0]!.id)).toEqual({ settled: 1, agreed: 0 });
  });

  it("defer keeps the item open and releases the claim; bulk agree-delete settles several and reports conflicts", async () => {
    const a = await flaggedPost(1);
    const b = await flaggedPost(1);
    const db = database.db;
    const moderator = await person(db, "moderator");
    const other = await person(db, "moderator");
    await decideItem(db, moderator, { itemId: a.item!.id, decision: "defer" });
    expect(await db.selectFrom("review_items").select(["status", "claimed_by"]).where("id", "=", a.item!.id).executeTakeFirstOrThrow()).toEqual({ status: "deferred", claimed_by: null });
    await claimItem(db, other, b.item!.id);
    const results = await decideItems(db, moderator, { itemIds: [a.item!.id, b.item!.id], decision: "agree-delete", reason: "Spam wave" });
    expect(results).toEqual([
      { itemId: a.item!.id, ok: true },
      { itemId: b.item!.id, ok: false, message: `${other.displayName} has claimed this item.` },
    ]);
    expect(await eventsFor(db, "forum.post_deleted", (p) => p.postId === a.post.postId)).toHaveLength(1);
  });

  it("members cannot claim or decide (403)", async () => {
    const { db, item: found, people } = await flaggedPost(1);
    const item = found!;
    expect(await refusalOf(claimItem(db, people[0]!, item.id))).toMatchObject({ status: 403 });
    expect(await refusalOf(decideItem(db, people[0]!, { itemId: item.id, decision: "disagree" }))).toMatchObject({ status: 403 });
  });
});

describe("new-account hold", () => {
  it("holds a brand-new account's posts hidden in the queue until a moderator approves one", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    await updateSettings(db, admin, { ...defaultSettings, holdNewAccounts: true });
    try {
      const newcomer = await person(db);
      const category = await makeCategory(db);
      const now = new Date();
      const { createThread } = await import("../../../app/domain/forum/threads.server");
      const { render } = await import("../../support/forum");
      const thread = await createThread(db, { actor: newcomer, thread: { title: "Hello from a new partner", categoryId: category.id, tags: [], body: "First post" }, render, at: now });
      const reader = await person(db);
      await expect(getThreadPage(db, reader, thread.threadId)).rejects.toMatchObject({ status: 404 });
      expect((await getThreadPage(db, newcomer, thread.threadId)).posts).toHaveLength(1);
      const item = await db.selectFrom("review_items").selectAll().where("post_id", "=", thread.postId).executeTakeFirstOrThrow();
      expect(item.kind).toBe("held");
      const moderator = await person(db, "moderator");
      await decideItem(db, moderator, { itemId: item.id, decision: "disagree" });
      expect((await getThreadPage(db, reader, thread.threadId)).posts).toHaveLength(1);
      const { reply } = await import("../../../app/domain/forum/posts.server");
      const second = await reply(db, { actor: newcomer, threadId: thread.threadId, body: "And a second", render, at: new Date(now.getTime() + 60_000) });
      expect((await getThreadPage(db, reader, thread.threadId)).posts.map((p) => p.id)).toContain(second.postId);
    } finally {
      await updateSettings(db, admin, defaultSettings);
    }
  });
});

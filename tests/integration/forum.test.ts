import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import type { Database } from "../../db/client";
import { acceptAnswer } from "../../app/domain/forum/answers.server";
import { deletePost, editPost, postHistory, reply } from "../../app/domain/forum/posts.server";
import { getThreadPage, listThreads } from "../../app/domain/forum/queries.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import { createThread } from "../../app/domain/forum/threads.server";
import { resolveForViewer } from "../../app/domain/forum/references.server";
import { DomainError } from "../../app/domain/errors";
import { defaultSettings, updateSettings } from "../../app/domain/moderation/settings.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeTag, makeThread, render, tick } from "../support/forum";
import { counting } from "../support/statements";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function member(role: "member" | "moderator" | "admin" = "member") {
  const organization = await makeOrganization(database.db);
  return asSessionUser(await makeUser(database.db, { role, organizationId: role === "member" ? organization.id : null }));
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const eventsOf = (type: string) =>
  database.db.selectFrom("outbox_events").select(["payload", "actor_id"]).where("type", "=", type).execute();

describe("threads and replies", () => {
  it("opens a thread with its first post, tags, counts and event, all at once", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const tag = await makeTag(database.db);
    const { threadId, postId } = await makeThread(database.db, author, category.id, { tags: [tag.slug], body: "We use **dual-write** during cutover." });
    const page = await getThreadPage(database.db, null, threadId);
    expect(page.thread.tags.map((t) => t.slug)).toEqual([tag.slug]);
    expect(page.posts[0]).toMatchObject({ id: postId, post_number: 1, author_id: author.id });
    expect(page.posts[0]!.body_html).toContain("<strong>dual-write</strong>");
    const refreshed = await database.db.selectFrom("categories").select(["thread_count", "post_count"]).where("id", "=", category.id).executeTakeFirstOrThrow();
    expect(refreshed).toEqual({ thread_count: 1, post_count: 1 });
    expect((await eventsOf("forum.thread_created")).some((e) => (e.payload as { threadId: string }).threadId === threadId)).toBe(true);
  });

  it("refuses an unknown tag or category at its field and writes nothing", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const title = "A thread that must not exist";
    const badTag = await refusal(createThread(database.db, { actor: author, thread: { title, categoryId: category.id, tags: ["no-such-tag"], body: "x" }, render, at: tick() }));
    expect(badTag).toMatchObject({ status: 400, field: "tags" });
    const badCategory = await refusal(createThread(database.db, { actor: author, thread: { title, categoryId: 999_999, tags: [], body: "x" }, render, at: tick() }));
    expect(badCategory).toMatchObject({ status: 400, field: "categoryId" });
    expect(await database.db.selectFrom("threads").select("id").where("title", "=", title).execute()).toEqual([]);
  });

  it("numbers replies in order and keeps the thread's reply count", async () => {
    const author = await member();
    const other = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const first = await makeReply(database.db, other, threadId);
    const second = await makeReply(database.db, author, threadId);
    expect([first.postNumber, second.postNumber]).toEqual([2, 3]);
    const page = await getThreadPage(database.db, other, threadId);
    expect(page.thread.reply_count).toBe(2);
  });

  it("numbers concurrent replies to one thread without gaps and counts each once", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const writers = await Promise.all(Array.from({ length: 8 }, () => member()));
    const at = tick();
    const created = await Promise.all(writers.map((writer, i) => reply(database.db, { actor: writer, threadId, body: `At once ${i}`, render, at })));
    expect(created.map((c) => c.postNumber).sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    const thread = await database.db.selectFrom("threads").select(["reply_count", "last_post_id", "last_posted_at"]).where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(8);
    expect(created.map((c) => c.postId)).toContain(thread.last_post_id);
    expect(new Date(thread.last_posted_at!).getTime()).toBe(at.getTime());
    const counts = await database.db.selectFrom("categories").select("post_count").where("id", "=", category.id).executeTakeFirstOrThrow();
    expect(counts.post_count).toBe(9);
    expect((await eventsOf("forum.reply_posted")).filter((e) => (e.payload as { threadId: string }).threadId === threadId)).toHaveLength(8);
  });

  it("refuses a reply to a locked thread before the posting limit, as the checks read in order", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const start = new Date();
    const { threadId } = await createThread(database.db, { actor: author, thread: { title: "Locked while busy", categoryId: category.id, tags: [], body: "hello" }, render, at: start });
    for (let i = 1; i < 5; i++) await reply(database.db, { actor: author, threadId, body: `more ${i}`, render, at: new Date(start.getTime() + i * 1000) });
    const at = new Date(start.getTime() + 6000);
    expect(await refusal(reply(database.db, { actor: author, threadId, body: "limited", render, at }))).toMatchObject({ status: 429 });
    await database.db.updateTable("threads").set({ locked_at: new Date() }).where("id", "=", threadId).execute();
    expect(await refusal(reply(database.db, { actor: author, threadId, body: "locked and limited", render, at }))).toMatchObject({ status: 403, message: "This thread is locked: no new replies." });
  });

  it("refuses replies to a locked thread except from moderators", async () => {
    const author = await member();
    const moderator = await member("moderator");
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    await database.db.updateTable("threads").set({ locked_at: new Date() }).where("id", "=", threadId).execute();
    expect(await refusal(makeReply(database.db, author, threadId))).toMatchObject({ status: 403 });
    await expect(makeReply(database.db, moderator, threadId)).resolves.toMatchObject({ postNumber: 2 });
  });

  it("hides staff-only categories from members as if they did not exist", async () => {
    const moderator = await member("moderator");
    const outsider = await member();
    const staffOnly = await makeCategory(database.db, "staff");
    const { threadId } = await makeThread(database.db, moderator, staffOnly.id, { title: "Moderator handbook canary" });
    expect(await refusal(makeReply(database.db, outsider, threadId))).toMatchObject({ status: 404 });
    await expect(getThreadPage(database.db, outsider, threadId)).rejects.toMatchObject({ status: 404 });
    const latest = await listThreads(database.db, outsider, { view: "latest" });
    expect(latest.threads.some((t) => t.id === threadId)).toBe(false);
  });

  it("lands a permalink on the right page: 20 posts a page", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    let last = { page: 1, postNumber: 1 };
    const repliers = [await member(), await member(), await member()];
    for (let i = 0; i < 21; i++) last = await makeReply(database.db, repliers[i % 3]!, threadId, `Reply number ${i + 2}`);
    expect(last).toMatchObject({ postNumber: 22, page: 2 });
    const page2 = await getThreadPage(database.db, null, threadId, 2);
    expect(page2.posts.map((p) => p.post_number)).toEqual([21, 22]);
    expect(page2.pages).toBe(2);
  });

  it("reads a thread page in the same few queries whatever its length", async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const counted = database.db.withPlugin(counter);
    const author = await member();
    const category = await makeCategory(database.db);
    const short = await makeThread(database.db, author, category.id);
    const long = await makeThread(database.db, author, category.id);
    const other = await member();
    for (let i = 0; i < 19; i++) {
      const post = await makeReply(database.db, i % 2 ? author : other, long.threadId, `Long thread reply ${i}`);
      if (i % 2 === 0) await toggleReaction(database.db, { actor: author, postId: (await database.db.selectFrom("posts").select("id").where("thread_id", "=", long.threadId).where("post_number", "=", post.postNumber).executeTakeFirstOrThrow()).id, kind: "like" });
    }
    queries = 0;
    await getThreadPage(counted, author, short.threadId);
    const forShort = queries;
    queries = 0;
    await getThreadPage(counted, author, long.threadId);
    expect(queries).toBe(forShort);
    expect(queries).toBeLessThanOrEqual(5);
  });

  it("never leaves half a reply behind when the post fails", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const failingRender = async () => {
      throw new DomainError("This post is too complex to format.", 400, "body");
    };
    await expect(reply(database.db, { actor: author, threadId, body: "x", render: failingRender, at: tick() })).rejects.toMatchObject({ field: "body" });
    const thread = await database.db.selectFrom("threads").select("reply_count").where("id", "=", threadId).executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(0);
  });
});

describe("rate limits", () => {
  it("tells a new account how long to wait after five posts in a minute", async () => {
    const newcomer = await member();
    const category = await makeCategory(database.db);
    const start = new Date();
    const { threadId } = await createThread(database.db, { actor: newcomer, thread: { title: "Newcomer question here", categoryId: category.id, tags: [], body: "hello" }, render, at: start });
    for (let i = 1; i < 5; i++) {
      await reply(database.db, { actor: newcomer, threadId, body: `more ${i}`, render, at: new Date(start.getTime() + i * 1000) });
    }
    const limited = await refusal(reply(database.db, { actor: newcomer, threadId, body: "one too many", render, at: new Date(start.getTime() + 6000) }));
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(/post again in \d+ seconds/);
  });

  it("counts an established account's hour limit apart from its minute limit", async () => {
    const admin = await member("admin");
    // Old enough not to count as a new account: the established limits (admin settings) apply.
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const author = { ...(await member()), createdAt: tenDaysAgo };
    await database.db.updateTable("users").set({ created_at: tenDaysAgo } as never).where("id", "=", author.id).execute();
    const category = await makeCategory(database.db);
    await updateSettings(database.db, admin, { ...defaultSettings, postsPerMinute: 10, postsPerHour: 3 });
    try {
      const start = new Date(Date.now() - 3600_000);
      const { threadId } = await createThread(database.db, { actor: author, thread: { title: "A busy hour of answers", categoryId: category.id, tags: [], body: "hello" }, render, at: start });
      const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
      await reply(database.db, { actor: author, threadId, body: "five minutes on", render, at: minutes(5) });
      await reply(database.db, { actor: author, threadId, body: "ten minutes on", render, at: minutes(10) });
      const limited = await refusal(reply(database.db, { actor: author, threadId, body: "one too many", render, at: minutes(15) }));
      // Three posts within the hour, none within the minute: the oldest leaves the hour 45 minutes later.
      expect(limited).toMatchObject({ status: 429, message: "You are posting faster than we allow. You can post again in 45 minutes." });
      await expect(reply(database.db, { actor: author, threadId, body: "after the hour", render, at: minutes(61) })).resolves.toMatchObject({ postNumber: 4 });
    } finally {
      await updateSettings(database.db, admin, defaultSettings);
    }
  });
});

describe("what a reply costs", () => {
  it("checks the thread, the posting limits and moderation in one statement, then writes under the thread's lock", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, author, category.id);
    const counted = counting(database.db);
    const { postNumber } = await reply(counted.db, { actor: author, threadId, body: "A plain answer, no mentions", render });
    expect(postNumber).toBe(2);
    // The checks; the locked thread; the post with both counters; its event with its NOTIFY
    // (the writes are selects from data-modifying CTEs).
    expect(counted.kinds).toEqual(["SelectQueryNode", "SelectQueryNode", "SelectQueryNode", "SelectQueryNode"]);
  });
});

describe("reactions", () => {
  it("toggles on and off, once per kind per person, never on one's own post", async () => {
    const author = await member();
    const fan = await member();
    const category = await makeCategory(database.db);
    const { postId } = await makeThread(database.db, author, category.id);
    expect(await toggleReaction(database.db, { actor: fan, postId, kind: "thanks" })).toMatchObject({ active: true, count: { thanks: 1 } });
    expect(await refusal(toggleReaction(database.db, { actor: fan, postId, kind: "thanks", want: "on" }))).toMatchObject({ status: 409 });
    expect(await toggleReaction(database.db, { actor: fan, postId, kind: "thanks" })).toMatchObject({ active: false, count: {} });
    expect(await refusal(toggleReaction(database.db, { actor: author, postId, kind: "like" }))).toMatchObject({ status: 403 });
    const types = (await database.db.selectFrom("outbox_events").select("type").where("actor_id", "=", fan.id).where("type", "like", "forum.%").orderBy("id").execute()).map((e) => e.type);
    expect(types).toEqual(["forum.reaction_added", "forum.reaction_removed"]);
  });
});

describe("accepted answers", () => {
  it("lets only the asker (or a moderator) accept, and a new choice replaces the old", async () => {
    const asker = await member();
    const helper = await member();
    const other = await member();
    const category = await makeCategory(database.db);
    const { threadId, postId: questionId } = await makeThread(database.db, asker, category.id);
    const first = await makeReply(database.db, helper, threadId);
    const second = await makeReply(database.db, other, threadId);
    const posts = (await getThreadPage(database.db, asker, threadId)).posts;
    const [firstId, secondId] = [posts[1]!.id, posts[2]!.id];
    expect([first.postNumber, second.postNumber]).toEqual([2, 3]);
    expect(await refusal(acceptAnswer(database.db, { actor: helper, postId: firstId }))).toMatchObject({ status: 403 });
    expect(await refusal(acceptAnswer(database.db, { actor: asker, postId: questionId }))).toMatchObject({ status: 400 });
    await acceptAnswer(database.db, { actor: asker, postId: firstId });
    await acceptAnswer(database.db, { actor: asker, postId: secondId });
    const thread = (await getThreadPage(database.db, null, threadId)).thread;
    expect(thread.accepted_post_id).toBe(secondId);
    const unaccepted = await eventsOf("forum.answer_unaccepted");
    expect(unaccepted.some((e) => (e.payload as { postId: string }).postId === firstId)).toBe(true);
    const solved = await listThreads(database.db, null, { categoryId: category.id, status: "solved" });
    expect(solved.threads.map((t) => t.id)).toEqual([threadId]);
  });
});

describe("edits, history and deletion", () => {
  it("keeps every earlier version and refuses edits of others' posts", async () => {
    const author = await member();
    const stranger = await member();
    const category = await makeCategory(database.db);
    const { postId } = await makeThread(database.db, author, category.id, { body: "First version" });
    await editPost(database.db, { actor: author, postId, body: "Second version", render });
    await editPost(database.db, { actor: author, postId, body: "Third version", render });
    const history = await postHistory(database.db, stranger, postId);
    expect(history.current.body_source).toBe("Third version");
    expect(history.revisions.map((r) => r.body_source)).toEqual(["Second version", "First version"]);
    expect(await refusal(editPost(database.db, { actor: stranger, postId, body: "vandalism", render }))).toMatchObject({ status: 403 });
  });

  it("soft-deletes a reply: the thread keeps its numbering and loses its accepted answer", async () => {
    const asker = await member();
    const helper = await member();
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, asker, category.id);
    await makeReply(database.db, helper, threadId);
    await makeReply(database.db, asker, threadId, "Thanks!");
    const answerId = (await getThreadPage(database.db, asker, threadId)).posts[1]!.id;
    await acceptAnswer(database.db, { actor: asker, postId: answerId });
    await deletePost(database.db, { actor: helper, postId: answerId });
    const page = await getThreadPage(database.db, asker, threadId);
    expect(page.posts.map((p) => p.post_number)).toEqual([1, 2, 3]);
    expect(page.posts[1]!.body_html).toBe("");
    expect(page.thread.accepted_post_id).toBeNull();
  });
});

describe("mentions and references", () => {
  it("notifies a mentioned person only when they may read the post", async () => {
    const moderator = await member("moderator");
    const colleague = await member("moderator");
    const outsider = await member();
    const staffOnly = await makeCategory(database.db, "staff");
    const { postId } = await makeThread(database.db, moderator, staffOnly.id, {
      body: `Looping in @${colleague.handle} and @${outsider.handle}.`,
    });
    const mentioned = (await eventsOf("forum.user_mentioned"))
      .map((e) => e.payload as { postId: string; mentionedId: string })
      .filter((p) => p.postId === postId)
      .map((p) => p.mentionedId);
    expect(mentioned).toEqual([colleague.id]);
  });

  it("shows a quote of a post the viewer may not read as private content", async () => {
    const moderator = await member("moderator");
    const reader = await member();
    const staffOnly = await makeCategory(database.db, "staff");
    const open = await makeCategory(database.db);
    const secret = await makeThread(database.db, moderator, staffOnly.id, { body: "The canary word is periwinkle." });
    const quoting = await makeThread(database.db, moderator, open.id, {
      body: `> [!quote post=${secret.postId} author=${moderator.handle}]\n> The canary word is periwinkle.\n\nSee above.`,
    });
    const page = await getThreadPage(database.db, reader, quoting.threadId);
    const [forReader] = await resolveForViewer(database.db, reader, [page.posts[0]!.body_html]);
    const [forModerator] = await resolveForViewer(database.db, moderator, [page.posts[0]!.body_html]);
    expect(forReader).not.toContain("periwinkle");
    expect(forReader).toContain("private content");
    expect(forModerator).toContain("periwinkle");
  });
});

describe("renderer upgrades", () => {
  it("renders stale posts again from their source, once", async () => {
    const author = await member();
    const category = await makeCategory(database.db);
    const { postId } = await makeThread(database.db, author, category.id, { body: "Now **bold**" });
    await database.db.updateTable("posts").set({ body_html: "<p>old output</p>", renderer_version: 0 }).where("id", "=", postId).execute();
    const { rerenderStalePosts } = await import("../../app/domain/forum/rerender.server");
    const { RENDERER_VERSION } = await import("../../app/domain/forum/markdown");
    let total = 0;
    for (let more = true; more; ) {
      const result = await rerenderStalePosts(database.db, { render, currentVersion: RENDERER_VERSION, batchSize: 50 });
      total += result.updated;
      more = result.more;
    }
    expect(total).toBeGreaterThanOrEqual(1);
    const post = await database.db.selectFrom("posts").select(["body_html", "renderer_version"]).where("id", "=", postId).executeTakeFirstOrThrow();
    expect(post).toEqual({ body_html: expect.stringContaining("<strong>bold</strong>"), renderer_version: RENDERER_VERSION });
    expect((await rerenderStalePosts(database.db, { render, currentVersion: RENDERER_VERSION })).updated).toBe(0);
  });
});

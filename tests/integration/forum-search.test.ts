import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { searchPosts } from "../../app/domain/forum/search.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { person } from "../support/moderation";
import { mergePostIntoThread, moveThread } from "../../app/domain/moderation/thread-actions.server";

// Which posts a search finds, now that body and title matches are looked up separately (decision 034).
let database: Database;
let word: string;
let titleWord: string;
let threadId: string;
let openingId: string;
let replyId: string;
let hiddenCategoryWordThread: string;
let member: ReturnType<typeof asSessionUser>;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  const organization = await makeOrganization(db);
  member = asSessionUser(await makeUser(db, { organizationId: organization.id }));
  const other = asSessionUser(await makeUser(db, { organizationId: organization.id }));
  const category = await makeCategory(db);
  const membersOnly = await makeCategory(db, "members");
  // Letters only: the English stemmer keeps these words whole.
  word = `zq${unique("w").slice(2).replace(/[^a-f]/g, "x")}body`;
  titleWord = `zq${unique("w").slice(2).replace(/[^a-f]/g, "x")}title`;
  const thread = await makeThread(db, member, category.id, { title: `About ${titleWord} settings`, body: "How do others set this up?" });
  threadId = thread.threadId;
  openingId = thread.postId;
  replyId = (await makeReply(db, other, threadId, `We used ${word} for it, and ${titleWord} too.`)).postId;
  await makeReply(db, other, threadId, "Nothing to find here.");
  hiddenCategoryWordThread = (await makeThread(db, member, membersOnly.id, { title: "Members only", body: `Internal ${word} notes.` })).threadId;
}, 60_000);

afterAll(async () => {
  await database?.close();
});

describe("forum search", () => {
  it("finds a reply by a word of its body, and not the thread's other posts", async () => {
    const { results } = await searchPosts(database.db, null, { query: word });
    expect(results.map((r) => r.post_id)).toEqual([replyId]);
    expect(results[0]!.snippet).toContain(`<mark>${word}</mark>`);
  });

  it("finds the opening post by a word of the thread title, ranked above a reply that only mentions it", async () => {
    const { results } = await searchPosts(database.db, null, { query: titleWord });
    expect(results.map((r) => r.post_id)).toEqual([openingId, replyId]);
  });

  it("shows members-only threads to members and not to visitors", async () => {
    const visitor = await searchPosts(database.db, null, { query: word });
    const signedIn = await searchPosts(database.db, member, { query: word });
    expect(visitor.results.map((r) => r.thread_id)).not.toContain(hiddenCategoryWordThread);
    expect(signedIn.results.map((r) => r.thread_id).sort()).toEqual([hiddenCategoryWordThread, threadId].sort());
  });

  it("finds nothing for a word no post or title has", async () => {
    const { results, hasMore } = await searchPosts(database.db, member, { query: "zqnowherezq" });
    expect(results).toEqual([]);
    expect(hasMore).toBe(false);
  });
});

// Common queries rank only their newest matches (decision 035); the limit is an option so a
// handful of posts can stand for thousands here.
describe("forum search over the newest matches", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  let common: string;
  let rare: string;
  let oldRare: string;
  let newestTwo: { fewer: string; more: string };
  let olderBetter: string;
  let membersOnlyNewest: string;

  // created_at is written once by the database; only a test moves it back in time.
  async function backdate(postId: string, at: Date) {
    await database.db.updateTable("posts").set({ created_at: at } as never).where("id", "=", postId).execute();
  }

  beforeAll(async () => {
    const { db } = database;
    const organization = await makeOrganization(db);
    const writer = asSessionUser(await makeUser(db, { organizationId: organization.id }));
    const public_ = await makeCategory(db);
    const membersOnly = await makeCategory(db, "members");
    common = `zq${unique("c").slice(2).replace(/[^a-f]/g, "x")}common`;
    rare = `zq${unique("r").slice(2).replace(/[^a-f]/g, "x")}rare`;
    const thread = (await makeThread(db, writer, public_.id, { title: "Rollout notes", body: "Notes from our rollout." })).threadId;
    // Three years old, and the only post with its rare word.
    oldRare = (await makeReply(db, writer, thread, `An old note on ${rare} and ${common}.`)).postId;
    await backdate(oldRare, daysAgo(3 * 365));
    // The best match for the common word, but older than the two newest.
    olderBetter = (await makeReply(db, writer, thread, `${common} ${common} ${common}, all about ${common}.`)).postId;
    await backdate(olderBetter, daysAgo(90));
    newestTwo = {
      fewer: (await makeReply(db, writer, thread, `A passing mention of ${common} among many other words about the rollout plan.`)).postId,
      more: (await makeReply(db, writer, thread, `${common} and ${common} again.`)).postId,
    };
    await backdate(newestTwo.fewer, daysAgo(2));
    await backdate(newestTwo.more, daysAgo(3));
    // Newest of all, but only members may read it.
    const hidden = await makeThread(db, writer, membersOnly.id, { title: "Members rollout", body: `Members talk about ${common}.` });
    membersOnlyNewest = hidden.postId;
    await backdate(membersOnlyNewest, daysAgo(1));
    await db.updateTable("threads").set({ created_at: daysAgo(1) } as never).where("id", "=", hidden.threadId).execute();
  }, 60_000);

  it("still finds a years-old post by a word only it has", async () => {
    const { results, capped } = await searchPosts(database.db, null, { query: rare, recentMatches: 2 });
    expect(results.map((r) => r.post_id)).toEqual([oldRare]);
    expect(capped).toBe(false);
  });

  it("with more matches than the limit, ranks only the newest, best match first among them", async () => {
    const { results, capped, hasMore } = await searchPosts(database.db, null, { query: common, recentMatches: 2 });
    expect(results.map((r) => r.post_id)).toEqual([newestTwo.more, newestTwo.fewer]);
    expect(capped).toBe(true);
    expect(hasMore).toBe(false);
  });

  it("ranks every match when the limit covers them all", async () => {
    const { results, capped } = await searchPosts(database.db, null, { query: common });
    expect(results[0]!.post_id).toBe(olderBetter);
    expect(results.map((r) => r.post_id).sort()).toEqual([olderBetter, oldRare, newestTwo.more, newestTwo.fewer].sort());
    expect(capped).toBe(false);
  });

  // Searches look in the last 60 days first, then a window sized from what that held, then all of
  // time (decision 038): each step must give what a search of all time would.
  it("widens the window past the last month until it holds the newest matches, back to the oldest post", async () => {
    const three = await searchPosts(database.db, null, { query: common, recentMatches: 3 });
    expect(three.results.map((r) => r.post_id)).toEqual([olderBetter, newestTwo.more, newestTwo.fewer]);
    expect(three.capped).toBe(true);
    const four = await searchPosts(database.db, null, { query: common, recentMatches: 4 });
    expect(four.results.map((r) => r.post_id).sort()).toEqual([olderBetter, oldRare, newestTwo.more, newestTwo.fewer].sort());
    expect(four.capped).toBe(true);
  });

  it("fills the newest matches with posts the searcher may read, never with members-only ones", async () => {
    const visitor = await searchPosts(database.db, null, { query: common, recentMatches: 1 });
    expect(visitor.results.map((r) => r.post_id)).toEqual([newestTwo.fewer]);
    const signedIn = await searchPosts(database.db, member, { query: common, recentMatches: 1 });
    expect(signedIn.results.map((r) => r.post_id)).toEqual([membersOnlyNewest]);
  });
});

// Posts carry their thread's category for search within one category (decision 039).
describe("search within a category after moderators move things", () => {
  it("finds a moved thread's replies, and a merged reply, under the category they are in now", async () => {
    const { db } = database;
    const moderator = await person(db, "moderator");
    const from = await makeCategory(db);
    const to = await makeCategory(db);
    const movedWord = `zq${unique("m").slice(2).replace(/[^a-f]/g, "x")}moved`;
    const thread = await makeThread(db, member, from.id, { title: "Partner portal question", body: "Where is the portal?" });
    const reply = (await makeReply(db, member, thread.threadId, `The ${movedWord} page moved.`)).postId;
    const inCategory = async (slug: string) => (await searchPosts(db, member, { query: movedWord, categorySlug: slug })).results.map((r) => r.post_id);
    expect(await inCategory(from.slug)).toEqual([reply]);

    await moveThread(db, moderator, { threadId: thread.threadId, categoryId: to.id });
    expect(await inCategory(from.slug)).toEqual([]);
    expect(await inCategory(to.slug)).toEqual([reply]);

    const stayed = await makeThread(db, member, from.id, { title: "Another question", body: "Unrelated." });
    const merged = (await makeReply(db, member, stayed.threadId, `A ${movedWord} aside.`)).postId;
    expect(await inCategory(from.slug)).toEqual([merged]);
    await mergePostIntoThread(db, moderator, { postId: merged, threadId: thread.threadId });
    expect(await inCategory(from.slug)).toEqual([]);
    expect((await inCategory(to.slug)).sort()).toEqual([reply, merged].sort());
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { searchPosts } from "../../app/domain/forum/search.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";

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

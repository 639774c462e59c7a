import { describe, expect, it } from "vitest";
import { setUserMuted } from "../../app/domain/account-data/mutes.server";
import { saveBookmark } from "../../app/domain/follow/bookmarks.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import type { ReaderPartsResponse } from "../../app/routes/api.thread-reader.$id";
import { signedInMember, useAppServer } from "../support/app-server";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { enrol, makeCouncil } from "../support/councils";

/**
 * A reader's own parts of a thread page (decision 044), through the real server: what the
 * browser lays over the page rendered for the reader's audience, and nobody else's.
 */
const app = useAppServer();

const member = (overrides: Parameters<typeof signedInMember>[1] = {}) => signedInMember(app.database, overrides);
const parts = (threadId: string, cookie?: string, page = 1) =>
  fetch(`${app.origin}/api/thread-reader/${threadId}?page=${page}`, { headers: cookie ? { cookie } : {} });
const partsOf = async (threadId: string, cookie: string) => {
  const response = await parts(threadId, cookie);
  expect(response.status).toBe(200);
  return (await response.json()) as ReaderPartsResponse;
};

describe("a reader's own parts of a thread page", () => {
  it("gives the reader their rights, reactions, mutes, bookmarks and header, and no one else's", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId, postId: opening } = await makeThread(app.database.db, author.user, category.id);
    const reader = await member();
    const { postId: readersReply } = await makeReply(app.database.db, reader.user, threadId, "The reader's own reply");
    await toggleReaction(app.database.db, { actor: reader.user, postId: opening, kind: "thanks" });
    await toggleReaction(app.database.db, { actor: author.user, postId: readersReply, kind: "like" });
    await saveBookmark(app.database.db, reader.user, { postId: opening, note: "Read before the renewal call" });
    await setUserMuted(app.database.db, reader.user, author.row.id, true);

    const response = await parts(threadId, reader.cookie);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const mine = (await response.json()) as ReaderPartsResponse;
    expect(mine.viewerId).toBe(reader.row.id);
    expect(mine.header.user?.displayName).toBe(reader.row.display_name);
    expect(mine.postIds).toEqual([opening, readersReply]);
    expect(mine.canReply).toBe(true);
    expect(mine.posts[opening]).toMatchObject({ authorMuted: true, myReactions: ["thanks"], permissions: { canEdit: false, canFlag: true } });
    expect(mine.posts[readersReply]).toMatchObject({ authorMuted: false, myReactions: [], permissions: { canEdit: true, canFlag: false } });
    expect(mine.follow.bookmarks[opening]).toMatchObject({ note: "Read before the renewal call" });

    const theirs = await partsOf(threadId, author.cookie);
    expect(theirs.header.user?.displayName).toBe(author.row.display_name);
    expect(theirs.posts[opening]).toMatchObject({ authorMuted: false, myReactions: [], permissions: { canEdit: true } });
    expect(theirs.posts[readersReply]).toMatchObject({ myReactions: ["like"], permissions: { canEdit: false } });
    expect(theirs.follow.bookmarks).toEqual({});
  });

  it("moves the read marker, so the next visit shows what is new since", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId } = await makeThread(app.database.db, author.user, category.id);
    const reader = await member();
    expect((await partsOf(threadId, reader.cookie)).follow.dividerBefore).toBeNull();
    await makeReply(app.database.db, author.user, threadId, "News after the first visit");
    expect((await partsOf(threadId, reader.cookie)).follow.dividerBefore).toBe(2);
    expect((await partsOf(threadId, reader.cookie)).follow.dividerBefore).toBeNull();
  });

  it("lists the reader's own hidden post, so the browser reads their page whole", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId, postId: opening } = await makeThread(app.database.db, author.user, category.id);
    const { postId: hidden } = await makeReply(app.database.db, author.user, threadId, "A reply a moderator hid");
    await app.database.db.updateTable("posts").set({ hidden_at: new Date() }).where("id", "=", hidden).execute();
    expect((await partsOf(threadId, author.cookie)).postIds).toEqual([opening, hidden]);
    expect((await partsOf(threadId, (await member()).cookie)).postIds).toEqual([opening]);
  });

  it("answers a page past the thread's end with its last page, as the page itself does", async () => {
    const author = await member();
    const category = await makeCategory(app.database.db);
    const { threadId, postId: opening } = await makeThread(app.database.db, author.user, category.id);
    const past = (await (await parts(threadId, author.cookie, 99)).json()) as ReaderPartsResponse;
    expect(past).toMatchObject({ page: 1, postIds: [opening] });
  });

  it("answers 404 for a council thread to a member outside the council, and 401 when signed out", async () => {
    const admin = await member({ role: "admin" });
    const council = await makeCouncil(app.database.db, admin.user);
    const insider = await member();
    const person = await enrol(app.database.db, admin.user, council.id, insider.row);
    const { threadId } = await makeThread(app.database.db, person, council.category_id, { title: "Council-only roadmap notes" });

    expect((await partsOf(threadId, insider.cookie)).viewerId).toBe(insider.row.id);
    const refused = await parts(threadId, (await member()).cookie);
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain("Council-only roadmap notes");
    expect((await parts(threadId)).status).toBe(401);
  });
});

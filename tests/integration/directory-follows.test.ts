import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { recentActivity } from "../../app/domain/directory/activity.server";
import { followerCount, isFollowing, listFollowed, setFollowing } from "../../app/domain/follow/follows.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("following people and organizations", () => {
  it("follows once however often it is asked, and unfollows", async () => {
    const [reader, author] = [asSessionUser(await makeUser(database.db)), asSessionUser(await makeUser(database.db))];
    await setFollowing(database.db, reader, { kind: "user", id: author.id }, true);
    await setFollowing(database.db, reader, { kind: "user", id: author.id }, true);
    expect(await followerCount(database.db, { kind: "user", id: author.id })).toBe(1);
    expect(await isFollowing(database.db, reader, { kind: "user", id: author.id })).toBe(true);
    await setFollowing(database.db, reader, { kind: "user", id: author.id }, false);
    expect(await isFollowing(database.db, reader, { kind: "user", id: author.id })).toBe(false);
    await expect(setFollowing(database.db, reader, { kind: "user", id: reader.id }, true)).rejects.toMatchObject({ status: 400 });
    await expect(setFollowing(database.db, reader, { kind: "organization", id: 987654 }, true)).rejects.toMatchObject({ status: 404 });
  });

  it("feeds the follower what the people and organizations they follow posted, only where the follower may read", async () => {
    const organization = await makeOrganization(database.db);
    const reader = asSessionUser(await makeUser(database.db));
    const followed = asSessionUser(await makeUser(database.db, { role: "moderator" }));
    const colleague = asSessionUser(await makeUser(database.db, { organizationId: organization.id }));
    const stranger = asSessionUser(await makeUser(database.db));
    const publicCategory = await makeCategory(database.db, "public");
    const staffCategory = await makeCategory(database.db, "staff");

    const open = await makeThread(database.db, followed, publicCategory.id, { title: "Open question on pricing" });
    await makeThread(database.db, followed, staffCategory.id, { title: "Staff-only escalation" });
    const reply = await makeReply(database.db, colleague, open.threadId, "Our answer");
    await makeThread(database.db, stranger, publicCategory.id, { title: "Nobody follows this" });
    const hidden = await makeReply(database.db, followed, open.threadId, "Off-topic remark");
    await database.db.updateTable("posts").set({ hidden_at: new Date() }).where("id", "=", hidden.postId).execute();

    await setFollowing(database.db, reader, { kind: "user", id: followed.id }, true);
    await setFollowing(database.db, reader, { kind: "organization", id: organization.id }, true);
    const feed = await recentActivity(database.db, reader, { followerId: reader.id }, { limit: 20 });
    expect(feed.map((item) => [item.thread_title, item.author_name])).toEqual([
      ["Open question on pricing", colleague.displayName],
      ["Open question on pricing", followed.displayName],
    ]);
    expect(feed[0]!.post_id).toBe(reply.postId);

    // A moderator following the same person also sees the staff thread: same scope as the forum.
    const moderator = asSessionUser(await makeUser(database.db, { role: "moderator" }));
    await setFollowing(database.db, moderator, { kind: "user", id: followed.id }, true);
    const staffFeed = await recentActivity(database.db, moderator, { followerId: moderator.id }, { limit: 20 });
    expect(staffFeed.map((item) => item.thread_title)).toContain("Staff-only escalation");

    const list = await listFollowed(database.db, reader);
    expect(list.people.map((p) => p.id)).toEqual([followed.id]);
    expect(list.organizations.map((o) => o.id)).toEqual([organization.id]);
  });
});

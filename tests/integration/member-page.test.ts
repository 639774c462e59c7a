import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createAuth, type SessionUser } from "../../app/domain/accounts/auth.server";
import { insertNotifications } from "../../app/domain/follow/notifications.server";
import { restrictUser } from "../../app/domain/moderation/restrictions.server";
import * as root from "../../app/root";
import * as threadRoute from "../../app/routes/t.$id.($slug)";
import { createTestDatabase } from "../support/database";
import { requestContext } from "../support/councils";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { person, refusalOf } from "../support/moderation";
import { unique } from "../support/factories";
import { counting } from "../support/statements";

/**
 * What a signed-in page costs and shows (issue 10): the header's counts come from one statement
 * read on every request, so what changes is seen on the next page, and a rereading reader writes
 * nothing. Nothing here is cached between requests: a suspension bites at once.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

type Header = { notifications: { unread: number } | null; moderation: { suspendedUntil: string | null; suspensionReason: string | null; unreadNotices: number } | null };
const header = async (db: typeof database.db, viewer: SessionUser) =>
  (await root.loader({ request: new Request("http://localhost/"), params: {}, context: requestContext(db, viewer) })) as unknown as Header;

describe("a signed-in page", () => {
  it("reads the header in one statement and shows a new notification on the next page", async () => {
    const [reader, author] = await Promise.all([person(database.db), person(database.db)]);
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, author, category.id);
    const post = await makeReply(database.db, author, thread.threadId, `Over to @${reader.handle}`);
    const counted = counting(database.db);
    expect((await header(counted.db, reader)).notifications).toEqual({ unread: 0 });
    expect(counted.kinds).toEqual(["SelectQueryNode"]);

    await insertNotifications(database.db, [
      { userId: reader.id, kind: "mention", actorId: author.id, threadId: thread.threadId, postId: post.postId, sourceKey: unique("mention") },
    ]);
    expect((await header(database.db, reader)).notifications).toEqual({ unread: 1 });
  });

  it("refuses a member suspended a moment ago and shows why on their next page", async () => {
    const [member, moderator] = await Promise.all([person(database.db), person(database.db, "moderator")]);
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, moderator, category.id);
    const auth = createAuth(database.db, { secureCookies: false });
    const { cookie } = await auth.startSession(member.id, { ip: null, userAgent: null });
    const before = (await auth.validate(cookie))!.user;
    expect((await header(database.db, before)).moderation).toMatchObject({ suspendedUntil: null, unreadNotices: 0 });

    await restrictUser(database.db, moderator, { userId: member.id, kind: "suspend", days: 7, reason: "Repeated spam links" });
    const after = (await auth.validate(cookie))!.user;
    expect(after.suspendedUntil).not.toBeNull();
    expect(await refusalOf(makeReply(database.db, after, thread.threadId))).toMatchObject({ status: 403 });
    expect((await header(database.db, after)).moderation).toMatchObject({ suspensionReason: "Repeated spam links", unreadNotices: 1 });
  });

  it("moves the read marker when a page shows new posts, and writes nothing when it is reread", async () => {
    const [reader, author] = await Promise.all([person(database.db), person(database.db)]);
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, author, category.id);
    await makeReply(database.db, author, thread.threadId);
    const load = async () => {
      const counted = counting(database.db);
      const page = (await threadRoute.loader({
        request: new Request(`http://localhost/t/${thread.threadId}`),
        params: { id: thread.threadId },
        context: requestContext(counted.db, reader),
      })) as unknown as { follow: { dividerBefore: number | null } };
      return { page, writes: counted.kinds.filter((kind) => kind !== "SelectQueryNode").length };
    };

    expect((await load()).writes).toBe(1);
    expect((await load()).writes).toBe(0);
    await makeReply(database.db, author, thread.threadId, "Something new");
    const visit = await load();
    expect(visit.writes).toBe(1);
    // The divider still marks what was new before this visit.
    expect(visit.page.follow.dividerBefore).toBe(3);
  });
});

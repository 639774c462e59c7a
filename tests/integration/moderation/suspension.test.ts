import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import type { Database } from "../../../db/client";
import { createAuth } from "../../../app/domain/accounts/auth.server";
import { toggleReaction } from "../../../app/domain/forum/reactions.server";
import { flagPost } from "../../../app/domain/moderation/flags.server";
import { liftRestrictions, restrictUser } from "../../../app/domain/moderation/restrictions.server";
import { noticesFor } from "../../../app/domain/moderation/notices.server";
import { can } from "../../../app/domain/policy.server";
import { createDispatcher } from "../../../server/dispatcher";
import { createLogger } from "../../../server/logger";
import { moderationFanout } from "../../../server/moderation-fanout";
import { createRealtime } from "../../../server/realtime.server";
import { createTestDatabase } from "../../support/database";
import { makeCategory, makeReply, makeThread } from "../../support/forum";
import { auditRows, person, refusalOf } from "../../support/moderation";
import { toSessionUser, SESSION_USER_COLUMNS } from "../../../app/domain/accounts/auth.server";

let database: Database;
let server: http.Server;
let realtime: ReturnType<typeof createRealtime>;
let auth: ReturnType<typeof createAuth>;
let origin: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  auth = createAuth(database.db, { secureCookies: false });
  server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  realtime = createRealtime(server, { auth, db: database.db, log: createLogger("silent"), publicOrigin: origin });
});
afterAll(async () => {
  for (const socket of sockets) socket.close();
  await realtime.close();
  await database.close();
});

const reload = async (id: string) => toSessionUser(await database.db.selectFrom("users").select(SESSION_USER_COLUMNS).where("id", "=", id).executeTakeFirstOrThrow());

async function scene() {
  const db = database.db;
  const [member, moderator, other] = await Promise.all([person(db), person(db, "moderator"), person(db)]);
  const category = await makeCategory(db);
  const thread = await makeThread(db, other, category.id);
  const post = await makeReply(db, other, thread.threadId, "Something to react to");
  return { db, member, moderator, other, category, thread, post };
}

describe("suspension", () => {
  it("stops posting, reacting and flagging, tells the person why, and is audited", async () => {
    const { db, member, moderator, category, thread, post } = await scene();
    await restrictUser(db, moderator, { userId: member.id, kind: "suspend", days: 7, reason: "Repeated spam links" });
    const suspended = await reload(member.id);
    expect(can(suspended, "forum.reply", { id: thread.threadId, authorId: "x", category: { id: category.id, visibility: "public", councilId: null }, lockedAt: null, hiddenAt: null, deletedAt: null })).toBe(false);
    expect(await refusalOf(makeReply(db, suspended, thread.threadId))).toMatchObject({ status: 403 });
    expect(await refusalOf(makeThread(db, suspended, category.id))).toMatchObject({ status: 403 });
    expect(await refusalOf(toggleReaction(db, { actor: suspended, postId: post.postId, kind: "like" }))).toMatchObject({ status: 403 });
    expect(await refusalOf(flagPost(db, suspended, { postId: post.postId, reason: "spam", note: "" }))).toMatchObject({ status: 403 });
    expect((await noticesFor(db, member.id))[0]!.message).toContain("Repeated spam links");
    const [audit] = await auditRows(db, member.id);
    expect(audit).toMatchObject({ action: "user.suspended", actor_id: moderator.id, reason: "Repeated spam links" });

    await liftRestrictions(db, moderator, { userId: member.id, reason: "Appeal accepted" });
    const lifted = await reload(member.id);
    await makeReply(db, lifted, thread.threadId, "Back, and on topic");
    expect((await auditRows(db, member.id)).map((a) => a.action)).toEqual(["user.suspended", "user.restrictions_lifted"]);
  });

  it("disconnects the suspended person's sockets, after telling them why", async () => {
    const { db, member, moderator } = await scene();
    const { cookie } = await auth.startSession(member.id, { ip: null, userAgent: null });
    const socket = connect(origin, { transports: ["websocket"], reconnection: false, extraHeaders: { origin, cookie: cookie.split(";")[0]! } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    const told = new Promise<{ reason: string }>((resolve) => socket.once("account:suspended", resolve));
    const disconnected = new Promise<string>((resolve) => socket.once("disconnect", resolve));

    await restrictUser(db, moderator, { userId: member.id, kind: "suspend", days: 1, reason: "Harassment" });
    const dispatcher = createDispatcher({ database, log: createLogger("silent"), subscribers: [moderationFanout(realtime.io)] });
    await dispatcher.drain();
    expect((await told).reason).toBe("Harassment");
    expect(await disconnected).toBe("io server disconnect");
  });

  it("silence stops posting and flagging but not reading or reacting", async () => {
    const { db, member, moderator, thread, post } = await scene();
    await restrictUser(db, moderator, { userId: member.id, kind: "silence", days: 2, reason: "Cool down" });
    const refused = await refusalOf(makeReply(db, member, thread.threadId));
    expect(refused).toMatchObject({ status: 403 });
    expect(refused.message).toContain("silenced");
    expect(await refusalOf(flagPost(db, member, { postId: post.postId, reason: "spam", note: "" }))).toMatchObject({ status: 403 });
    await toggleReaction(db, { actor: member, postId: post.postId, kind: "thanks" });
    expect((await auditRows(db, member.id))[0]).toMatchObject({ action: "user.silenced" });
  });

  it("moderators cannot restrict staff or themselves; members cannot restrict anyone", async () => {
    const { db, member, moderator } = await scene();
    const admin = await person(db, "admin");
    const otherModerator = await person(db, "moderator");
    const input = { kind: "suspend" as const, days: 1, reason: "Testing limits" };
    expect(await refusalOf(restrictUser(db, moderator, { ...input, userId: otherModerator.id }))).toMatchObject({ status: 403 });
    expect(await refusalOf(restrictUser(db, moderator, { ...input, userId: moderator.id }))).toMatchObject({ status: 403 });
    expect(await refusalOf(restrictUser(db, member, { ...input, userId: otherModerator.id }))).toMatchObject({ status: 403 });
    await restrictUser(db, admin, { ...input, userId: otherModerator.id });
    expect(await auditRows(db, moderator.id)).toEqual([]);
  });
});

import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { describeNotification } from "../../app/components/follow/notification-list";
import { listNotifications, markNotificationRead, setNotificationPreferences, unreadNotificationCount } from "../../app/domain/follow/notifications.server";
import { setBlocked } from "../../app/domain/messages/blocks.server";
import { sendMessage, startConversation } from "../../app/domain/messages/conversations.server";
import { markRead, setMuted } from "../../app/domain/messages/inbox.server";
import { createDispatcher } from "../../server/dispatcher";
import { notificationsSubscriber, type CountEmitter } from "../../server/notifications-subscriber";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser, unique } from "../support/factories";
import { render } from "../support/forum";

/**
 * Direct messages in the notification centre: the recipient hears who wrote (list, bell count,
 * live count push), never what, and nobody outside the conversation hears anything.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** What reached the sockets: [room, event, payload as sent]. */
let emitted: Array<[string, string, string]> = [];
const emitter: CountEmitter = { to: (room) => ({ emit: (event, payload) => emitted.push([room, event, JSON.stringify(payload)]) }) };
beforeEach(() => {
  emitted = [];
});

async function dispatch() {
  const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [notificationsSubscriber(emitter, database.db)] });
  const deadline = Date.now() + 10_000;
  await dispatcher.drain();
  while ((await dispatcher.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.drain();
  }
  await dispatcher.stop();
}

const person = async (role: "member" | "moderator" | "admin" = "member") => asSessionUser(await makeUser(database.db, { role }));
let clock = Date.now() - 5 * 86_400_000;
const tick = () => new Date((clock += 61_000));
const start = (actor: SessionUser, to: string[], body: string) => startConversation(database.db, { actor, raw: { to: to.join(", "), body }, render, at: tick() });
const send = (actor: SessionUser, conversationId: string, body: string) => sendMessage(database.db, { actor, conversationId, raw: { body }, render, at: tick() });

const messageNotices = async (user: SessionUser) =>
  (await listNotifications(database.db, user)).notifications.filter((n) => n.kind === "message");
const lines = async (user: SessionUser) => (await messageNotices(user)).map((n) => describeNotification(n));

describe("direct-message notifications", () => {
  it("tells the recipient who wrote, links to the conversation, counts it on the bell and pushes the count live", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversationId } = await start(ana, [ben.handle], "Are you free on Thursday?");
    await dispatch();
    const [notice] = await messageNotices(ben);
    expect(describeNotification(notice!)).toBe(`${ana.displayName} sent you a message`);
    expect(notice!.data.href).toBe(`/messages/${conversationId}`);
    expect(await unreadNotificationCount(database.db, ben)).toBe(1);
    expect(emitted).toContainEqual([`user:${ben.id}`, "notification:count", JSON.stringify({ unread: 1 })]);
    // The author hears nothing of their own message.
    expect(await messageNotices(ana)).toEqual([]);
    expect(emitted.some(([room]) => room === `user:${ana.id}`)).toBe(false);
    // Opening the notice leads to the conversation.
    expect(await markNotificationRead(database.db, ben, notice!.id)).toMatchObject({ href: `/messages/${conversationId}` });
  });

  it("keeps one notice per conversation: a new message after reading brings it back unread, at the top", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversationId } = await start(ana, [ben.handle], "First");
    await send(ana, conversationId, "Second");
    await dispatch();
    expect(await messageNotices(ben)).toHaveLength(1);
    expect(await unreadNotificationCount(database.db, ben)).toBe(1);
    // Reading the conversation reads its notice.
    await markRead(database.db, ben, conversationId);
    expect(await unreadNotificationCount(database.db, ben)).toBe(0);
    await send(ana, conversationId, "Third");
    await dispatch();
    const notices = await messageNotices(ben);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.read_at).toBeNull();
    expect((await listNotifications(database.db, ben)).notifications[0]!.id).toBe(notices[0]!.id);
  });

  it("notifies every other member of a group", async () => {
    const [ana, ben, cleo] = [await person(), await person(), await person()];
    await start(ana, [ben.handle, cleo.handle], "Group hello");
    await dispatch();
    expect(await lines(ben)).toEqual([`${ana.displayName} wrote in a group conversation`]);
    expect(await lines(cleo)).toEqual([`${ana.displayName} wrote in a group conversation`]);
  });

  it("respects mute, block and the recipient's notification settings", async () => {
    const [ana, ben, cleo, dev] = [await person(), await person(), await person(), await person()];
    // Dev turned direct-message notifications off.
    await setNotificationPreferences(database.db, dev.id, { message: false });
    const muted = await start(ana, [ben.handle], "Muted one");
    await dispatch();
    await markRead(database.db, ben, muted.conversationId);
    await setMuted(database.db, ben, muted.conversationId, true);
    await send(ana, muted.conversationId, "Still muted");

    // Cleo blocks Ana once they share a group: Ana's later messages there do not reach Cleo.
    const group = await start(ana, [cleo.handle, dev.handle], "Group before the block");
    await dispatch();
    await markRead(database.db, cleo, group.conversationId);
    await setBlocked(database.db, cleo, ana.id, true);
    await send(ana, group.conversationId, "Group after the block");

    await start(ben, [dev.handle], "Dev has them off");
    await dispatch();

    expect((await messageNotices(ben)).every((n) => n.read_at !== null)).toBe(true);
    expect(await unreadNotificationCount(database.db, ben)).toBe(0);
    expect(await messageNotices(cleo)).toEqual([]);
    const cleoRows = await database.db.selectFrom("notifications").select("read_at").where("user_id", "=", cleo.id).where("kind", "=", "message").execute();
    expect(cleoRows).toHaveLength(1);
    expect(cleoRows[0]!.read_at).not.toBeNull();
    expect(await messageNotices(dev)).toEqual([]);

    // Blocking after the fact hides the notice already there.
    const [eli, fay] = [await person(), await person()];
    await start(eli, [fay.handle], "Before the block");
    await dispatch();
    expect(await unreadNotificationCount(database.db, fay)).toBe(1);
    await setBlocked(database.db, fay, eli.id, true);
    expect(await messageNotices(fay)).toEqual([]);
    expect(await unreadNotificationCount(database.db, fay)).toBe(0);
  });

  it("leaks no message text: not in the notice, not on a socket, and nothing at all to anyone outside the conversation", async () => {
    const secret = unique("secret-word");
    const [ana, ben, eve] = [await person(), await person(), await person()];
    const [moderator, admin] = [await person("moderator"), await person("admin")];
    const { conversationId } = await start(ana, [ben.handle], `The code is ${secret}, keep it between us`);
    await send(ana, conversationId, `Again: ${secret}`);
    await dispatch();

    // The recipient's notice names the author and the conversation, never the words.
    const rows = await database.db.selectFrom("notifications").selectAll().where("kind", "=", "message").where("source_key", "=", `conversation:${conversationId}`).execute();
    expect(rows.map((row) => row.user_id)).toEqual([ben.id]);
    expect(JSON.stringify(rows)).not.toContain(secret);
    expect(JSON.stringify(await listNotifications(database.db, ben))).not.toContain(secret);
    // Socket pushes carry counts only.
    expect(emitted.length).toBeGreaterThan(0);
    expect(JSON.stringify(emitted)).not.toContain(secret);
    // Outsiders, staff included, have nothing: no row, no count, and no way to open Ben's notice.
    for (const outsider of [eve, moderator, admin]) {
      expect(JSON.stringify(await listNotifications(database.db, outsider))).not.toContain(secret);
      expect(await messageNotices(outsider)).toEqual([]);
      expect(await unreadNotificationCount(database.db, outsider)).toBe(0);
      expect(await markNotificationRead(database.db, outsider, rows[0]!.id)).toBeNull();
      expect(emitted.some(([room]) => room === `user:${outsider.id}`)).toBe(false);
    }
  });
});

import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import type { Subscriber } from "../../app/domain/events/subscriber.server";
import { acceptAnswer } from "../../app/domain/forum/answers.server";
import { reply } from "../../app/domain/forum/posts.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import {
  insertNotifications,
  listNotifications,
  UNREAD_COUNT_CAP,
  markAllNotificationsRead,
  markNotificationRead,
  setNotificationPreferences,
  unreadNotificationCount,
} from "../../app/domain/follow/notifications.server";
import { setCategoryWatch, setThreadWatch } from "../../app/domain/follow/watches.server";
import { createDispatcher } from "../../server/dispatcher";
import { notificationsSubscriber, type CountEmitter } from "../../server/notifications-subscriber";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread, render, tick } from "../support/forum";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** What reached the sockets: [room, unread] per emit. */
let emitted: Array<[string, number]> = [];
const emitter: CountEmitter = { to: (room) => ({ emit: (_event, payload) => emitted.push([room, payload.unread]) }) };
beforeEach(() => {
  emitted = [];
});

const quiet = pino({ level: "silent" });
/**
 * Drains until nothing is left. On a shared PostgreSQL cluster a writing transaction of another
 * test file holds events back for a moment (the dispatcher waits for older transactions).
 */
async function dispatch(subscribers: Subscriber[] = [notificationsSubscriber(emitter, database.db)]) {
  const dispatcher = createDispatcher({ database, log: quiet, subscribers });
  const deadline = Date.now() + 10_000;
  let count = await dispatcher.drain();
  while ((await dispatcher.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    count += await dispatcher.drain();
  }
  await dispatcher.stop();
  return count;
}

async function person(role: "member" | "moderator" | "admin" = "member") {
  const organization = await makeOrganization(database.db);
  return asSessionUser(await makeUser(database.db, { role, organizationId: organization.id }));
}

const notificationsOf = (user: SessionUser) =>
  database.db
    .selectFrom("notifications")
    .select(["kind", "actor_id", "thread_id", "post_id", "data", "read_at"])
    .where("user_id", "=", user.id)
    .orderBy("id")
    .execute();

async function threadWithReply(options: { visibility?: "public" | "staff" } = {}) {
  const asker = await person();
  const answerer = await person();
  const category = await makeCategory(database.db, options.visibility ?? "public");
  const thread = await makeThread(database.db, asker, category.id);
  const answer = await makeReply(database.db, answerer, thread.threadId);
  return { asker, answerer, category, thread, answer };
}

describe("notifications from forum events, through the dispatcher", () => {
  it("tells the thread's author about a reply, not the person who replied, and pushes the new count", async () => {
    const { asker, answerer, thread, answer } = await threadWithReply();
    await dispatch();
    expect(await notificationsOf(asker)).toEqual([
      { kind: "reply", actor_id: answerer.id, thread_id: thread.threadId, post_id: answer.postId, data: {}, read_at: null },
    ]);
    expect(await notificationsOf(answerer)).toEqual([]);
    expect(emitted).toContainEqual([`user:${asker.id}`, 1]);
    expect(emitted.some(([room]) => room === `user:${answerer.id}`)).toBe(false);
  });

  it("tells the author of the post replied to, even in someone else's thread", async () => {
    const { answerer, thread, answer } = await threadWithReply();
    const third = await person();
    const response = await reply(database.db, { actor: third, threadId: thread.threadId, body: "Agreed.", replyToPostId: answer.postId, render, at: tick() });
    await dispatch();
    expect(await notificationsOf(answerer)).toMatchObject([{ kind: "reply", actor_id: third.id, post_id: response.postId }]);
  });

  it("gives one notification per person and post, of the most specific kind: a mentioned author gets the mention", async () => {
    const asker = await person();
    const other = await person();
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, asker, category.id);
    const mention = await makeReply(database.db, other, thread.threadId, `@${asker.handle} does this answer it?`);
    await dispatch();
    expect(await notificationsOf(asker)).toMatchObject([{ kind: "mention", actor_id: other.id, post_id: mention.postId }]);
  });

  it("tells the author of a quoted post", async () => {
    const { answerer, thread, answer } = await threadWithReply();
    const quoter = await person();
    const quoting = await makeReply(database.db, quoter, thread.threadId, `> [!quote post=${answer.postId} author=${answerer.handle}]\n> Here is how\n\nThis worked for us too.`);
    await dispatch();
    expect(await notificationsOf(answerer)).toMatchObject([{ kind: "quote", actor_id: quoter.id, post_id: quoting.postId }]);
  });

  it("tells an author about a reaction once per person and post, however often it is toggled", async () => {
    const { answerer, thread, answer } = await threadWithReply();
    const fan = await person();
    await toggleReaction(database.db, { actor: fan, postId: answer.postId, kind: "like" });
    await toggleReaction(database.db, { actor: fan, postId: answer.postId, kind: "like" });
    await toggleReaction(database.db, { actor: fan, postId: answer.postId, kind: "like" });
    await toggleReaction(database.db, { actor: fan, postId: answer.postId, kind: "thanks" });
    await dispatch();
    expect(await notificationsOf(answerer)).toEqual([
      { kind: "reaction", actor_id: fan.id, thread_id: thread.threadId, post_id: answer.postId, data: { reaction: "like" }, read_at: null },
    ]);
  });

  it("tells the answer's author when it is accepted, but not an asker who accepts their own reply", async () => {
    const { asker, answerer, answer, thread } = await threadWithReply();
    await acceptAnswer(database.db, { actor: asker, postId: answer.postId });
    const own = await makeReply(database.db, asker, thread.threadId, "Update: what finally worked.");
    await dispatch();
    expect((await notificationsOf(answerer)).map((n) => n.kind)).toEqual(["accepted"]);
    await acceptAnswer(database.db, { actor: asker, postId: own.postId });
    await dispatch();
    expect((await notificationsOf(asker)).map((n) => n.kind)).toEqual(["reply"]);
  });

  it("notifies nobody who may not read the post at that moment", async () => {
    // The member's thread moved into a staff-only category; a moderator replies there.
    const asker = await person();
    const moderator = await person("moderator");
    const category = await makeCategory(database.db);
    const staffOnly = await makeCategory(database.db, "staff");
    const thread = await makeThread(database.db, asker, category.id);
    await setCategoryWatch(database.db, asker, category.id, "watching");
    await database.db.updateTable("threads").set({ category_id: staffOnly.id }).where("id", "=", thread.threadId).execute();
    await makeReply(database.db, moderator, thread.threadId, `Moved. @${asker.handle}, see the policy.`);
    // A watcher of a category that later became staff-only hears nothing of new threads there.
    const watcher = await person();
    const laterPrivate = await makeCategory(database.db);
    await setCategoryWatch(database.db, watcher, laterPrivate.id, "watching");
    await database.db.updateTable("categories").set({ visibility: "staff" }).where("id", "=", laterPrivate.id).execute();
    await makeThread(database.db, moderator, laterPrivate.id);
    await dispatch();
    expect(await notificationsOf(asker)).toEqual([]);
    expect(await notificationsOf(watcher)).toEqual([]);
  });

  it("creates nothing twice when an event is handled twice or delivered again", async () => {
    const { asker, answer } = await threadWithReply();
    const notifications = notificationsSubscriber(emitter, database.db);
    // Twice inside one dispatch transaction...
    await dispatch([notifications, { ...notifications, name: "notifications-again" }]);
    expect(await notificationsOf(asker)).toHaveLength(1);
    // ...and once more in a later one, as after a lost acknowledgement.
    const event = await database.db
      .selectFrom("outbox_events")
      .select("id")
      .where("type", "=", "forum.reply_posted")
      .where("payload", "@>", JSON.stringify({ postId: answer.postId }))
      .executeTakeFirstOrThrow();
    await database.db.updateTable("outbox_events").set({ dispatched_at: null }).where("id", "=", event.id).execute();
    expect(await dispatch()).toBe(1);
    expect(await notificationsOf(asker)).toHaveLength(1);
  });

  it("respects per-kind preferences, falling back to the next kind that is on", async () => {
    const asker = await person();
    const other = await person();
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, asker, category.id);
    await setNotificationPreferences(database.db, asker.id, { mention: false });
    await makeReply(database.db, other, thread.threadId, `@${asker.handle} see below`);
    await dispatch();
    expect((await notificationsOf(asker)).map((n) => n.kind)).toEqual(["reply"]);
    await setNotificationPreferences(database.db, asker.id, { mention: false, reply: false });
    await makeReply(database.db, other, thread.threadId, `@${asker.handle} and again`);
    await dispatch();
    expect(await notificationsOf(asker)).toHaveLength(1);
  });

  it("tells watchers of every new post, and muting silences even replies to one's own thread", async () => {
    const asker = await person();
    const watcher = await person();
    const other = await person();
    const category = await makeCategory(database.db);
    await setCategoryWatch(database.db, watcher, category.id, "watching");
    const thread = await makeThread(database.db, asker, category.id);
    await makeReply(database.db, other, thread.threadId);
    await dispatch();
    expect((await notificationsOf(watcher)).map((n) => [n.kind, n.actor_id])).toEqual([
      ["watching", asker.id],
      ["watching", other.id],
    ]);
    await setThreadWatch(database.db, asker, thread.threadId, "muted");
    await setThreadWatch(database.db, watcher, thread.threadId, "normal");
    await makeReply(database.db, other, thread.threadId);
    await dispatch();
    expect(await notificationsOf(asker)).toHaveLength(1);
    expect(await notificationsOf(watcher)).toHaveLength(2);
  });
});

describe("the notification centre", () => {
  it("lists newest first, marks one or all read, and counts only what the reader may still see", async () => {
    const { asker, thread } = await threadWithReply();
    const second = await makeReply(database.db, await person(), thread.threadId);
    await dispatch();
    const { notifications } = await listNotifications(database.db, asker);
    expect(notifications.map((n) => n.post_id)).toEqual([second.postId, notifications[1]!.post_id]);
    expect(notifications[0]).toMatchObject({ kind: "reply", thread_title: expect.any(String), actor_name: expect.any(String) });
    expect(await unreadNotificationCount(database.db, asker)).toBe(2);

    expect(await markNotificationRead(database.db, asker, notifications[0]!.id)).toEqual({ postId: second.postId });
    expect(await unreadNotificationCount(database.db, asker)).toBe(1);
    // Someone else's notification is not theirs to open.
    expect(await markNotificationRead(database.db, await person(), notifications[1]!.id)).toBeNull();
    await markAllNotificationsRead(database.db, asker);
    expect(await unreadNotificationCount(database.db, asker)).toBe(0);

    await makeReply(database.db, await person(), thread.threadId);
    await dispatch();
    expect(await unreadNotificationCount(database.db, asker)).toBe(1);
    const staffOnly = await makeCategory(database.db, "staff");
    await database.db.updateTable("threads").set({ category_id: staffOnly.id }).where("id", "=", thread.threadId).execute();
    expect(await unreadNotificationCount(database.db, asker)).toBe(0);
    expect((await listNotifications(database.db, asker)).notifications).toEqual([]);
  });
});

describe("the bell's count for someone with many unread notifications", () => {
  it("counts visible unread notices up to the cap, never the ones the reader may not see", async () => {
    const { asker, thread, answer } = await threadWithReply();
    const hiddenFromAsker = await threadWithReply();
    const staffOnly = await makeCategory(database.db, "staff");
    await database.db.updateTable("threads").set({ category_id: staffOnly.id }).where("id", "=", hiddenFromAsker.thread.threadId).execute();
    const notices = (count: number, threadId: string, postId: string, prefix: string) =>
      Array.from({ length: count }, (_, i) => ({ userId: asker.id, kind: "reply" as const, actorId: null, threadId, postId, sourceKey: `${prefix}-${i}` }));
    await insertNotifications(database.db, [
      ...notices(UNREAD_COUNT_CAP - 1, thread.threadId, answer.postId, "visible"),
      ...notices(10, hiddenFromAsker.thread.threadId, hiddenFromAsker.answer.postId, "staff"),
    ]);
    expect(await unreadNotificationCount(database.db, asker)).toBe(UNREAD_COUNT_CAP - 1);
    await insertNotifications(database.db, notices(5, thread.threadId, answer.postId, "more"));
    expect(await unreadNotificationCount(database.db, asker)).toBe(UNREAD_COUNT_CAP);
    await markAllNotificationsRead(database.db, asker);
    expect(await unreadNotificationCount(database.db, asker)).toBe(0);
  });
});

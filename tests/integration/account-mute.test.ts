import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { listMuted, setUserMuted } from "../../app/domain/account-data/mutes.server";
import { sendMessage, startConversation } from "../../app/domain/messages/conversations.server";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { notifyForEvent } from "../../app/domain/follow/notify.server";
import * as threadRoute from "../../app/routes/t.$id.($slug)";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread, render, tick } from "../support/forum";
import { requestContext } from "../support/councils";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const person = async () => asSessionUser(await makeUser(database.db, { organizationId: (await makeOrganization(database.db)).id }));

/**
 * Hands a post's events to the notification subscriber's handler, as the dispatcher does, without
 * waiting for the dispatch horizon (other databases' long transactions on a shared cluster hold it).
 */
async function notifyAbout(postId: string) {
  const rows = await database.db
    .selectFrom("outbox_events")
    .selectAll()
    .where("type", "in", ["forum.reply_posted", "forum.user_mentioned"])
    .where(sql<boolean>`payload->>'postId' = ${postId}`)
    .orderBy("id")
    .execute();
  await database.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      const event = { id: row.id, txid: row.txid, occurredAt: row.occurred_at, type: row.type, payload: row.payload, actorId: row.actor_id } as DispatchedEvent;
      await notifyForEvent(trx, event);
    }
  });
}

const notificationsFrom = (reader: SessionUser, actor: SessionUser) =>
  database.db.selectFrom("notifications").select("kind").where("user_id", "=", reader.id).where("actor_id", "=", actor.id).execute();

type ThreadData = { posts: Array<{ id: string; author_muted: boolean }> };
async function threadAs(viewer: SessionUser, threadId: string) {
  const result = (await threadRoute.loader({ request: new Request(`http://localhost/t/${threadId}`), params: { id: threadId }, context: requestContext(database.db, viewer) })) as unknown as ThreadData;
  return new Map(result.posts.map((post) => [post.id, post.author_muted]));
}

describe("muting a user", () => {
  it("folds the muted person's posts for the muter only, in the thread page's data", async () => {
    const [ana, ben, eve] = [await person(), await person(), await person()];
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, ana, category.id);
    const eves = await makeReply(database.db, eve, thread.threadId, "Eve's loud take");
    const bens = await makeReply(database.db, ben, thread.threadId);
    await setUserMuted(database.db, ana, eve.id, true);

    const forAna = await threadAs(ana, thread.threadId);
    expect([forAna.get(thread.postId), forAna.get(eves.postId), forAna.get(bens.postId)]).toEqual([false, true, false]);
    const forBen = await threadAs(ben, thread.threadId);
    expect(forBen.get(eves.postId)).toBe(false);
    expect((await listMuted(database.db, ana.id)).map((m) => m.handle)).toEqual([eve.handle]);

    await setUserMuted(database.db, ana, eve.id, false);
    expect((await threadAs(ana, thread.threadId)).get(eves.postId)).toBe(false);
    expect(await listMuted(database.db, ana.id)).toEqual([]);
  });

  it("stops the muted person from starting or continuing a direct conversation with the muter", async () => {
    const [ana, eve] = [await person(), await person()];
    const { conversationId } = await startConversation(database.db, { actor: eve, raw: { to: ana.handle, body: "Before the mute" }, render, at: tick() });
    await setUserMuted(database.db, ana, eve.id, true);
    await expect(startConversation(database.db, { actor: eve, raw: { to: ana.handle, body: "Hello again" }, render, at: tick() })).rejects.toMatchObject({
      status: 403,
      field: "to",
      message: `You cannot message ${ana.displayName}.`,
    });
    await expect(sendMessage(database.db, { actor: eve, conversationId, raw: { body: "Still there?" }, render, at: tick() })).rejects.toMatchObject({ status: 403, field: "body" });
    const messages = await database.db.selectFrom("messages").select("body_source").where("conversation_id", "=", conversationId).execute();
    expect(messages.map((m) => m.body_source)).toEqual(["Before the mute"]);
  });

  it("delivers no reply or mention notification from the muted person to the muter, and others still get theirs", async () => {
    const [ana, ben, eve] = [await person(), await person(), await person()];
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, ana, category.id);
    await setUserMuted(database.db, ana, eve.id, true);
    const muted = await makeReply(database.db, eve, thread.threadId, `Hey @${ana.handle} and @${ben.handle}`);
    await notifyAbout(muted.postId);
    expect(await notificationsFrom(ana, eve)).toEqual([]);
    expect(await notificationsFrom(ben, eve)).toEqual([{ kind: "mention" }]);

    await setUserMuted(database.db, ana, eve.id, false);
    const again = await makeReply(database.db, eve, thread.threadId, `Again @${ana.handle}`);
    await notifyAbout(again.postId);
    expect(await notificationsFrom(ana, eve)).toEqual([{ kind: "mention" }]);
  });

  it("refuses muting oneself (403) and someone who does not exist (404)", async () => {
    const ana = await person();
    await expect(setUserMuted(database.db, ana, ana.id, true)).rejects.toMatchObject({ status: 403 });
    await expect(setUserMuted(database.db, ana, "nobody-has-this-id", true)).rejects.toMatchObject({ status: 404 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { setBlocked } from "../../app/domain/messages/blocks.server";
import { sendMessage, startConversation } from "../../app/domain/messages/conversations.server";
import { getConversation, listConversations, markRead, setMuted, unreadConversationCount } from "../../app/domain/messages/inbox.server";
import { listOpenReports, reportMessage } from "../../app/domain/messages/reports.server";
import { mayJoinRoom } from "../../app/domain/rooms.server";
import { messagesFanout } from "../../server/messages-fanout";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser } from "../support/factories";
import { render } from "../support/forum";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const person = async (role: "member" | "moderator" = "member") => asSessionUser(await makeUser(database.db, { role }));
// Messages spread over time so the rate limit trips only where a test means it to.
let clock = Date.now() - 10 * 86_400_000;
const tick = () => new Date((clock += 61_000));
const start = (actor: SessionUser, to: string, body = "Hello **there**") => startConversation(database.db, { actor, raw: { to, body }, render, at: tick() });
const send = (actor: SessionUser, conversationId: string, body = "A reply") => sendMessage(database.db, { actor, conversationId, raw: { body }, render, at: tick() });

describe("direct messages", () => {
  it("delivers a Markdown message to its participant, sanitized, and counts it unread until read", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversationId } = await start(ana, `@${ben.handle}`, "Hello **Ben** <script>alert(1)</script>");
    const seen = await getConversation(database.db, ben, conversationId);
    expect(seen.messages[0]!.body_html).toContain("<strong>Ben</strong>");
    expect(seen.messages[0]!.body_html).not.toContain("<script");
    expect(await unreadConversationCount(database.db, ben.id)).toBe(1);
    expect(await unreadConversationCount(database.db, ana.id)).toBe(0);
    await markRead(database.db, ben, conversationId);
    expect(await unreadConversationCount(database.db, ben.id)).toBe(0);
  });

  it("keeps one conversation per pair of people", async () => {
    const [ana, ben] = [await person(), await person()];
    const first = await start(ana, ben.handle);
    const second = await start(ben, ana.handle, "Back to you");
    expect(second.conversationId).toBe(first.conversationId);
    expect((await getConversation(database.db, ana, first.conversationId)).messages).toHaveLength(2);
  });

  it("answers 404 to a third person everywhere: page, reply, read marker, report and socket room", async () => {
    const [ana, ben, eve] = [await person(), await person(), await person()];
    const moderator = await person("moderator");
    const { conversationId, messageId } = await start(ana, ben.handle);
    await expect(getConversation(database.db, eve, conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(getConversation(database.db, moderator, conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(send(eve, conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(markRead(database.db, eve, conversationId)).rejects.toMatchObject({ status: 404 });
    await expect(setMuted(database.db, eve, conversationId, true)).rejects.toMatchObject({ status: 404 });
    await expect(reportMessage(database.db, eve, { messageId })).rejects.toMatchObject({ status: 404 });
    expect(await mayJoinRoom(database.db, eve, `conversation:${conversationId}`)).toBe(false);
    expect(await mayJoinRoom(database.db, null, `conversation:${conversationId}`)).toBe(false);
    expect(await mayJoinRoom(database.db, ben, `conversation:${conversationId}`)).toBe(true);
    expect((await listConversations(database.db, eve)).map((c) => c.id)).not.toContain(conversationId);
  });

  it("puts no message content in events", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversationId, messageId } = await start(ana, ben.handle, "secret pricing 4711");
    const event = await database.db.selectFrom("outbox_events").select(["type", "payload"]).where("actor_id", "=", ana.id).where("type", "=", "messages.sent").executeTakeFirstOrThrow();
    expect(event.payload).toEqual({ conversationId, messageId, authorId: ana.id });
  });

  it("allows groups of up to 10 people, the sender included", async () => {
    const sender = await person();
    const nine = await Promise.all(Array.from({ length: 9 }, () => person()));
    const group = await start(sender, nine.map((p) => p.handle).join(", "));
    expect((await getConversation(database.db, nine[8]!, group.conversationId)).participants).toHaveLength(10);
    const tenth = await person();
    await expect(start(sender, [...nine, tenth].map((p) => p.handle).join(" "))).rejects.toMatchObject({ status: 400, field: "to" });
  });

  it("refuses unknown handles and empty messages at the right field", async () => {
    const ana = await person();
    await expect(start(ana, "no-such-person-here")).rejects.toMatchObject({ status: 400, field: "to" });
    await expect(start(ana, ana.handle)).rejects.toMatchObject({ status: 400, field: "to" });
    const ben = await person();
    await expect(start(ana, ben.handle, "   ")).rejects.toMatchObject({ status: 400, field: "body" });
  });

  it("stops one-to-one messages both ways after a block and hides the blocked person's group messages", async () => {
    const [ana, ben, cy] = [await person(), await person(), await person()];
    const pair = await start(ana, ben.handle);
    const group = await start(ana, `${ben.handle} ${cy.handle}`);
    await setBlocked(database.db, ben, ana.id, true);
    await expect(send(ana, pair.conversationId)).rejects.toMatchObject({ status: 403 });
    await expect(send(ben, pair.conversationId)).rejects.toMatchObject({ status: 403 });
    await expect(start(ana, ben.handle)).rejects.toMatchObject({ status: 403, field: "to" });
    await send(ana, group.conversationId, "Group news");
    expect((await getConversation(database.db, ben, group.conversationId)).messages).toEqual([]);
    expect((await getConversation(database.db, cy, group.conversationId)).messages.map((m) => m.body_html)).toContain("<p>Group news</p>\n");
    expect(await unreadConversationCount(database.db, ben.id)).toBe(0);
    await setBlocked(database.db, ben, ana.id, false);
    await send(ana, pair.conversationId, "Friends again");
  });

  it("leaves a muted conversation out of the badge and the live count", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversationId } = await start(ana, ben.handle);
    await setMuted(database.db, ben, conversationId, true);
    expect(await unreadConversationCount(database.db, ben.id)).toBe(0);
    expect((await listConversations(database.db, ben))[0]).toMatchObject({ id: conversationId, muted: true, unread: 1 });
  });

  it("limits how fast one person sends", async () => {
    const [ana, ben] = [await person(), await person()];
    const now = new Date(Date.now() + 86_400_000);
    const { conversationId } = await startConversation(database.db, { actor: ana, raw: { to: ben.handle, body: "1" }, render, at: now });
    for (let n = 2; n <= 15; n++) await sendMessage(database.db, { actor: ana, conversationId, raw: { body: String(n) }, render, at: new Date(now.getTime() + n) });
    await expect(sendMessage(database.db, { actor: ana, conversationId, raw: { body: "16" }, render, at: new Date(now.getTime() + 100) })).rejects.toMatchObject({ status: 429 });
  });

  it("sends a reported message to the moderators once, with an event, and refuses reporting one's own", async () => {
    const [ana, ben] = [await person(), await person()];
    const moderator = await person("moderator");
    const { messageId } = await start(ana, ben.handle, "Buy my crypto course");
    await expect(reportMessage(database.db, ana, { messageId })).rejects.toMatchObject({ status: 400 });
    await reportMessage(database.db, ben, { messageId, reason: "Spam" });
    await expect(reportMessage(database.db, ben, { messageId })).rejects.toMatchObject({ status: 409 });
    const reports = await listOpenReports(database.db, moderator);
    expect(reports.find((r) => r.reason === "Spam")).toMatchObject({ reporter_name: ben.displayName, author_handle: ana.handle });
    await expect(listOpenReports(database.db, ben)).rejects.toMatchObject({ status: 404 });
    const event = await database.db.selectFrom("outbox_events").select("payload").where("type", "=", "messages.reported").where("actor_id", "=", ben.id).executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ messageId, reporterId: ben.id });
  });

  it("fans a new message out to the conversation room and the recipients' unread counts, muted ones left out", async () => {
    const [ana, ben, cy] = [await person(), await person(), await person()];
    const { conversationId, messageId } = await start(ana, `${ben.handle} ${cy.handle}`);
    await setMuted(database.db, cy, conversationId, true);
    const emitted: [string, string, unknown][] = [];
    const recorder = { to: (room: string) => ({ emit: (event: string, payload: unknown) => emitted.push([room, event, payload]) }) };
    const event = { id: 1, txid: "1", occurredAt: new Date(), type: "messages.sent", actorId: ana.id, payload: { conversationId, messageId, authorId: ana.id } } as DispatchedEvent;
    await messagesFanout(recorder, database.db).afterCommit!([event]);
    expect(emitted).toContainEqual([`conversation:${conversationId}`, "conversation:message", { conversationId, messageId, authorId: ana.id }]);
    expect(emitted).toContainEqual([`user:${ben.id}`, "messages:unread", { unread: 1 }]);
    expect(emitted.some(([room]) => room === `user:${cy.id}` || room === `user:${ana.id}`)).toBe(false);
  });
});

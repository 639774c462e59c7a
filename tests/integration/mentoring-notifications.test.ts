import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { listNotifications, markNotificationRead, setNotificationPreferences, unreadNotificationCount } from "../../app/domain/follow/notifications.server";
import { giveFeedback } from "../../app/domain/mentoring/feedback.server";
import { endMentorship } from "../../app/domain/mentoring/mentorships.server";
import { acceptRequest, declineRequest } from "../../app/domain/mentoring/requests.server";
import { confirmSession, logSession } from "../../app/domain/mentoring/sessions.server";
import { createDispatcher } from "../../server/dispatcher";
import { notificationsSubscriber, type CountEmitter } from "../../server/notifications-subscriber";
import { createTestDatabase } from "../support/database";
import { ensureVocabulary, makeMentee, makeMentor, makeRequest } from "../support/mentoring";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const emitted: Array<[string, number]> = [];
const emitter: CountEmitter = { to: (room) => ({ emit: (_event, payload) => emitted.push([room, payload.unread]) }) };

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureVocabulary(db());
});
afterAll(async () => database.close());

async function dispatch() {
  const dispatcher = createDispatcher({ database, log: pino({ level: process.env.DEBUG_DISPATCH ? "debug" : "silent" }), subscribers: [notificationsSubscriber(emitter, db())] });
  const deadline = Date.now() + 10_000;
  await dispatcher.drain();
  while ((await dispatcher.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.drain();
  }
  await dispatcher.stop();
}

const lines = async (user: SessionUser) => (await listNotifications(db(), user)).notifications.map((n) => n.data.text);

describe("mentoring notifications reach the other person", () => {
  it("for a request, an answer, a session to confirm, the end and the completion", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor);
    await dispatch();
    expect(await lines(mentor)).toEqual([`${mentee.displayName} asked you to be their mentor`]);
    expect(emitted).toContainEqual([`user:${mentor.id}`, 1]);
    expect(await lines(mentee)).toEqual([]);

    await acceptRequest(db(), mentor, request.public_id);
    const session = await logSession(db(), mentor, request.public_id, { heldOn: new Date().toISOString().slice(0, 10), durationMinutes: "30" });
    await dispatch();
    expect(await lines(mentee)).toEqual([
      `${mentor.displayName} logged a mentoring session: please confirm it`,
      `${mentor.displayName} accepted your mentoring request`,
    ]);

    await confirmSession(db(), mentee, request.public_id, session.id);
    await endMentorship(db(), mentee, request.public_id, { reason: "completed" });
    await giveFeedback(db(), mentee, request.public_id, { rating: "5" });
    await dispatch();
    const mentorLines = await lines(mentor);
    expect(mentorLines[0]).toBe(`${mentee.displayName} completed the mentorship and rated it 5/5`);
    expect(mentorLines[1]).toBe(`${mentee.displayName} ended your mentorship: leave your feedback`);
    expect(await unreadNotificationCount(db(), mentor)).toBe(3);

    // Opening one goes to the mentorship's page.
    const first = (await listNotifications(db(), mentor)).notifications[0];
    expect(await markNotificationRead(db(), mentor, first.id)).toEqual({ postId: null, href: `/mentoring/m/${request.public_id}` });
  });

  it("not when the person turned mentoring notifications off, and never twice for one event", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    await setNotificationPreferences(db(), mentee.id, { mentoring: false });
    const request = await makeRequest(db(), mentee, mentor);
    await declineRequest(db(), mentor, request.public_id, {});
    await dispatch();
    await dispatch();
    expect(await lines(mentee)).toEqual([]);
    expect(await lines(mentor)).toHaveLength(1);
  });
});

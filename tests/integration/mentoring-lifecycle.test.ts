import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { giveFeedback } from "../../app/domain/mentoring/feedback.server";
import { findMentors } from "../../app/domain/mentoring/matching.server";
import { addNote, endMentorship } from "../../app/domain/mentoring/mentorships.server";
import { mentoringDashboard, mentorshipSpace } from "../../app/domain/mentoring/queries.server";
import {
  EXPIRE_JOB,
  REQUEST_LIFETIME_DAYS,
  acceptRequest,
  declineRequest,
  expireOverdueRequests,
  requestMentorship,
  withdrawRequest,
} from "../../app/domain/mentoring/requests.server";
import { confirmSession, logSession } from "../../app/domain/mentoring/sessions.server";
import pino from "pino";
import { createBackgroundJobs } from "../../server/jobs";
import { createScheduler } from "../../server/scheduler";
import { createTestDatabase } from "../support/database";
import { makeOrganization } from "../support/factories";
import { render } from "../support/forum";
import { ensureVocabulary, eventsOfType, makeMentee, makeMentor, makeRequest, requestInput } from "../support/mentoring";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const DAY = 24 * 3600_000;
const today = () => new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureVocabulary(db());
});
afterAll(async () => database.close());

const needs = { goals: "", topics: ["Cloud migration"], languages: "English", timeZone: "Europe/London", segment: "nonprofits", urgency: "normal", languageRequired: false };

const eventFor = async (type: string, mentorshipId: number) =>
  (await eventsOfType(db(), type)).filter((e) => (e.payload as { mentorshipId: number }).mentorshipId === mentorshipId);

describe("a mentorship from request to feedback", () => {
  it("runs end to end, writing each event in the same transaction as the change", async () => {
    const mentor = await makeMentor(db(), { capacity: 2 });
    const mentee = await makeMentee(db());
    const request = await requestMentorship(db(), mentee, requestInput(mentor.id, { topics: ["cloud migration"] }));
    expect(request.status).toBe("requested");
    expect(request.topics).toEqual(["Cloud migration"]);
    expect(request.public_id).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(await eventFor("mentoring.requested", request.id)).toEqual([
      { payload: { mentorshipId: request.id, mentorId: mentor.id, menteeId: mentee.id }, actor_id: mentee.id },
    ]);
    const job = await db().selectFrom("jobs").selectAll().where("unique_key", "=", `${EXPIRE_JOB}:${request.id}`).executeTakeFirstOrThrow();
    expect(job.run_at.getTime() - request.requested_at.getTime()).toBe(REQUEST_LIFETIME_DAYS * DAY);

    const accepted = await acceptRequest(db(), mentor, request.public_id);
    expect(accepted.status).toBe("active");
    expect(await eventFor("mentoring.accepted", request.id)).toHaveLength(1);
    // Answered: the expiry job is gone.
    expect(await db().selectFrom("jobs").select("id").where("unique_key", "=", `${EXPIRE_JOB}:${request.id}`).execute()).toEqual([]);

    await addNote(db(), mentee, request.public_id, { body: "Agenda: **landing zone** <script>alert(1)</script>" }, { render });
    const session = await logSession(db(), mentor, request.public_id, { heldOn: today(), durationMinutes: "45", topics: ["Cloud migration"], summary: "Kick-off" });
    expect(await eventFor("mentoring.session_confirmed", request.id)).toEqual([]);
    expect(await eventFor("mentoring.session_logged", request.id)).toHaveLength(1);
    expect(await confirmSession(db(), mentee, request.public_id, session.id)).toEqual({ confirmed: true });
    expect(await eventFor("mentoring.session_confirmed", request.id)).toEqual([
      { payload: { mentorshipId: request.id, sessionId: session.id, mentorId: mentor.id, menteeId: mentee.id }, actor_id: mentee.id },
    ]);

    const space = await mentorshipSpace(db(), mentee, request.public_id);
    expect(space.notes[0].body_html).toContain("<strong>landing zone</strong>");
    expect(space.notes[0].body_html).not.toContain("<script");
    expect(space.sessions[0]).toMatchObject({ held_on: today(), duration_minutes: 45 });
    expect(space.sessions[0].confirmed_at).not.toBeNull();

    await endMentorship(db(), mentee, request.public_id, { reason: "completed", note: "Goals met" });
    expect(await eventFor("mentoring.ended", request.id)).toHaveLength(1);
    await giveFeedback(db(), mentor, request.public_id, { rating: "4", comment: "Well prepared" });
    expect(await eventFor("mentoring.completed", request.id)).toEqual([]);
    await giveFeedback(db(), mentee, request.public_id, { rating: "5", comment: "Saved us weeks" });
    expect(await eventFor("mentoring.completed", request.id)).toEqual([
      { payload: { mentorshipId: request.id, mentorId: mentor.id, menteeId: mentee.id, rating: 5 }, actor_id: mentee.id },
    ]);

    const after = await mentorshipSpace(db(), mentor, request.public_id);
    expect(after.feedback.mine?.rating).toBe(4);
    expect(after.feedback.theirs?.rating).toBe(5);
  });

  it("declines with an optional reason, and the mentee may ask again later", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor);
    const declined = await declineRequest(db(), mentor, request.public_id, { reason: "Fully booked until March" });
    expect(declined).toMatchObject({ status: "declined", decline_reason: "Fully booked until March" });
    expect(await eventFor("mentoring.declined", request.id)).toHaveLength(1);
    const again = await makeRequest(db(), mentee, mentor);
    expect(again.status).toBe("requested");
  });

  it("lets the mentee withdraw a request before it is answered", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor);
    await withdrawRequest(db(), mentee, request.public_id);
    await expect(acceptRequest(db(), mentor, request.public_id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("withdrawn") });
  });

  it("shows each side its mentees, mentors and open requests", async () => {
    const mentor = await makeMentor(db(), { capacity: 3 });
    const active = await makeMentee(db());
    const waiting = await makeMentee(db());
    const first = await makeRequest(db(), active, mentor);
    await acceptRequest(db(), mentor, first.public_id);
    await makeRequest(db(), waiting, mentor);
    const mine = await mentoringDashboard(db(), mentor);
    expect(mine.mentees.map((m) => m.mentee_id)).toEqual([active.id]);
    expect(mine.received.map((m) => m.mentee_id)).toEqual([waiting.id]);
    const theirs = await mentoringDashboard(db(), waiting);
    expect(theirs.sent.map((m) => m.mentor_id)).toEqual([mentor.id]);
    expect((await mentoringDashboard(db(), active)).mentors.map((m) => m.mentor_id)).toEqual([mentor.id]);
  });
});

describe("expiry of unanswered requests", () => {
  it("lapses a request after ten days, not before, once, with an event", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const start = new Date(Date.now() - 11 * DAY);
    const request = await makeRequest(db(), mentee, mentor, start);
    expect(await expireOverdueRequests(db(), new Date(start.getTime() + 9 * DAY))).toBe(0);
    expect(await expireOverdueRequests(db(), new Date(start.getTime() + 10 * DAY))).toBeGreaterThanOrEqual(1);
    expect(await expireOverdueRequests(db(), new Date(start.getTime() + 10 * DAY))).toBe(0);
    const row = await db().selectFrom("mentorships").select("status").where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("expired");
    expect(await eventFor("mentoring.expired", request.id)).toHaveLength(1);
    await expect(acceptRequest(db(), mentor, request.public_id)).rejects.toMatchObject({ status: 409 });
  });

  it("the server's scheduled job expires the request when it falls due", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor, new Date(Date.now() - 10 * DAY - 60_000));
    const { handlers } = createBackgroundJobs({ render });
    const scheduler = createScheduler({ database, log: pino({ level: "silent" }), handlers: { [EXPIRE_JOB]: handlers[EXPIRE_JOB] }, workerId: "test" });
    try {
      expect(await scheduler.runDue()).toBeGreaterThanOrEqual(1);
    } finally {
      await scheduler.stop();
    }
    const row = await db().selectFrom("mentorships").select("status").where("id", "=", request.id).executeTakeFirstOrThrow();
    expect(row.status).toBe("expired");
  });

  it("refuses to accept a request past its expiry even before the job has run", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor, new Date(Date.now() - 10 * DAY - 1000));
    await expect(acceptRequest(db(), mentor, request.public_id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("expired") });
  });
});

describe("matching", () => {
  let mentee: SessionUser;
  beforeAll(async () => {
    mentee = await makeMentee(db(), (await makeOrganization(db())).id);
  });

  it("ranks accepting mentors with their breakdown and leaves out oneself and the not accepting", async () => {
    const good = await makeMentor(db(), { topics: ["Cloud migration"], timeZone: "Europe/London" });
    const closed = await makeMentor(db(), { accepting: false });
    const suggestions = await findMentors(db(), mentee, { ...needs });
    const ids = suggestions.map((s) => s.mentor.userId);
    expect(ids).toContain(good.id);
    expect(ids).not.toContain(closed.id);
    expect(ids).not.toContain(mentee.id);
    const mine = suggestions.find((s) => s.mentor.userId === good.id)!;
    expect(mine.summary).toContain("topics 1/1");
    expect(mine.summary).toContain("same time zone");
    expect(mine.card.displayName.length).toBeGreaterThan(0);
  });

  it("does not suggest a mentor already asked, and counts active mentees against places", async () => {
    const mentor = await makeMentor(db(), { capacity: 2 });
    const other = await makeMentee(db());
    const request = await makeRequest(db(), other, mentor);
    await acceptRequest(db(), mentor, request.public_id);
    const seen = (await findMentors(db(), mentee, { ...needs })).find((s) => s.mentor.userId === mentor.id)!;
    expect(seen.summary).toContain("1 of 2 places left");
    await makeRequest(db(), mentee, mentor);
    expect((await findMentors(db(), mentee, { ...needs })).map((s) => s.mentor.userId)).not.toContain(mentor.id);
  });

  it("after 'not a good fit' the mentee is matched again, without that mentor", async () => {
    const mentor = await makeMentor(db());
    const seeker = await makeMentee(db());
    const request = await makeRequest(db(), seeker, mentor);
    await acceptRequest(db(), mentor, request.public_id);
    await endMentorship(db(), mentor, request.public_id, { reason: "not_a_good_fit" });
    const ids = (await findMentors(db(), seeker, { ...needs })).map((s) => s.mentor.userId);
    expect(ids).not.toContain(mentor.id);
    expect(ids.length).toBeGreaterThan(0);
    await expect(makeRequest(db(), seeker, mentor)).rejects.toMatchObject({ status: 409, field: "mentorId", message: expect.stringContaining("not a good fit") });
  });

  it("uses past feedback from mentees in the score", async () => {
    const mentor = await makeMentor(db(), { capacity: 5 });
    const former = await makeMentee(db());
    const request = await makeRequest(db(), former, mentor);
    await acceptRequest(db(), mentor, request.public_id);
    await endMentorship(db(), former, request.public_id, { reason: "completed" });
    await giveFeedback(db(), former, request.public_id, { rating: "5" });
    const seen = (await findMentors(db(), mentee, { ...needs })).find((s) => s.mentor.userId === mentor.id)!;
    expect(seen.summary).toContain("rated 5/5 by 1 mentee");
  });
});

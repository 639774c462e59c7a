import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { giveFeedback } from "../../app/domain/mentoring/feedback.server";
import { addNote, endMentorship } from "../../app/domain/mentoring/mentorships.server";
import { saveMentorProfile } from "../../app/domain/mentoring/profiles.server";
import { acceptRequest, declineRequest, requestMentorship } from "../../app/domain/mentoring/requests.server";
import { confirmSession, logSession } from "../../app/domain/mentoring/sessions.server";
import { saveScoringWeights } from "../../app/domain/mentoring/settings.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser } from "../support/factories";
import { render } from "../support/forum";
import { ensureVocabulary, makeMentee, makeMentor, makeRequest, requestInput } from "../support/mentoring";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
const today = () => new Date().toISOString().slice(0, 10);
const session = { heldOn: today(), durationMinutes: "30", topics: [], summary: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureVocabulary(db());
});
afterAll(async () => database.close());

async function activePair(capacity = 2) {
  const mentor = await makeMentor(db(), { capacity });
  const mentee = await makeMentee(db());
  const request = await makeRequest(db(), mentee, mentor);
  await acceptRequest(db(), mentor, request.public_id);
  return { mentor, mentee, id: request.public_id };
}

describe("requests that cannot be made", () => {
  it("to oneself", async () => {
    const mentor = await makeMentor(db());
    await expect(requestMentorship(db(), mentor, requestInput(mentor.id))).rejects.toMatchObject({
      status: 400,
      field: "mentorId",
      message: "You cannot ask yourself to be your mentor.",
    });
  });

  it("to a mentor who is not accepting", async () => {
    const mentor = await makeMentor(db(), { accepting: false });
    await expect(makeRequest(db(), await makeMentee(db()), mentor)).rejects.toMatchObject({ status: 409, field: "mentorId", message: expect.stringContaining("not accepting") });
  });

  it("to a mentor at capacity", async () => {
    const { mentor } = await activePair(1);
    await expect(makeRequest(db(), await makeMentee(db()), mentor)).rejects.toMatchObject({ status: 409, field: "mentorId", message: expect.stringContaining("no places left") });
  });

  it("a duplicate while one is open, and while the mentorship is active", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const first = await makeRequest(db(), mentee, mentor);
    await expect(makeRequest(db(), mentee, mentor)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("already asked") });
    await acceptRequest(db(), mentor, first.public_id);
    await expect(makeRequest(db(), mentee, mentor)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("already your mentor") });
  });

  it("two identical requests at once make one request", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const results = await Promise.allSettled([makeRequest(db(), mentee, mentor), makeRequest(db(), mentee, mentor)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
  });

  it("to someone without a mentor profile, or with fields missing", async () => {
    const stranger = asSessionUser(await makeUser(db()));
    const mentee = await makeMentee(db());
    await expect(requestMentorship(db(), mentee, requestInput(stranger.id))).rejects.toMatchObject({ status: 404, field: "mentorId" });
    const mentor = await makeMentor(db());
    await expect(requestMentorship(db(), mentee, requestInput(mentor.id, { message: " " }))).rejects.toMatchObject({ status: 400, field: "message" });
    await expect(requestMentorship(db(), mentee, requestInput(mentor.id, { topics: ["Underwater basket weaving"] }))).rejects.toMatchObject({ status: 400, field: "topics" });
    await expect(requestMentorship(db(), mentee, requestInput(mentor.id, { timeZone: "Mars/Base" }))).rejects.toMatchObject({ status: 400, field: "timeZone" });
    await expect(requestMentorship(db(), mentee, requestInput(mentor.id, { segment: "pirates" }))).rejects.toMatchObject({ status: 400, field: "segment" });
  });
});

describe("answers only the mentor gives, once", () => {
  it("the mentee cannot accept their own request; nobody answers twice", async () => {
    const mentor = await makeMentor(db());
    const mentee = await makeMentee(db());
    const request = await makeRequest(db(), mentee, mentor);
    await expect(acceptRequest(db(), mentee, request.public_id)).rejects.toMatchObject({ status: 403 });
    await declineRequest(db(), mentor, request.public_id, {});
    await expect(acceptRequest(db(), mentor, request.public_id)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("declined") });
    await expect(declineRequest(db(), mentor, request.public_id, {})).rejects.toMatchObject({ status: 409 });
  });
});

describe("the private space", () => {
  it("a session logged in a mentorship one is not part of is a 404, as if it did not exist", async () => {
    const { id } = await activePair();
    const outsider = await makeMentee(db());
    await expect(logSession(db(), outsider, id, session)).rejects.toMatchObject({ status: 404 });
    await expect(addNote(db(), outsider, id, { body: "hi" }, { render })).rejects.toMatchObject({ status: 404 });
    await expect(endMentorship(db(), outsider, id, { reason: "completed" })).rejects.toMatchObject({ status: 404 });
    await expect(giveFeedback(db(), outsider, id, { rating: "5" })).rejects.toMatchObject({ status: 404 });
  });

  it("an admin may read but not write in the pair's space", async () => {
    const { id } = await activePair();
    const admin = asSessionUser(await makeUser(db(), { role: "admin" }));
    await expect(logSession(db(), admin, id, session)).rejects.toMatchObject({ status: 403 });
  });

  it("refuses future sessions and bad lengths at their field", async () => {
    const { mentor, id } = await activePair();
    await expect(logSession(db(), mentor, id, { ...session, heldOn: "2999-01-01" })).rejects.toMatchObject({ status: 400, field: "heldOn" });
    await expect(logSession(db(), mentor, id, { ...session, durationMinutes: "2" })).rejects.toMatchObject({ status: 400, field: "durationMinutes" });
    await expect(logSession(db(), mentor, id, { ...session, heldOn: "yesterday" })).rejects.toMatchObject({ status: 400, field: "heldOn" });
  });

  it("a session is confirmed once per side; its logger has confirmed it already", async () => {
    const { mentor, mentee, id } = await activePair();
    const logged = await logSession(db(), mentor, id, session);
    await expect(confirmSession(db(), mentor, id, logged.id)).rejects.toMatchObject({ status: 409, message: "You already confirmed this session." });
    await confirmSession(db(), mentee, id, logged.id);
    await expect(confirmSession(db(), mentee, id, logged.id)).rejects.toMatchObject({ status: 409 });
  });

  it("a session id from another mentorship is not found in this one", async () => {
    const one = await activePair();
    const other = await activePair();
    const logged = await logSession(db(), other.mentor, other.id, session);
    await expect(confirmSession(db(), one.mentee, one.id, logged.id)).rejects.toMatchObject({ status: 404, field: "sessionId" });
  });

  it("nothing is written once the mentorship has ended", async () => {
    const { mentor, id } = await activePair();
    await endMentorship(db(), mentor, id, { reason: "other" });
    await expect(logSession(db(), mentor, id, session)).rejects.toMatchObject({ status: 409, message: expect.stringContaining("has ended") });
    await expect(endMentorship(db(), mentor, id, { reason: "other" })).rejects.toMatchObject({ status: 409 });
  });
});

describe("feedback", () => {
  it("only after the end, once each, with a rating from 1 to 5", async () => {
    const { mentor, mentee, id } = await activePair();
    await expect(giveFeedback(db(), mentee, id, { rating: "5" })).rejects.toMatchObject({ status: 409, message: expect.stringContaining("is active") });
    await endMentorship(db(), mentee, id, { reason: "completed" });
    await expect(giveFeedback(db(), mentee, id, { rating: "6" })).rejects.toMatchObject({ status: 400, field: "rating" });
    await giveFeedback(db(), mentee, id, { rating: "5" });
    await expect(giveFeedback(db(), mentee, id, { rating: "4" })).rejects.toMatchObject({
      status: 409,
      field: "rating",
      message: "You already gave feedback on this mentorship.",
    });
    await giveFeedback(db(), mentor, id, { rating: "4" });
    const completed = await db().selectFrom("outbox_events").select("payload").where("type", "=", "mentoring.completed").execute();
    expect(completed.filter((e) => (e.payload as { rating: number }).rating === 5).length).toBeGreaterThanOrEqual(1);
  });
});

describe("profiles and settings", () => {
  it("refuses a mentor profile with bad fields at the field", async () => {
    const user = asSessionUser(await makeUser(db()));
    const base = { accepting: "on", capacity: "2", topics: ["Security"], languages: "English", timeZone: "UTC", segments: [], pitch: "" };
    await expect(saveMentorProfile(db(), user, { ...base, capacity: "-1" })).rejects.toMatchObject({ status: 400, field: "capacity" });
    await expect(saveMentorProfile(db(), user, { ...base, capacity: "21" })).rejects.toMatchObject({ status: 400, field: "capacity" });
    await expect(saveMentorProfile(db(), user, { ...base, languages: "" })).rejects.toMatchObject({ status: 400, field: "languages" });
    await expect(saveMentorProfile(db(), user, { ...base, topics: [] })).rejects.toMatchObject({ status: 400, field: "topics" });
    await expect(saveMentorProfile(db(), user, { ...base, segments: ["pirates"] })).rejects.toMatchObject({ status: 400, field: "segments" });
    const saved = await saveMentorProfile(db(), user, { ...base, topics: ["security"] });
    expect(saved).toMatchObject({ topics: ["Security"], capacity: 2, accepting: true });
  });

  it("only admins change the weights, and each change is audited", async () => {
    const member = asSessionUser(await makeUser(db()));
    const admin = asSessionUser(await makeUser(db(), { role: "admin" }));
    const weights = { topics: "50", language: "10", timeZone: "10", capacity: "10", segment: "10", feedback: "5", organization: "5" };
    await expect(saveScoringWeights(db(), member, weights)).rejects.toMatchObject({ status: 403 });
    await expect(saveScoringWeights(db(), admin, { ...weights, topics: "500" })).rejects.toMatchObject({ status: 400, field: "topics" });
    await saveScoringWeights(db(), admin, weights);
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("action", "=", "mentoring.weights_changed").execute();
    expect(audit).toEqual([{ action: "mentoring.weights_changed", actor_id: admin.id }]);
  });
});

describe("rate limits", () => {
  it("a mentee sends at most five requests a day, then is told to wait (429)", async () => {
    const mentee = await makeMentee(db());
    for (let i = 0; i < 5; i++) await makeRequest(db(), mentee, await makeMentor(db()));
    await expect(makeRequest(db(), mentee, await makeMentor(db()))).rejects.toMatchObject({ status: 429, field: "mentorId" });
  });
});

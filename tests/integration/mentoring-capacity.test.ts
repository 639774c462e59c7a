import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { acceptRequest } from "../../app/domain/mentoring/requests.server";
import { createTestDatabase, usingPostgres } from "../support/database";
import { ensureVocabulary, makeMentee, makeMentor, makeRequest } from "../support/mentoring";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureVocabulary(db());
});
afterAll(async () => database.close());

const activeCount = async (mentorId: string) =>
  Number(
    (
      await db()
        .selectFrom("mentorships")
        .select(sql<number>`count(*)::int`.as("n"))
        .where("mentor_id", "=", mentorId)
        .where("status", "=", "active")
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("capacity under concurrency", () => {
  it("two accepts at once for the last place: one succeeds, the other is refused with the reason", async () => {
    const mentor = await makeMentor(db(), { capacity: 1 });
    const [a, b] = await Promise.all([makeMentee(db()), makeMentee(db())]);
    const first = await makeRequest(db(), a, mentor);
    const second = await makeRequest(db(), b, mentor);
    const results = await Promise.allSettled([acceptRequest(db(), mentor, first.public_id), acceptRequest(db(), mentor, second.public_id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ status: 409, message: expect.stringContaining("no places left") });
    expect(await activeCount(mentor.id)).toBe(1);
  });

  it("ten accepts at once against three places make exactly three mentorships", async () => {
    const mentor = await makeMentor(db(), { capacity: 3 });
    const requests = [];
    for (let i = 0; i < 10; i++) requests.push(await makeRequest(db(), await makeMentee(db()), mentor));
    const results = await Promise.allSettled(requests.map((r) => acceptRequest(db(), mentor, r.public_id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await activeCount(mentor.id)).toBe(3);
  });

  it("the same request accepted twice at once becomes one mentorship and one event", async () => {
    const mentor = await makeMentor(db(), { capacity: 3 });
    const request = await makeRequest(db(), await makeMentee(db()), mentor);
    const results = await Promise.allSettled([acceptRequest(db(), mentor, request.public_id), acceptRequest(db(), mentor, request.public_id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const events = await db().selectFrom("outbox_events").select("id").where("type", "=", "mentoring.accepted").where(sql<boolean>`(payload->>'mentorshipId')::bigint = ${request.id}`).execute();
    expect(events).toHaveLength(1);
  });
});

if (!usingPostgres()) {
  console.info("mentoring-capacity.test.ts: the two-connection race is NOT RUN on PGlite (one connection). Set TEST_DATABASE_URL to run it.");
}

describe.runIf(usingPostgres())("on PostgreSQL with two separate connection pools (needs TEST_DATABASE_URL)", () => {
  it("two app processes accepting for the last place never exceed the capacity", async () => {
    const handles = await Promise.all([openDatabase({ url: database.url!, poolSize: 2 }), openDatabase({ url: database.url!, poolSize: 2 })]);
    try {
      for (let round = 0; round < 5; round++) {
        const mentor = await makeMentor(db(), { capacity: 1 });
        const first = await makeRequest(db(), await makeMentee(db()), mentor);
        const second = await makeRequest(db(), await makeMentee(db()), mentor);
        const results = await Promise.allSettled([
          acceptRequest(handles[0].db, mentor, first.public_id),
          acceptRequest(handles[1].db, mentor, second.public_id),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        expect(await activeCount(mentor.id)).toBe(1);
      }
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });
});

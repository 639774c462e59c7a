import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { DEMO_ACCOUNTS, seedDemo, type SeedSummary } from "../../db/seed/demo";
import { createTestDatabase } from "../support/database";

let database: Database;
let summary: SeedSummary;

// The whole demo seed runs first: the mentoring part needs its people and their organizations.
beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db);
}, 400_000);
afterAll(async () => {
  await database.close();
});

const mentorEmail = DEMO_ACCOUNTS.find((account) => account.key === "mentor")!.email;
const memberEmail = DEMO_ACCOUNTS.find((account) => account.key === "member")!.email;

describe("demo mentoring", () => {
  it("makes the demo mentor account a mentor with topics, languages and segments", async () => {
    const profile = await database.db
      .selectFrom("mentor_profiles")
      .innerJoin("users", "users.id", "mentor_profiles.user_id")
      .selectAll("mentor_profiles")
      .where("users.email", "=", mentorEmail)
      .executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ accepting: true, capacity: 3, languages: ["English", "Spanish"] });
    expect(profile.topics).toContain("Cloud migration");
    expect(profile.segments).toContain("nonprofits");
    expect(summary.mentoring?.mentors).toBeGreaterThanOrEqual(4);
  });

  it("has active, completed and requested mentorships, with confirmed sessions and feedback", async () => {
    const statuses = await database.db.selectFrom("mentorships").select("status").execute();
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["active", "ended", "requested"]));
    const confirmed = await database.db.selectFrom("mentorship_sessions").select("id").where("confirmed_at", "is not", null).execute();
    expect(confirmed.length).toBeGreaterThanOrEqual(5);
    const pending = await database.db.selectFrom("mentorship_sessions").select("id").where("confirmed_at", "is", null).execute();
    expect(pending).toHaveLength(1);
    const feedback = await database.db.selectFrom("mentorship_feedback").select("rating").execute();
    expect(feedback).toHaveLength(4);
  });

  it("wrote the events the recognition engine scores", async () => {
    const types = await database.db.selectFrom("outbox_events").select("type").where("type", "like", "mentoring.%").execute();
    const count = (type: string) => types.filter((t) => t.type === type).length;
    expect(count("mentoring.requested")).toBe(5);
    expect(count("mentoring.accepted")).toBe(4);
    expect(count("mentoring.session_confirmed")).toBe(6);
    expect(count("mentoring.completed")).toBe(2);
  });

  it("gives the demo member an active mentor", async () => {
    const row = await database.db
      .selectFrom("mentorships")
      .innerJoin("users as mentee", "mentee.id", "mentorships.mentee_id")
      .innerJoin("users as mentor", "mentor.id", "mentorships.mentor_id")
      .select(["mentorships.status", "mentor.email"])
      .where("mentee.email", "=", memberEmail)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "active", email: mentorEmail });
  });
});

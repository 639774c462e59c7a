import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logIn } from "../../app/domain/accounts/signup.server";
import { isTimeZone } from "../../app/domain/accounts/validation";
import type { Database } from "../../db/client";
import { DEMO_ACCOUNTS, seedDemoIfEmpty, type SeedSummary } from "../../db/seed/demo";
import { planSeed } from "../../db/seed/plan";
import { createLogger } from "../../server/logger";
import { createTestDatabase } from "../support/database";

let database: Database;
let summary: SeedSummary | null;
const log = createLogger("silent");

// The demo seed includes the forum's ~1,000 domain transactions: seconds alone, minutes on a busy machine.
beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemoIfEmpty(database.db, log);
}, 240_000);
afterAll(async () => {
  await database.close();
});

const count = async (table: "users" | "organizations" | "outbox_events") =>
  (await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n;

describe("demo seed", () => {
  it("builds partner organizations across every tier and region, some serving the community sector", async () => {
    const organizations = await database.db.selectFrom("organizations").selectAll().execute();
    expect(organizations.length).toBeGreaterThanOrEqual(8);
    expect(new Set(organizations.map((o) => o.tier))).toEqual(new Set(["registered", "silver", "gold", "platinum"]));
    expect(new Set(organizations.flatMap((o) => o.regions))).toEqual(new Set(["North America", "EMEA", "APAC", "LATAM"]));
    const communitySector = organizations.filter((o) => o.community_sector);
    expect(communitySector.length).toBeGreaterThanOrEqual(3);
    for (const organization of communitySector) expect(organization.segments.length).toBeGreaterThan(0);
  });

  it("creates at least 40 people with real time zones, and vendor staff with no organization", async () => {
    const people = await database.db.selectFrom("users").selectAll().execute();
    expect(people.length).toBeGreaterThanOrEqual(40);
    expect(people.every((person) => isTimeZone(person.time_zone) && person.languages.length > 0)).toBe(true);
    const staff = people.filter((person) => person.is_vendor_staff);
    expect(staff.length).toBeGreaterThanOrEqual(2);
    expect(staff.every((person) => person.organization_id === null)).toBe(true);
  });

  it("lets every demo account log in with its password and gives it the documented role", async () => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await logIn(database.db, { email: account.email, password: account.password, ip: "203.0.113.9" });
      expect(user.role, account.email).toBe(account.role);
      expect(user.is_vendor_staff, account.email).toBe(account.role === "admin" || account.role === "moderator");
    }
  });

  it("leaves a pending join request for the demo partner admin to answer", async () => {
    const partnerAdmin = DEMO_ACCOUNTS.find((account) => account.key === "partneradmin")!;
    const pending = await database.db
      .selectFrom("join_requests")
      .innerJoin("users as admin", "admin.organization_id", "join_requests.organization_id")
      .select("join_requests.id")
      .where("admin.email", "=", partnerAdmin.email)
      .where("join_requests.status", "=", "pending")
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(1);
  });

  it("writes the domain events to the outbox as the live flows do", async () => {
    const events = await database.db
      .selectFrom("outbox_events")
      .select(["type", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("type")
      .execute();
    const byType = Object.fromEntries(events.map((event) => [event.type, event.n]));
    expect(byType["user.signed_up"]).toBe(await count("users"));
    expect(byType["organization.created"]).toBe(await count("organizations"));
    for (const type of ["organization.member_joined", "join_request.created", "join_request.decided", "user.role_changed"]) {
      expect(byType[type], type).toBeGreaterThan(0);
    }
  });

  it("seeds nothing the second time", async () => {
    expect(summary).not.toBeNull();
    const before = [await count("users"), await count("organizations"), await count("outbox_events")];
    expect(await seedDemoIfEmpty(database.db, log)).toBeNull();
    expect([await count("users"), await count("organizations"), await count("outbox_events")]).toEqual(before);
  });

  it("plans the same data for the same seed number", () => {
    const plan = (seed: number) => JSON.stringify(planSeed({ demoAccounts: true, seed }));
    expect(plan(7)).toBe(plan(7));
    expect(plan(7)).not.toBe(plan(8));
  });
});

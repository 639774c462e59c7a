import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { parseDirectoryQuery } from "../../app/domain/directory/query";
import { quarterMonthStarts } from "../../app/domain/directory/hooks.server";
import { searchDirectory, sortsOf, type PersonHit } from "../../app/domain/directory/search.server";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser, unique } from "../support/factories";

let database: Database;
// A word no other test file uses, so the searches only see this file's people.
const tag = unique("zc").replace("-", "");

async function person(name: string) {
  const organization = await makeOrganization(database.db);
  const user = await makeUser(database.db, { displayName: name, organizationId: organization.id });
  await database.db.updateTable("users").set({ expertise: [tag] }).where("id", "=", user.id).execute();
  return user;
}

/** What the recognition engine writes: a month bucket of someone's points. */
const monthPoints = (userId: string, periodStart: string, points: number) =>
  database.db.insertInto("recognition_user_points").values({ period: "month", period_start: periodStart, user_id: userId, points }).execute();

beforeAll(async () => {
  database = await createTestDatabase();
  const [first, second, third] = quarterMonthStarts(new Date());
  const lastQuarter = new Date(`${first}T00:00:00Z`);
  lastQuarter.setUTCMonth(lastQuarter.getUTCMonth() - 1);
  const amara = await person("Amara Steady");
  const bruno = await person("Bruno Recent");
  const chloe = await person("Chloe Earlier");
  await person("Dmitri Quiet");
  await monthPoints(amara.id, first!, 10);
  await monthPoints(amara.id, second!, 5);
  await monthPoints(bruno.id, third!, 20);
  await monthPoints(chloe.id, lastQuarter.toISOString().slice(0, 10), 100);
  await database.db
    .insertInto("recognition_profiles")
    .values({ user_id: bruno.id, organization_id: null, vendor_staff: false, joined_at: new Date(), points: 20, level: "contributor", level_rank: 1, level_changed_at: new Date(), updated_at: new Date() })
    .execute();
});
afterAll(async () => {
  await database.close();
});

const search = (query: string) => searchDirectory(database.db, parseDirectoryQuery(new URLSearchParams(`expertise=${tag}&${query}`)));

describe("directory contribution", () => {
  it("knows the three months of a quarter", () => {
    expect(quarterMonthStarts(new Date("2026-11-24T03:00:00Z"))).toEqual(["2026-10-01", "2026-11-01", "2026-12-01"]);
    expect(quarterMonthStarts(new Date("2026-03-31T23:59:00Z"))).toEqual(["2026-01-01", "2026-02-01", "2026-03-01"]);
  });

  it("offers the contribution sort and orders people by this quarter's points, then by name", async () => {
    expect(sortsOf()).toContain("contribution");
    const results = await search("tab=people&sort=contribution");
    // Chloe's points are from last quarter, so she ranks with Dmitri (none), by name.
    expect(results.hits.map((hit) => ("display_name" in hit ? hit.display_name : ""))).toEqual(["Bruno Recent", "Amara Steady", "Chloe Earlier", "Dmitri Quiet"]);
  });

  it("gives each person card their recognition level; no profile yet is a newcomer", async () => {
    const hits = (await search("tab=people&sort=name")).hits as PersonHit[];
    expect(Object.fromEntries(hits.map((hit) => [hit.display_name, hit.level]))).toEqual({
      "Amara Steady": "newcomer",
      "Bruno Recent": "contributor",
      "Chloe Earlier": "newcomer",
      "Dmitri Quiet": "newcomer",
    });
  });
});

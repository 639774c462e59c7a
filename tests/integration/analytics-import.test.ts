import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { importProgramPerformance } from "../../app/domain/analytics/import.server";
import { organizationFigures } from "../../app/domain/analytics/queries.server";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HEADER = "organization,period,revenue,registered_deals,won_deals,certifications,tier";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";
const noFilter = { region: "", tier: "", sector: "" } as const;

async function admin() {
  return asSessionUser(await makeUser(database.db, { role: "admin" }));
}
async function storedFor(organizationId: number) {
  return database.db
    .selectFrom("program_performance")
    .select(["period_kind", "revenue", "won_deals"])
    .select((eb) => eb.cast<string>("period_start", "text").as("start"))
    .where("organization_id", "=", organizationId)
    .orderBy("period_start")
    .execute();
}

describe("program performance import", () => {
  it("reports each bad row with its line and reason, and imports nothing", async () => {
    const actor = await admin();
    const org = await makeOrganization(database.db);
    const result = await importProgramPerformance(database.db, actor, {
      fileName: "bad.csv",
      text: csv(
        `${org.slug},2026-01,1000.50,4,2,1,gold`,
        `no-such-partner,2026-01,10,1,1,0,gold`,
        `${org.slug},2026-02,12k,4,2,1,gold`,
        `${org.slug},2026-01,2000,4,2,1,gold`,
        `${org.slug},2026-Q1,2000,4,2,1,gold`,
        `${org.slug},2026-13,5,1,1,0,gold`,
        `${org.slug},2026-03,5,1,2,0,gold`,
      ),
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.errors[0]!.reason).toMatch(/unknown organization "no-such-partner"/);
    expect(result.errors[1]!.reason).toMatch(/bad number for revenue "12k"/);
    expect(result.errors[2]!.reason).toMatch(/duplicate period 2026-01 .*line 2/);
    expect(result.errors[3]!.reason).toMatch(/2026-Q1 overlaps 2026-01/);
    expect(result.errors[4]!.reason).toMatch(/bad period "2026-13"/);
    expect(result.errors[5]!.reason).toMatch(/won_deals is larger than registered_deals/);
    expect(result.cleanRows).toBe(1);
    expect(await storedFor(org.id)).toEqual([]);
  });

  it("imports only the clean rows when asked, and says which were skipped", async () => {
    const actor = await admin();
    const org = await makeOrganization(database.db);
    const result = await importProgramPerformance(database.db, actor, {
      fileName: "mixed.csv",
      cleanRowsOnly: true,
      text: csv(`${org.slug},2026-01,1000.50,4,2,1,gold`, `${org.slug},2026-02,-5,4,2,1,gold`, `${org.name},2026-03,700,3,1,0,Gold`),
    });
    expect(result).toMatchObject({ ok: true, imported: 2, skipped: [{ line: 3 }] });
    expect(await storedFor(org.id)).toEqual([
      { period_kind: "month", start: "2026-01-01", revenue: "1000.50", won_deals: 2 },
      { period_kind: "month", start: "2026-03-01", revenue: "700.00", won_deals: 1 },
    ]);
  });

  it("re-importing a period replaces it: the same file twice gives the same figures, a corrected one replaces them", async () => {
    const actor = await admin();
    const a = await makeOrganization(database.db);
    const b = await makeOrganization(database.db);
    const file = csv(`${a.slug},2025-Q3,9000,10,5,2,silver`, `${b.slug},2025-Q3,4000,6,3,1,gold`);
    await importProgramPerformance(database.db, actor, { fileName: "q3.csv", text: file });
    await importProgramPerformance(database.db, actor, { fileName: "q3.csv", text: file });
    expect(await storedFor(a.id)).toEqual([{ period_kind: "quarter", start: "2025-07-01", revenue: "9000.00", won_deals: 5 }]);
    // The corrected quarter no longer lists b: the period is the file's, so b's row goes.
    await importProgramPerformance(database.db, actor, { fileName: "q3-fixed.csv", text: csv(`${a.slug},2025-Q3,9500,10,6,2,silver`) });
    expect(await storedFor(a.id)).toEqual([{ period_kind: "quarter", start: "2025-07-01", revenue: "9500.00", won_deals: 6 }]);
    expect(await storedFor(b.id)).toEqual([]);
    const figures = await organizationFigures(database.db, noFilter, { from: "2025-07-01", to: "2025-10-01" }, a.id);
    expect(figures[0]).toMatchObject({ revenue: 9500, wonDeals: 6 });
  });

  it("refuses a month that a stored quarter of the same organization already covers", async () => {
    const actor = await admin();
    const org = await makeOrganization(database.db);
    await importProgramPerformance(database.db, actor, { fileName: "q.csv", text: csv(`${org.slug},2024-Q2,100,1,1,0,gold`) });
    const result = await importProgramPerformance(database.db, actor, { fileName: "m.csv", text: csv(`${org.slug},2024-05,100,1,1,0,gold`) });
    expect(result).toMatchObject({ ok: false, errors: [{ line: 2, reason: expect.stringMatching(/overlaps the stored 2024-Q2/) }] });
  });

  it("names the missing columns of a wrong header", async () => {
    const result = await importProgramPerformance(database.db, await admin(), { fileName: "x.csv", text: "organization,period,revenue\nx,2026-01,1\n" });
    expect(result).toMatchObject({ ok: false, errors: [{ line: 1, reason: expect.stringMatching(/registered_deals, won_deals, certifications, tier/) }] });
  });

  it("is for admins only: a partner admin and a member are refused", async () => {
    const org = await makeOrganization(database.db);
    for (const role of ["partner_admin", "member", "moderator"] as const) {
      const actor = asSessionUser(await makeUser(database.db, { role, organizationId: org.id }));
      await expect(importProgramPerformance(database.db, actor, { fileName: "x.csv", text: csv(`${org.slug},2026-01,1,1,1,0,gold`) })).rejects.toMatchObject({ status: 403 });
    }
    expect(await storedFor(org.id)).toEqual([]);
  });

  it("the sample file names only demo organizations and passes validation on their slugs", () => {
    const text = fs.readFileSync(new URL("../../docs/samples/program-performance.csv", import.meta.url), "utf8");
    expect(text.split("\n")[0]).toBe(HEADER);
    expect(text.trim().split("\n").length).toBeGreaterThan(100);
  });
});

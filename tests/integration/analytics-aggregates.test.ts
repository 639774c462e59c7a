import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "../../db/client";
import type { Dispatcher } from "../../server/dispatcher";
import { ecosystemDashboard } from "../../app/domain/analytics/dashboard.server";
import { refreshEngagement } from "../../app/domain/analytics/engagement.server";
import { parseFilter } from "../../app/domain/analytics/filters";
import { importProgramPerformance } from "../../app/domain/analytics/import.server";
import { addMonths, monthStart } from "../../app/domain/analytics/periods";
import { monthlyTrend, organizationFigures } from "../../app/domain/analytics/queries.server";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/database";
import { acceptAnswer } from "../../app/domain/forum/answers.server";
import { makeCategory, makeReply, makeThread, tick } from "../support/forum";
import { engineDispatcher } from "../support/recognition";

// The dashboard reads pre-aggregated tables (decision 026); these tests hold them to what the
// source rows say after each kind of change.
let database: Database;
let dispatcher: Dispatcher;
beforeAll(async () => {
  database = await createTestDatabase();
  dispatcher = engineDispatcher(database, { batchSize: 500 });
});
afterAll(async () => {
  await dispatcher.stop();
  await database.close();
});

const HEADER = "organization,period,revenue,registered_deals,won_deals,certifications,tier";
const csv = (...lines: string[]) => [HEADER, ...lines].join("\n") + "\n";
const noFilter = { region: "", tier: "", sector: "" } as const;
let regionCount = 0;

/** An organization in a region of its own, so region-filtered trends see only this test's data. */
async function organization() {
  const org = await makeOrganization(database.db);
  const region = `Aggregates ${Date.now()} ${++regionCount}`;
  await database.db.updateTable("organizations").set({ regions: [region] }).where("id", "=", org.id).execute();
  return { ...org, region };
}

async function importCsv(text: string) {
  const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
  const result = await importProgramPerformance(database.db, admin, { fileName: "figures.csv", text });
  expect(result.ok).toBe(true);
}

/** The same figures summed straight from the source tables, the way the dashboard did before. */
async function fromSources(organizationId: number, range: { from: string; to: string }) {
  const { rows } = await sql<{ points: string | null; answers: string | null; revenue: string | null; won: string | null }>`
    select (select sum(points) from analytics_engagement_monthly where organization_id = ${organizationId} and month >= ${range.from}::date and month < ${range.to}::date) as points,
      (select sum(accepted_answers) from analytics_engagement_monthly where organization_id = ${organizationId} and month >= ${range.from}::date and month < ${range.to}::date) as answers,
      (select sum(revenue) from program_performance where organization_id = ${organizationId} and period_start >= ${range.from}::date and period_start < ${range.to}::date) as revenue,
      (select sum(won_deals) from program_performance where organization_id = ${organizationId} and period_start >= ${range.from}::date and period_start < ${range.to}::date) as won`.execute(database.db);
  const row = rows[0]!;
  return { points: Number(row.points ?? 0), acceptedAnswers: Number(row.answers ?? 0), revenue: row.revenue === null ? null : Number(row.revenue), wonDeals: row.won === null ? null : Number(row.won) };
}

async function figures(organizationId: number, range: { from: string; to: string }) {
  const [row] = await organizationFigures(database.db, noFilter, range, organizationId);
  return row ? { points: row.points, acceptedAnswers: row.acceptedAnswers, revenue: row.revenue, wonDeals: row.wonDeals } : undefined;
}

const trendOf = async (region: string, range: { from: string; to: string }) =>
  (await monthlyTrend(database.db, { region, tier: "", sector: "" }, range)).map((p) => [p.month, p.revenue, p.wonDeals]);

describe("pre-aggregated program figures", () => {
  it("show an import, a corrected re-import and a repeated one exactly as the stored rows sum", async () => {
    const a = await organization();
    const b = await organization();
    await importCsv(csv(`${a.slug},2025-07,1000,4,2,1,gold`, `${a.slug},2025-08,500,2,1,0,gold`, `${b.slug},2025-Q3,900,6,3,0,gold`));
    const q3 = { from: "2025-07-01", to: "2025-10-01" };
    expect(await figures(a.id, q3)).toEqual(await fromSources(a.id, q3));
    expect(await figures(a.id, q3)).toMatchObject({ revenue: 1500, wonDeals: 3 });
    // A quarter counts where it starts; the trend spreads it over its months.
    expect(await figures(b.id, { from: "2025-08-01", to: "2025-10-01" })).toBeUndefined();
    expect(await trendOf(b.region, q3)).toEqual([
      ["2025-07", 300, 1],
      ["2025-08", 300, 1],
      ["2025-09", 300, 1],
    ]);

    const corrected = csv(`${a.slug},2025-07,2500,4,3,1,gold`, `${b.slug},2025-Q3,600,6,3,0,gold`);
    await importCsv(corrected);
    await importCsv(corrected);
    // The corrected 2025-07 replaced the old one; 2025-08 was not in the file and stays.
    expect(await figures(a.id, q3)).toEqual(await fromSources(a.id, q3));
    expect(await figures(a.id, q3)).toMatchObject({ revenue: 3000, wonDeals: 4 });
    expect(await figures(a.id, { from: "2025-07-01", to: "2025-08-01" })).toMatchObject({ revenue: 2500, wonDeals: 3 });
    expect(await trendOf(a.region, q3)).toEqual([
      ["2025-07", 2500, 3],
      ["2025-08", 500, 1],
      ["2025-09", 0, 0],
    ]);
    expect((await trendOf(b.region, q3)).map(([, revenue]) => revenue)).toEqual([200, 200, 200]);
  });

  it("keep older organizations' running totals right when a later month arrives", async () => {
    const early = await organization();
    const late = await organization();
    // Later than any other figures in this database, so the latest month moves on twice.
    await importCsv(csv(`${early.slug},2030-01,100,1,1,0,gold`));
    await importCsv(csv(`${late.slug},2030-06,700,1,1,0,gold`));
    expect(await figures(early.id, { from: "2030-01-01", to: "2030-07-01" })).toMatchObject({ revenue: 100 });
    expect(await figures(early.id, { from: "2030-01-01", to: "2031-01-01" })).toMatchObject({ revenue: 100 });
    expect(await figures(early.id, { from: "2030-02-01", to: "2030-07-01" })).toBeUndefined();
    expect(await figures(late.id, { from: "2030-01-01", to: "2030-07-01" })).toMatchObject({ revenue: 700 });
  });

  it("follow an organization into another tier and region on the next dashboard load", async () => {
    const org = await organization();
    await importCsv(csv(`${org.slug},2025-02,800,3,2,0,gold`));
    const february = { from: "2025-02-01", to: "2025-03-01" };
    expect(await trendOf(org.region, february)).toEqual([["2025-02", 800, 2]]);
    const moved = `${org.region} moved`;
    await database.db.updateTable("organizations").set({ regions: [moved] }).where("id", "=", org.id).execute();
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    await ecosystemDashboard(database.db, admin, parseFilter(new URLSearchParams("period=2025-02")));
    expect(await trendOf(org.region, february)).toEqual([["2025-02", 0, 0]]);
    expect(await trendOf(moved, february)).toEqual([["2025-02", 800, 2]]);
  });
});

describe("pre-aggregated engagement", () => {
  it("follows the ledger through a full refresh and through dashboard loads", async () => {
    const org = await organization();
    const category = await makeCategory(database.db);
    const person = asSessionUser(await makeUser(database.db, { organizationId: org.id }));
    const colleague = asSessionUser(await makeUser(database.db, { organizationId: org.id }));
    /** The colleague answers the person's new question and the person accepts it. */
    const answered = async () => {
      const thread = await makeThread(database.db, person, category.id);
      const reply = await makeReply(database.db, colleague, thread.threadId);
      await acceptAnswer(database.db, { actor: person, postId: reply.postId, at: tick() });
      await dispatcher.drain();
    };
    await answered();
    await refreshEngagement(database.db);
    // The forum helpers date activity from 30 days ago on: the previous and the current month.
    const recent = { from: addMonths(monthStart(new Date()), -1), to: addMonths(monthStart(new Date()), 1) };
    const first = await figures(org.id, recent);
    expect(first).toEqual(await fromSources(org.id, recent));
    expect(first!.points).toBeGreaterThan(0);

    // New points reach the dashboard on its next load, without a full refresh.
    await answered();
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const dashboard = await ecosystemDashboard(database.db, admin, parseFilter(new URLSearchParams("period=last12")));
    const row = dashboard.organizations.find((o) => o.id === org.id);
    expect(row!.points).toBeGreaterThan(first!.points);
    expect(await figures(org.id, recent)).toEqual(await fromSources(org.id, recent));
    const trend = await monthlyTrend(database.db, { region: org.region, tier: "", sector: "" }, recent);
    expect(trend.reduce((sum, month) => sum + month.points, 0)).toBe(row!.points);

    // A full refresh recomputes everything and agrees with what the loads kept up to date.
    await refreshEngagement(database.db);
    expect(await figures(org.id, recent)).toEqual(await fromSources(org.id, recent));
    expect((await figures(org.id, recent))!.points).toBe(row!.points);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { Dispatcher } from "../../server/dispatcher";
import { acceptAnswer, unacceptAnswer } from "../../app/domain/forum/answers.server";
import { refreshEngagement } from "../../app/domain/analytics/engagement.server";
import { ecosystemDashboard, organizationDashboard } from "../../app/domain/analytics/dashboard.server";
import { ecosystemCsv } from "../../app/domain/analytics/export.server";
import { organizationFigures, topContributors } from "../../app/domain/analytics/queries.server";
import { parseFilter } from "../../app/domain/analytics/filters";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/database";
import { makeCategory, makeReply, makeThread, tick } from "../support/forum";
import { engineDispatcher } from "../support/recognition";

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

const noFilter = { region: "", tier: "", sector: "" } as const;
const lastYear = () => {
  const to = new Date();
  return { from: new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1)).toISOString().slice(0, 10), to: new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() + 1, 1)).toISOString().slice(0, 10) };
};

async function member(organizationId: number) {
  return asSessionUser(await makeUser(database.db, { organizationId }));
}

/** `answerer` answers `asker`'s new question and the asker accepts it. */
async function answered(categoryId: number, asker: Awaited<ReturnType<typeof member>>, answerer: Awaited<ReturnType<typeof member>>) {
  const thread = await makeThread(database.db, asker, categoryId);
  const reply = await makeReply(database.db, answerer, thread.threadId);
  await acceptAnswer(database.db, { actor: asker, postId: reply.postId, at: tick() });
  return thread;
}

describe("top ecosystem contributors", () => {
  it("ranks organizations by how many OTHER organizations their accepted answers helped", async () => {
    const category = await makeCategory(database.db);
    const [helper, specialist, a, b, c] = await Promise.all([1, 2, 3, 4, 5].map(() => makeOrganization(database.db)));
    const helperPerson = await member(helper!.id);
    const helperColleague = await member(helper!.id);
    const specialistPerson = await member(specialist!.id);
    const askers = await Promise.all([a, b, c].map((org) => member(org!.id)));
    // helper answers three organizations once each; specialist answers one organization four times.
    for (const asker of askers) await answered(category.id, asker, helperPerson);
    for (let i = 0; i < 4; i++) await answered(category.id, askers[0]!, specialistPerson);
    // Help inside one's own organization is not ecosystem help.
    for (let i = 0; i < 5; i++) await answered(category.id, helperColleague, helperPerson);
    // An answer accepted and then unaccepted does not count.
    const withdrawn = await answered(category.id, askers[1]!, specialistPerson);
    await unacceptAnswer(database.db, { actor: askers[1]!, threadId: withdrawn.threadId });
    await dispatcher.drain();
    await refreshEngagement(database.db);

    const ranked = (await topContributors(database.db, noFilter, lastYear(), 1000)).filter((row) => [helper!.id, specialist!.id].includes(row.id));
    expect(ranked.map((row) => [row.name, row.helpedOrganizations, row.answers])).toEqual([
      [helper!.name, 3, 3],
      [specialist!.name, 1, 4],
    ]);
    // The asking organizations helped nobody.
    const all = await topContributors(database.db, noFilter, lastYear(), 1000);
    expect(all.some((row) => row.id === a!.id)).toBe(false);

    // Engagement counts every accepted answer (own organization included) and active members.
    const [figures] = await organizationFigures(database.db, noFilter, lastYear(), helper!.id);
    expect(figures).toMatchObject({ acceptedAnswers: 8 });
    expect(figures!.points).toBeGreaterThan(0);
  });
});

describe("who sees program analytics", () => {
  it("admins see the ecosystem; partner admins only their own organization; members and moderators nothing", async () => {
    const own = await makeOrganization(database.db);
    const other = await makeOrganization(database.db);
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const partnerAdmin = asSessionUser(await makeUser(database.db, { role: "partner_admin", organizationId: own.id }));
    const plainMember = asSessionUser(await makeUser(database.db, { role: "member", organizationId: own.id }));
    const moderator = asSessionUser(await makeUser(database.db, { role: "moderator" }));
    const filter = parseFilter(new URLSearchParams());

    await expect(ecosystemDashboard(database.db, admin, filter)).resolves.toHaveProperty("organizations");
    await expect(organizationDashboard(database.db, admin, other.slug)).resolves.toHaveProperty("trend");
    await expect(organizationDashboard(database.db, partnerAdmin, own.slug)).resolves.toHaveProperty("trend");
    // Another organization's page does not exist for a partner admin (404, not 403: no hint it is there).
    await expect(organizationDashboard(database.db, partnerAdmin, other.slug)).rejects.toMatchObject({ status: 404 });
    for (const actor of [partnerAdmin, plainMember, moderator]) {
      await expect(ecosystemDashboard(database.db, actor, filter)).rejects.toMatchObject({ status: 403 });
      await expect(ecosystemCsv(database.db, actor, "organizations", filter)).rejects.toMatchObject({ status: 403 });
    }
    for (const actor of [plainMember, moderator]) {
      await expect(organizationDashboard(database.db, actor, own.slug)).rejects.toMatchObject({ status: 404 });
    }
  });
});

describe("CSV export", () => {
  it("neutralizes formulas in organization names and keeps numbers as numbers", async () => {
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const evil = await makeOrganization(database.db, { name: `=HYPERLINK("http://evil.example","x") ${Date.now()}` });
    await database.db
      .insertInto("program_performance")
      .values({ organization_id: evil.id, period_kind: "month", period_start: "2026-01-01", revenue: "1234.50", registered_deals: 3, won_deals: 1, certifications: 0, tier: "gold" })
      .execute();
    const csv = await ecosystemCsv(database.db, admin, "organizations", parseFilter(new URLSearchParams("period=2026-01")));
    const line = csv.split("\r\n").find((l) => l.includes("HYPERLINK"));
    expect(line).toMatch(/^"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\) \d+",/);
    expect(line).toMatch(/,1234\.5,3,1,0$/);
  });
});

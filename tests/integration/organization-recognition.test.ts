import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { Dispatcher } from "../../server/dispatcher";
import { organizationRecognition } from "../../app/domain/directory/organization-recognition.server";
import { loader as organizationPage } from "../../app/routes/orgs.$slug";
import { loader as organizationsIndex } from "../../app/routes/orgs._index";
import { enrol, makeCouncil, requestContext, viewer, visit } from "../support/councils";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";
import { emit, engineDispatcher } from "../support/recognition";

/**
 * An organization's page shows its recognition: points (all time and this month) as the engine
 * sums them for the organization, and badges its people hold, counted per badge. Council work
 * adds to the sums but nothing on the page says what it was.
 */
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

const now = new Date();
const earlier = new Date(Date.UTC(now.getUTCFullYear() - 1, 0, 15, 12));
const hex = () => unique("x").slice(2);
const thread = (authorId: string, at: Date) => emit(database.db, "forum.thread_created", { threadId: hex(), postId: hex(), categoryId: 1, authorId }, at);

describe("organization recognition", () => {
  it("sums its members' points for all time and this month, and counts the badges its people hold", async () => {
    const organization = await makeOrganization(database.db);
    const [ana, ben] = [await makeUser(database.db, { organizationId: organization.id }), await makeUser(database.db, { organizationId: organization.id })];
    const outsider = await makeUser(database.db, { organizationId: (await makeOrganization(database.db)).id });
    await thread(ana.id, earlier); // 5 points last year, and the "First post" badge
    await thread(ana.id, now); // 5 this month
    await thread(ben.id, now); // 5 this month, and "First post"
    await thread(outsider.id, now);
    await dispatcher.drain();

    const recognition = await organizationRecognition(database.db, null, organization.id, now);
    expect(recognition).toEqual({
      points: { allTime: 15, thisMonth: 10 },
      badges: [{ badge: "first-post", name: "First post", description: expect.any(String), holders: 2 }],
    });
    const quiet = await makeOrganization(database.db);
    expect(await organizationRecognition(database.db, null, quiet.id, now)).toEqual({ points: { allTime: 0, thisMonth: 0 }, badges: [] });
  });

  it("counts council work in the points without naming anything of the council on the page, for visitors and members alike", async () => {
    const organization = await makeOrganization(database.db);
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const councillor = await makeUser(database.db, { organizationId: organization.id });
    const colleague = asSessionUser(await makeUser(database.db, { organizationId: organization.id }));
    const councilName = unique("Secret Advisory Council");
    const council = await makeCouncil(database.db, admin, councilName);
    await enrol(database.db, admin, council.id, councillor);
    const proposalId = unique("proposal");
    await emit(database.db, "council.proposal_authored", { councilId: council.id, proposalId, authorId: councillor.id }, now);
    await dispatcher.drain();

    const slug = (await database.db.selectFrom("organizations").select("slug").where("id", "=", organization.id).executeTakeFirstOrThrow()).slug;
    for (const reader of [null, colleague]) {
      const page = await visit(organizationPage, { context: requestContext(database.db, reader), params: { slug }, path: `/orgs/${slug}` });
      expect(page.status).toBe(200);
      const data = JSON.parse(page.body) as { recognition: { points: { allTime: number; thisMonth: number }; badges: { name: string; holders: number }[] } };
      expect(data.recognition.points).toEqual({ allTime: 10, thisMonth: 10 });
      expect(data.recognition.badges).toContainEqual(expect.objectContaining({ name: "Council contributor", holders: 1 }));
      expect(page.body).not.toContain(councilName);
      expect(page.body).not.toContain(council.id);
      expect(page.body).not.toContain(proposalId);
    }
    // The councillor's own view of their colleague's organization is the same totals.
    const member = await viewer(database.db, councillor);
    expect(await organizationRecognition(database.db, member, organization.id, now)).toMatchObject({ points: { allTime: 10, thisMonth: 10 } });
  });

  it("sends signed-in people from the old partner list to the directory's organizations; visitors keep the public list", async () => {
    const member = asSessionUser(await makeUser(database.db, { organizationId: (await makeOrganization(database.db)).id }));
    const signedIn = await visit(organizationsIndex, { context: requestContext(database.db, member), path: "/orgs" });
    expect(signedIn.status).toBe(302);
    const redirected = await organizationsIndex({ request: new Request("http://localhost/orgs"), params: {}, context: requestContext(database.db, member) }).catch((response: Response) => response);
    expect((redirected as Response).headers.get("Location")).toBe("/directory?tab=organizations");
    const visitor = await visit(organizationsIndex, { context: requestContext(database.db, null), path: "/orgs" });
    expect(visitor.status).toBe(200);
    expect(JSON.parse(visitor.body)).toHaveProperty("organizations");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { decisionLog } from "../../app/domain/councils/proposals.server";
import { listCouncils } from "../../app/domain/councils/councils.server";
import { loadMeeting } from "../../app/domain/councils/meetings.server";
import { myActionItems } from "../../app/domain/councils/actions.server";
import { searchPosts } from "../../app/domain/forum/search.server";
import { seedCouncils } from "../../db/seed/councils";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser } from "../support/factories";
import { render } from "../support/forum";
import { viewer } from "../support/councils";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("demo council", () => {
  it("builds the Partner Advisory Council through the domain: members, a private thread, a meeting with minutes, a decision", async () => {
    const db = database.db;
    const organization = await makeOrganization(db);
    await makeUser(db, { role: "admin", email: "admin-seed@example.test" });
    const chairRow = await makeUser(db, { organizationId: organization.id, email: "council@demo.partners.test" });
    for (let i = 0; i < 3; i++) await makeUser(db, { organizationId: organization.id });
    const outsiderRow = await makeUser(db, { organizationId: organization.id, email: "zz-outsider@example.test" });

    expect(await seedCouncils(db, { render })).toEqual({ councils: 1, members: 4, replies: 3 });
    const chair = await viewer(db, chairRow);
    const [council] = await listCouncils(db, chair);
    expect(council).toMatchObject({ name: "Partner Advisory Council", role: "chair" });
    const [decision] = await decisionLog(db, chair, council!.id);
    expect(decision).toMatchObject({ outcome: "Yes", turnout: 4, eligible: 4 });
    const meeting = await loadMeeting(db, chair, decision!.meeting_id!);
    expect(meeting.agenda).toHaveLength(3);
    expect(meeting.meeting.minutes_published_at).not.toBeNull();
    expect(meeting.quorum.reached).toBe(true);
    expect(await myActionItems(db, chair)).toHaveLength(1);
    expect((await searchPosts(db, chair, { query: "allocation model" })).results.length).toBeGreaterThan(0);

    const outsider = await viewer(db, outsiderRow);
    expect(await listCouncils(db, outsider)).toEqual([]);
    expect((await searchPosts(db, outsider, { query: "allocation model" })).results).toEqual([]);
  });
});

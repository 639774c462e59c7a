import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { getUser } from "../../app/domain/accounts/users.server";
import { decideJoinRequest, listPendingRequests, requestToJoin } from "../../app/domain/organizations/join-requests.server";
import { DomainError } from "../../app/domain/errors";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser } from "../support/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const fileRequest = (userId: string, organizationId: number) =>
  database.db.transaction().execute((trx) => requestToJoin(trx, { userId, organizationId, message: "We resell your platform in Lisbon." }));

describe("join requests", () => {
  it("makes the person a member when the partner admin approves", async () => {
    const organization = await makeOrganization(database.db);
    const partnerAdmin = await makeUser(database.db, { role: "partner_admin", organizationId: organization.id });
    const applicant = await makeUser(database.db);
    const request = await fileRequest(applicant.id, organization.id);
    expect((await listPendingRequests(database.db, organization.id)).map((r) => r.id)).toEqual([request.id]);

    await decideJoinRequest(database.db, { requestId: request.id, organizationId: organization.id, decision: "approved", actorId: partnerAdmin.id });
    expect((await getUser(database.db, applicant.id)).organization_id).toBe(organization.id);
    expect(await listPendingRequests(database.db, organization.id)).toEqual([]);
    const events = await database.db.selectFrom("outbox_events").select("type").where("actor_id", "=", partnerAdmin.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["organization.member_joined", "join_request.decided"]));
  });

  it("answers a request only once", async () => {
    const organization = await makeOrganization(database.db);
    const partnerAdmin = await makeUser(database.db, { role: "partner_admin", organizationId: organization.id });
    const applicant = await makeUser(database.db);
    const request = await fileRequest(applicant.id, organization.id);
    await decideJoinRequest(database.db, { requestId: request.id, organizationId: organization.id, decision: "declined", actorId: partnerAdmin.id });
    await expect(
      decideJoinRequest(database.db, { requestId: request.id, organizationId: organization.id, decision: "approved", actorId: partnerAdmin.id }),
    ).rejects.toMatchObject({ status: 409 });
    expect((await getUser(database.db, applicant.id)).organization_id).toBeNull();
  });

  it("does not let one organization answer another's request", async () => {
    const mine = await makeOrganization(database.db);
    const theirs = await makeOrganization(database.db);
    const partnerAdmin = await makeUser(database.db, { role: "partner_admin", organizationId: mine.id });
    const applicant = await makeUser(database.db);
    const request = await fileRequest(applicant.id, theirs.id);
    const refusal = await decideJoinRequest(database.db, { requestId: request.id, organizationId: mine.id, decision: "approved", actorId: partnerAdmin.id }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal.status).toBe(404);
  });

  it("keeps one pending request per person and refuses members", async () => {
    const first = await makeOrganization(database.db);
    const second = await makeOrganization(database.db);
    const applicant = await makeUser(database.db);
    await fileRequest(applicant.id, first.id);
    await expect(fileRequest(applicant.id, second.id)).rejects.toMatchObject({ status: 409 });
    const member = await makeUser(database.db, { organizationId: first.id });
    await expect(fileRequest(member.id, second.id)).rejects.toMatchObject({ status: 409 });
  });
});

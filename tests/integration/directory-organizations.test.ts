import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createOrganizationAsAdmin, moveMember, updateOrganization } from "../../app/domain/organizations/editing.server";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const profile = { description: "Grant-funded CRM roll-outs.", website: "https://harbor.example", regions: "EMEA", countries: "Ireland, Portugal", specializations: "CRM implementation", communitySector: "on", segments: ["nonprofits"] };

describe("editing organizations", () => {
  it("lets a partner admin edit their own organization's profile, audited, but not its tier or name", async () => {
    const organization = await makeOrganization(database.db);
    const partnerAdmin = asSessionUser(await makeUser(database.db, { role: "partner_admin", organizationId: organization.id }));
    const updated = await updateOrganization(database.db, partnerAdmin, organization.id, { ...profile, name: "Renamed", tier: "platinum" });
    expect(updated).toMatchObject({ name: organization.name, tier: "gold", countries: ["Ireland", "Portugal"], segments: ["nonprofits"], community_sector: true });
    const audit = await database.db.selectFrom("audit_log").selectAll().where("target_id", "=", String(organization.id)).where("action", "=", "organization.update").executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(partnerAdmin.id);
  });

  it("hides another organization from a partner admin and refuses members", async () => {
    const mine = await makeOrganization(database.db);
    const theirs = await makeOrganization(database.db);
    const partnerAdmin = asSessionUser(await makeUser(database.db, { role: "partner_admin", organizationId: mine.id }));
    const member = asSessionUser(await makeUser(database.db, { organizationId: mine.id }));
    await expect(updateOrganization(database.db, partnerAdmin, theirs.id, profile)).rejects.toMatchObject({ status: 404 });
    await expect(updateOrganization(database.db, member, mine.id, profile)).rejects.toMatchObject({ status: 404 });
  });

  it("answers bad input at the field and changes nothing", async () => {
    const organization = await makeOrganization(database.db);
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    await expect(updateOrganization(database.db, admin, organization.id, { ...profile, name: organization.name, tier: "gold", website: "not a url" })).rejects.toMatchObject({ status: 400, field: "website" });
    await expect(updateOrganization(database.db, admin, organization.id, { ...profile, name: organization.name, tier: "diamond" })).rejects.toMatchObject({ status: 400, field: "tier" });
    const row = await database.db.selectFrom("organizations").select("description").where("id", "=", organization.id).executeTakeFirstOrThrow();
    expect(row.description).toBe("");
  });

  it("lets admins set the tier and create organizations, refusing a duplicate name", async () => {
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const name = unique("Harbor Civic");
    const created = await createOrganizationAsAdmin(database.db, admin, { ...profile, name, tier: "silver", certifications: "CRM Implementation Expert" });
    expect(created).toMatchObject({ name, tier: "silver", certifications: ["CRM Implementation Expert"] });
    await expect(createOrganizationAsAdmin(database.db, admin, { ...profile, name, tier: "silver" })).rejects.toMatchObject({ status: 409, field: "name" });
    const partnerAdmin = asSessionUser(await makeUser(database.db, { role: "partner_admin", organizationId: created.id }));
    await expect(createOrganizationAsAdmin(database.db, partnerAdmin, { ...profile, name: unique("Other"), tier: "gold" })).rejects.toMatchObject({ status: 403 });
  });

  it("lets only admins move people, with an audit row and membership events", async () => {
    const from = await makeOrganization(database.db);
    const to = await makeOrganization(database.db);
    const admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
    const person = await makeUser(database.db, { role: "partner_admin", organizationId: from.id });
    const partnerAdmin = asSessionUser(await makeUser(database.db, { role: "partner_admin", organizationId: to.id }));
    await expect(moveMember(database.db, partnerAdmin, { handle: person.handle, organizationId: String(to.id) })).rejects.toMatchObject({ status: 403 });

    await moveMember(database.db, admin, { handle: `@${person.handle}`, organizationId: String(to.id), reason: "Changed employer" });
    const moved = await database.db.selectFrom("users").select(["organization_id", "role"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(moved).toEqual({ organization_id: to.id, role: "member" });
    const audit = await database.db.selectFrom("audit_log").selectAll().where("target_id", "=", person.id).where("action", "=", "organization.move_member").executeTakeFirstOrThrow();
    expect(audit.reason).toBe("Changed employer");
    const events = await database.db.selectFrom("outbox_events").select("type").where("actor_id", "=", admin.id).execute();
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["organization.member_left", "organization.member_joined"]));

    await expect(moveMember(database.db, admin, { handle: person.handle, organizationId: String(to.id) })).rejects.toMatchObject({ status: 409 });
    await expect(moveMember(database.db, admin, { handle: "nobody-here", organizationId: String(to.id) })).rejects.toMatchObject({ status: 404, field: "handle" });
  });
});

import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { authorize, can } from "../policy.server";
import { slugify } from "./organizations.server";
import {
  organizationAdminSchema,
  organizationProfileSchema,
  moveMemberSchema,
  type OrganizationAdminInput,
  type OrganizationProfileInput,
} from "./validation";

const profileColumns = (input: OrganizationProfileInput) => ({
  description: input.description,
  website: input.website,
  regions: input.regions,
  countries: input.countries,
  specializations: input.specializations,
  community_sector: input.communitySector,
  segments: input.communitySector ? input.segments : [],
});

/**
 * Partner admins edit their own organization's profile; admins edit any, including the fields
 * the vendor owns (name, tier, certifications). Every change is audited with before and after.
 */
export async function updateOrganization(db: Kysely<DB>, actor: SessionUser, organizationId: number, raw: unknown, now = new Date()) {
  authorize(actor, "organization.manage", { id: organizationId }, { hide: true });
  const asAdmin = can(actor, "organization.create");
  const parsed = (asAdmin ? organizationAdminSchema : organizationProfileSchema).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
  }
  return db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("organizations").selectAll().where("id", "=", organizationId).forUpdate().executeTakeFirst();
    if (!before) throw notFound("That organization");
    const changes = asAdmin
      ? { ...profileColumns(parsed.data), name: (parsed.data as OrganizationAdminInput).name, tier: (parsed.data as OrganizationAdminInput).tier, certifications: (parsed.data as OrganizationAdminInput).certifications }
      : profileColumns(parsed.data);
    const after = await trx.updateTable("organizations").set(changes).where("id", "=", organizationId).returningAll().executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organization.update",
      targetType: "organization",
      targetId: String(organizationId),
      before: pick(before, Object.keys(changes)),
      after: pick(after, Object.keys(changes)),
    });
    await appendEvent(trx, { type: "organization.updated", actorId: actor.id, payload: { organizationId }, occurredAt: now });
    return after;
  });
}

/** Admins add organizations from the directory's admin page; the slug comes from the name. */
export async function createOrganizationAsAdmin(db: Kysely<DB>, actor: SessionUser, raw: unknown, now = new Date()) {
  authorize(actor, "organization.create", undefined);
  const parsed = organizationAdminSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
  }
  const input = parsed.data;
  const slug = slugify(input.name);
  if (!slug) throw new DomainError("Use letters or digits in the name.", 400, "name");
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirst();
    if (taken) throw new DomainError("An organization with this name already exists.", 409, "name");
    const organization = await trx
      .insertInto("organizations")
      .values({ slug, name: input.name, tier: input.tier, certifications: input.certifications, ...profileColumns(input) })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: "organization.create", targetType: "organization", targetId: String(organization.id), after: { name: organization.name, tier: organization.tier } });
    await appendEvent(trx, { type: "organization.created", actorId: actor.id, payload: { organizationId: organization.id }, occurredAt: now });
    return organization;
  });
}

/**
 * Admins move a person to another organization (or to none). A partner admin who moves keeps
 * no admin rights over the old organization: they become a member.
 */
export async function moveMember(db: Kysely<DB>, actor: SessionUser, raw: unknown, now = new Date()) {
  authorize(actor, "organization.moveMember", undefined);
  const parsed = moveMemberSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError(issue.message, 400, String(issue.path[0] ?? "form"));
  }
  const { handle, organizationId, reason } = parsed.data;
  return db.transaction().execute(async (trx) => {
    const person = await trx
      .selectFrom("users")
      .select(["id", "organization_id", "role", "display_name"])
      .where((eb) => eb(eb.fn("lower", ["handle"]), "=", handle.toLowerCase()))
      .forUpdate()
      .executeTakeFirst();
    if (!person) throw new DomainError("Nobody has that handle.", 404, "handle");
    if (organizationId !== null) {
      const target = await trx.selectFrom("organizations").select("id").where("id", "=", organizationId).executeTakeFirst();
      if (!target) throw new DomainError("Choose an organization from the list.", 400, "organizationId");
    }
    if (person.organization_id === organizationId) throw new DomainError(`${person.display_name} is already there.`, 409, "organizationId");
    const role = person.role === "partner_admin" ? "member" : person.role;
    await trx.updateTable("users").set({ organization_id: organizationId, role, updated_at: now }).where("id", "=", person.id).execute();
    await recordAudit(trx, {
      actorId: actor.id,
      action: "organization.move_member",
      targetType: "user",
      targetId: person.id,
      reason: reason || null,
      before: { organizationId: person.organization_id, role: person.role },
      after: { organizationId, role },
    });
    if (person.organization_id !== null) {
      await appendEvent(trx, { type: "organization.member_left", actorId: actor.id, payload: { userId: person.id, organizationId: person.organization_id }, occurredAt: now });
    }
    if (organizationId !== null) {
      await appendEvent(trx, { type: "organization.member_joined", actorId: actor.id, payload: { userId: person.id, organizationId, via: "admin" }, occurredAt: now });
    }
    return { userId: person.id, from: person.organization_id, to: organizationId };
  });
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((key) => [key, row[key]]));
}

import type { Kysely, Transaction } from "kysely";
import type { DB, PartnerTier } from "../../../db/schema";
import { notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";

type Db = Kysely<DB> | Transaction<DB>;

export interface NewOrganizationInput {
  name: string;
  tier: PartnerTier;
  regions?: string[];
  countries?: string[];
  specializations?: string[];
  certifications?: string[];
  communitySector?: boolean;
  segments?: string[];
  website?: string | null;
  description?: string;
}

export function slugify(name: string) {
  return name
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 60);
}

export async function createOrganization(db: Kysely<DB>, input: NewOrganizationInput, actorId: string | null) {
  return db.transaction().execute(async (trx) => {
    const organization = await trx
      .insertInto("organizations")
      .values({
        slug: slugify(input.name),
        name: input.name,
        tier: input.tier,
        regions: input.regions ?? [],
        countries: input.countries ?? [],
        specializations: input.specializations ?? [],
        certifications: input.certifications ?? [],
        community_sector: input.communitySector ?? false,
        segments: input.segments ?? [],
        website: input.website ?? null,
        description: input.description ?? "",
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: "organization.created",
      actorId,
      payload: { organizationId: organization.id },
    });
    return organization;
  });
}

export async function listOrganizationChoices(db: Db) {
  return db.selectFrom("organizations").select(["id", "name", "slug"]).orderBy("name").execute();
}

export async function getOrganizationBySlug(db: Db, slug: string) {
  const organization = await db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
  if (!organization) throw notFound("That organization");
  return organization;
}

export async function getOrganization(db: Db, id: number) {
  const organization = await db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
  if (!organization) throw notFound("That organization");
  return organization;
}

export async function listOrganizations(db: Db) {
  return db
    .selectFrom("organizations")
    .leftJoin("users", "users.organization_id", "organizations.id")
    .select((eb) => [
      "organizations.id",
      "organizations.slug",
      "organizations.name",
      "organizations.tier",
      "organizations.regions",
      "organizations.community_sector",
      "organizations.segments",
      eb.fn.count<number>("users.id").as("member_count"),
    ])
    .groupBy("organizations.id")
    .orderBy("organizations.name")
    .execute();
}

export async function listMembers(db: Db, organizationId: number) {
  return db
    .selectFrom("users")
    .select(["id", "display_name", "handle", "title", "role"])
    .where("organization_id", "=", organizationId)
    .orderBy("display_name")
    .execute();
}

/** Sets the user's organization and records how they joined, inside the caller's transaction. */
export async function addMember(
  trx: Transaction<DB>,
  input: { userId: string; organizationId: number; via: "invitation" | "join_request" | "admin"; actorId: string },
) {
  await trx
    .updateTable("users")
    .set({ organization_id: input.organizationId, updated_at: new Date() })
    .where("id", "=", input.userId)
    .execute();
  await appendEvent(trx, {
    type: "organization.member_joined",
    actorId: input.actorId,
    payload: { userId: input.userId, organizationId: input.organizationId, via: input.via },
  });
}

/**
 * Organizations, people (all sharing one argon2 hash: hashing 100,000 passwords would take
 * longer than the whole forum), categories and mentor profiles, with the sign-up and
 * organization events the live code writes for them. Inserted as ordinary rows, so the
 * directory's statement triggers index the people as they would for real sign-ups.
 */
import { sql, type Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { hashPassword } from "../../app/domain/accounts/passwords.server";
import { insertEvents } from "../seed";
import type { Community } from "./history";
import type { ForumSeedSize } from "./size";

const DAY = 86_400_000;
const REGIONS = ["North America", "EMEA", "APAC", "LATAM"];
const TIERS = ["registered", "silver", "gold", "platinum"] as const;
const FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatima", "Goran", "Hana", "Ines", "Jon", "Kofi", "Lena", "Mateo", "Nia", "Omar", "Priya"];
const LAST = ["Smith", "Garcia", "Tanaka", "Müller", "Okafor", "Lindqvist", "Haddad", "Rossi", "Kim", "Silva", "Novak", "Dubois"];
/** Everyone the seed creates logs in with this password (the one shared hash). */
export const SEED_PASSWORD = "bench-password-1";
const CATEGORIES: Array<{ name: string; visibility: "public" | "members"; sector?: boolean }> = [
  { name: "Announcements", visibility: "public" },
  { name: "Getting started", visibility: "public" },
  { name: "Integrations and APIs", visibility: "public" },
  { name: "Licensing and pricing", visibility: "public" },
  { name: "Data and analytics", visibility: "public" },
  { name: "Security and identity", visibility: "public" },
  { name: "Nonprofit and community sector", visibility: "public", sector: true },
  { name: "Implementation stories", visibility: "public" },
  { name: "Events and webinars", visibility: "public" },
  { name: "Partner programme (members)", visibility: "members" },
  { name: "Deal desk (members)", visibility: "members" },
  { name: "Roadmap feedback (members)", visibility: "members", sector: true },
];

async function insertInChunks(rows: number, chunk: number, insert: (from: number, to: number) => Promise<unknown>) {
  for (let from = 0; from < rows; from += chunk) await insert(from, Math.min(rows, from + chunk));
}

export async function createCommunity(db: Kysely<DB>, size: ForumSeedSize, options: { next: () => number; from: Date }): Promise<Community> {
  const { next } = options;
  const organizationsFrom = options.from.getTime() - 500 * DAY;
  const organizations = Array.from({ length: size.organizations }, (_, i) => ({
    slug: `bench-org-${i}`,
    name: `Bench Partner ${i}`,
    tier: TIERS[Math.floor(next() * TIERS.length)]!,
    region: REGIONS[i % REGIONS.length]!,
    sector: i % 5 === 0,
    createdAt: new Date(organizationsFrom + Math.floor((100 * DAY * i) / size.organizations)),
  }));
  const idBySlug = new Map<string, number>();
  await insertInChunks(organizations.length, 5000, async (from, to) => {
    const part = organizations.slice(from, to);
    const { rows } = await sql<{ id: number; slug: string }>`insert into organizations (slug, name, tier, regions, community_sector, segments, description, created_at)
      select s, n, t, array[r], c, case when c then array['nonprofits'] else '{}' end, 'A bench partner organization.', at
      from unnest(${part.map((o) => o.slug)}::text[], ${part.map((o) => o.name)}::text[], ${part.map((o) => o.tier)}::text[],
                  ${part.map((o) => o.region)}::text[], ${part.map((o) => o.sector)}::boolean[], ${part.map((o) => o.createdAt.toISOString())}::timestamptz[])
        as x(s, n, t, r, c, at)
      returning id, slug`.execute(db);
    for (const row of rows) idBySlug.set(row.slug, row.id);
  });
  const organizationIds = organizations.map((o) => idBySlug.get(o.slug)!);
  await insertEvents(
    db,
    organizations.map((o, i) => ({ type: "organization.created", payload: { organizationId: organizationIds[i]! }, actorId: null, occurredAt: o.createdAt })),
    { dispatched: true },
  );

  const passwordHash = await hashPassword(SEED_PASSWORD);
  const peopleFrom = options.from.getTime() - 400 * DAY;
  const people = Array.from({ length: size.people }, (_, i) => ({
    id: `bench-user-${i.toString().padStart(7, "0")}`,
    // Person 0 is vendor staff and moderates; everyone else belongs to a partner organization.
    organizationId: i === 0 ? null : organizationIds[Math.floor(next() * organizationIds.length)]!,
    name: `${FIRST[Math.floor(next() * FIRST.length)]} ${LAST[Math.floor(next() * LAST.length)]} ${i}`,
    region: REGIONS[Math.floor(next() * REGIONS.length)]!,
    joinedAt: new Date(peopleFrom + Math.floor((400 * DAY * i) / size.people)),
  }));
  await insertInChunks(people.length, 5000, (from, to) => {
    const part = people.slice(from, to);
    return sql`insert into users (id, email, handle, display_name, password_hash, role, organization_id, is_vendor_staff, region, created_at, updated_at)
      select id, 'bench-' || h || '@bench.example', 'bench-' || h, n, ${passwordHash}, case when h = 0 then 'moderator' else 'member' end, o, h = 0, r, at, at
      from unnest(${part.map((p) => p.id)}::text[], ${part.map((_, i) => from + i)}::int[], ${part.map((p) => p.name)}::text[],
                  ${part.map((p) => p.organizationId)}::int[], ${part.map((p) => p.region)}::text[], ${part.map((p) => p.joinedAt.toISOString())}::timestamptz[])
        as x(id, h, n, o, r, at)`.execute(db);
  });
  await insertEvents(
    db,
    people.map((p, i) => ({
      type: "user.signed_up",
      payload: { userId: p.id, organizationId: p.organizationId, ...(i === 0 ? { isVendorStaff: true } : {}) },
      actorId: p.id,
      occurredAt: p.joinedAt,
    })),
    { dispatched: true },
  );

  // One person in twenty offers mentoring.
  const mentors = people.filter((_, i) => i > 0 && i % 20 === 1).map((p) => p.id);
  await insertInChunks(mentors.length, 5000, (from, to) =>
    db.insertInto("mentor_profiles").values(mentors.slice(from, to).map((user_id) => ({ user_id, capacity: 3, topics: ["Data & analytics"], languages: ["English"], segments: [], updated_at: options.from }))).execute(),
  );

  const categories = await db
    .insertInto("categories")
    .values(CATEGORIES.map((c, i) => ({ slug: c.name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, ""), name: c.name, position: i, visibility: c.visibility, community_sector: c.sector ?? false })))
    .returning("id")
    .execute();
  return { people: people.map((p) => p.id), mentors, categories: categories.map((c) => c.id) };
}

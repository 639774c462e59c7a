import { sql, type Kysely } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { Actor } from "../policy.server";
import { avatarIdColumn } from "../uploads/avatars.server";
import { periodStart, periods, type RecognitionPeriod } from "./periods";

/**
 * Leaderboards read the engine's maintained aggregates (recognition_user_points /
 * recognition_org_points), never the ledger: one index range scan on
 * (period, period_start, points desc, id) per page, whatever the ledger's size.
 */
export const LEADERBOARD_PAGE_SIZE = 50;

/** The bucket's first day as a SQL date (a string compared to a date column, not a JS Date in some zone). */
const startOf = (period: RecognitionPeriod, now: Date) => sql<Date>`cast(${periodStart(period, now)} as date)`;

export const leaderboardFiltersSchema = z.object({
  board: z.enum(["people", "organizations"]).catch("people"),
  period: z.enum(periods as [RecognitionPeriod, ...RecognitionPeriod[]]).catch("week"),
  region: z.string().trim().max(50).catch("").transform((value) => value || null),
  // "community": only people (and organizations) whose organization works with the community sector.
  sector: z.enum(["any", "community"]).catch("any"),
  // Vendor staff are left out by default: the board is about partners.
  staff: z.enum(["exclude", "include"]).catch("exclude"),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type LeaderboardFilters = z.output<typeof leaderboardFiltersSchema>;

/** Filters from a query string; anything unknown falls back to the default instead of failing. */
export function leaderboardFiltersFrom(params: URLSearchParams): LeaderboardFilters {
  return leaderboardFiltersSchema.parse(Object.fromEntries(params));
}

export interface PersonStanding {
  rank: number;
  userId: string;
  handle: string;
  displayName: string;
  avatarId: string | null;
  organizationName: string | null;
  level: string;
  points: number;
}

export interface OrganizationStanding {
  rank: number;
  organizationId: number;
  slug: string;
  name: string;
  points: number;
}

/**
 * The board rows under the filters, joined only to what filters need. The page query orders
 * and limits these first and fetches names, levels and avatars for the page's rows only: the
 * decorations used to be joined for every row of the period before the sort.
 */
function peopleBase(db: Kysely<DB>, filters: LeaderboardFilters, now: Date) {
  let query = db
    .selectFrom("recognition_user_points as board")
    .innerJoin("users", "users.id", "board.user_id")
    .where("board.period", "=", filters.period)
    .where("board.period_start", "=", startOf(filters.period, now))
    .where("board.points", ">", 0)
    .where((eb) => eb.or([eb("users.suspended_until", "is", null), eb("users.suspended_until", "<=", now)]))
    // A deleted account leaves the people boards; its points stay in its organization's (decision 023).
    .where("users.deleted_at", "is", null);
  if (filters.staff === "exclude") query = query.where("users.is_vendor_staff", "=", false);
  if (filters.region) query = query.where("users.region", "=", filters.region);
  if (filters.sector === "community") {
    query = query.where("users.organization_id", "in", db.selectFrom("organizations").select("id").where("community_sector", "=", true));
  }
  return query;
}

export async function peopleLeaderboard(db: Kysely<DB>, viewer: Actor, filters: LeaderboardFilters, now = new Date()) {
  const offset = (filters.page - 1) * LEADERBOARD_PAGE_SIZE;
  const page = peopleBase(db, filters, now)
    .select(["board.user_id", "board.points"])
    .orderBy("board.points", "desc")
    .orderBy("board.user_id")
    .limit(LEADERBOARD_PAGE_SIZE + 1)
    .offset(offset);
  const rows = await db
    .selectFrom(page.as("page"))
    .innerJoin("users", "users.id", "page.user_id")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .leftJoin("recognition_profiles as profile", "profile.user_id", "page.user_id")
    .select([
      "page.user_id",
      "page.points",
      "users.handle",
      "users.display_name",
      "organizations.name as organization_name",
      "profile.level",
      avatarIdColumn("users.id").as("avatar_id"),
    ])
    .orderBy("page.points", "desc")
    .orderBy("page.user_id")
    .execute();
  const standings: PersonStanding[] = rows.slice(0, LEADERBOARD_PAGE_SIZE).map((row, index) => ({
    rank: offset + index + 1,
    userId: row.user_id,
    handle: row.handle,
    displayName: row.display_name,
    avatarId: row.avatar_id,
    organizationName: row.organization_name,
    level: row.level ?? "newcomer",
    points: row.points,
  }));
  return { standings, hasMore: rows.length > LEADERBOARD_PAGE_SIZE, you: viewer ? await positionOf(db, viewer.id, filters, now) : null };
}

/** The viewer's own place under the same filters, so they find themselves beyond the first page. */
async function positionOf(db: Kysely<DB>, userId: string, filters: LeaderboardFilters, now: Date) {
  const mine = await peopleBase(db, filters, now).select("board.points").where("board.user_id", "=", userId).executeTakeFirst();
  if (!mine) return null;
  const ahead = await peopleBase(db, filters, now)
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where((eb) =>
      eb.or([eb("board.points", ">", mine.points), eb.and([eb("board.points", "=", mine.points), eb("board.user_id", "<", userId)])]),
    )
    .executeTakeFirstOrThrow();
  return { rank: Number(ahead.count) + 1, points: mine.points };
}

export async function organizationLeaderboard(db: Kysely<DB>, filters: LeaderboardFilters, now = new Date()) {
  const offset = (filters.page - 1) * LEADERBOARD_PAGE_SIZE;
  let query = db
    .selectFrom("recognition_org_points as board")
    .innerJoin("organizations", "organizations.id", "board.organization_id")
    .select(["board.organization_id", "board.points", "organizations.slug", "organizations.name"])
    .where("board.period", "=", filters.period)
    .where("board.period_start", "=", startOf(filters.period, now))
    .where("board.points", ">", 0);
  if (filters.region) query = query.where(sql<boolean>`${filters.region} = any(organizations.regions)`);
  if (filters.sector === "community") query = query.where("organizations.community_sector", "=", true);
  const rows = await query
    .orderBy("board.points", "desc")
    .orderBy("board.organization_id")
    .limit(LEADERBOARD_PAGE_SIZE + 1)
    .offset(offset)
    .execute();
  const standings: OrganizationStanding[] = rows.slice(0, LEADERBOARD_PAGE_SIZE).map((row, index) => ({
    rank: offset + index + 1,
    organizationId: row.organization_id,
    slug: row.slug,
    name: row.name,
    points: row.points,
  }));
  return { standings, hasMore: rows.length > LEADERBOARD_PAGE_SIZE };
}

/** Regions people and partners work in, for the filter's choices. */
export async function leaderboardRegions(db: Kysely<DB>): Promise<string[]> {
  const rows = await db
    .selectFrom("users")
    .select("region")
    .distinct()
    .where("region", "is not", null)
    .union(db.selectFrom("organizations").select(sql<string>`unnest(regions)`.as("region")).distinct())
    .execute();
  return [...new Set(rows.map((row) => row.region).filter((region): region is string => Boolean(region)))].sort();
}

import { sql, type Kysely, type RawBuilder } from "kysely";
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
  // Two independent reads: on PostgreSQL they run side by side on two pooled connections.
  const [rows, you] = await Promise.all([pageOfPeople(db, filters, now), viewer ? positionOf(db, viewer.id, filters, now) : null]);
  const offset = (filters.page - 1) * LEADERBOARD_PAGE_SIZE;
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
  return { standings, hasMore: rows.length > LEADERBOARD_PAGE_SIZE, you };
}

/**
 * The page (and one row more, to tell whether another page follows). Organization name, level
 * and avatar are per-row subqueries on primary keys: as joins, the planner hashed every user and
 * every recognition profile to decorate 51 rows (decision 032).
 */
function pageOfPeople(db: Kysely<DB>, filters: LeaderboardFilters, now: Date) {
  const page = peopleBase(db, filters, now)
    .select(["board.user_id", "board.points", "users.handle", "users.display_name", "users.organization_id"])
    .orderBy("board.points", "desc")
    .orderBy("board.user_id")
    .limit(LEADERBOARD_PAGE_SIZE + 1)
    .offset((filters.page - 1) * LEADERBOARD_PAGE_SIZE);
  return db
    .selectFrom(page.as("page"))
    .select((eb) => [
      "page.user_id",
      "page.points",
      "page.handle",
      "page.display_name",
      eb.selectFrom("organizations").select("organizations.name").whereRef("organizations.id", "=", "page.organization_id").as("organization_name"),
      eb.selectFrom("recognition_profiles as profile").select("profile.level").whereRef("profile.user_id", "=", "page.user_id").as("level"),
      avatarIdColumn("page.user_id").as("avatar_id"),
    ])
    .orderBy("page.points", "desc")
    .orderBy("page.user_id")
    .execute();
}

/**
 * The viewer's own place under the same filters, so they find themselves beyond the first page:
 * one statement, their points and how many people are ahead of them (more points, or as many
 * and an earlier id: the page's order).
 */
async function positionOf(db: Kysely<DB>, userId: string, filters: LeaderboardFilters, now: Date) {
  const mine = peopleBase(db, filters, now).select("board.points").where("board.user_id", "=", userId);
  const row = await db
    .selectFrom(mine.as("mine"))
    .select(["mine.points", peopleAhead(db, userId, filters, now).as("ahead")])
    .executeTakeFirst();
  if (!row) return null;
  return { rank: Number(row.ahead) + 1, points: row.points };
}

const minePoints = sql.ref<number>("mine.points");

/** Ahead of the viewer in the page's order; `points >= mine` is there to bound an index range. */
function ahead(points: RawBuilder<number>, id: RawBuilder<string>, userId: string) {
  return sql<boolean>`(${points} >= ${minePoints} and (${points} > ${minePoints} or (${points} = ${minePoints} and ${id} < ${userId})))`;
}

/**
 * How many people are ahead of the viewer. With a region or sector filter, counted through
 * the users who pass the filters. Without one (the default board), everyone in the bucket
 * passes except the few people off the people boards (vendor staff when left out, suspended,
 * deleted), so: the bucket's entries ahead, counted in its index alone, less those few, each
 * looked up by primary key. The first form read the whole bucket and every user (decision 032).
 */
function peopleAhead(db: Kysely<DB>, userId: string, filters: LeaderboardFilters, now: Date): RawBuilder<number> {
  if (filters.region || filters.sector === "community") {
    const passing = peopleBase(db, filters, now)
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where(ahead(sql.ref("board.points"), sql.ref("board.user_id"), userId));
    return sql<number>`(${passing})`;
  }
  const start = startOf(filters.period, now);
  const inBucket = db
    .selectFrom("recognition_user_points as board")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("board.period", "=", filters.period)
    .where("board.period_start", "=", start)
    .where(ahead(sql.ref("board.points"), sql.ref("board.user_id"), userId));
  // Their points by primary key, compared afterwards: a lookup that also carried the range
  // condition was planned as a walk of the whole range (the planner's guess for a bucket's
  // points range is a few rows).
  const offBoard = db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      eb
        .selectFrom("recognition_user_points as board")
        .select("board.points")
        .where("board.period", "=", filters.period)
        .where("board.period_start", "=", start)
        .whereRef("board.user_id", "=", "users.id")
        .as("points"),
    ])
    .where((eb) =>
      eb.or([
        eb("users.suspended_until", ">", now),
        eb("users.deleted_at", "is not", null),
        ...(filters.staff === "exclude" ? [eb("users.is_vendor_staff", "=", true)] : []),
      ]),
    );
  const offBoardAhead = db
    .selectFrom(offBoard.as("off_board"))
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where(ahead(sql.ref("off_board.points"), sql.ref("off_board.id"), userId));
  return sql<number>`(${inBucket}) - (${offBoardAhead})`;
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

/**
 * Regions people and partners work in, for the filter's choices. People's regions are read by
 * skipping through the region index, one probe per distinct region, instead of reading every
 * user on each leaderboard page load.
 */
export async function leaderboardRegions(db: Kysely<DB>): Promise<string[]> {
  const { rows } = await sql<{ region: string }>`
    with recursive people_regions(region) as (
      select min(region) from users
      union all
      select (select min(region) from users where region > people_regions.region) from people_regions where people_regions.region is not null
    )
    select region from people_regions where region is not null
    union
    select unnest(regions) from organizations`.execute(db);
  return [...new Set(rows.map((row) => row.region).filter((region): region is string => Boolean(region)))].sort();
}

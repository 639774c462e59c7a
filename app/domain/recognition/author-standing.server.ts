import type { Kysely } from "kysely";
import { sql } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/schema";
import type { BadgeTier } from "../../../db/schema-parts/recognition";
import { badgeDefinition } from "./badges";
import { levelById } from "./levels";

export interface AuthorStanding {
  levelName: string;
  /** Their most distinguished badges (gold first, then newest), at most `TOP_BADGES`. */
  badges: { name: string; tier: BadgeTier | null }[];
}

const TOP_BADGES = 2;

/**
 * Level and top badges for every author on a page, in ONE query whatever the number of
 * authors (a lateral JSON array per author), so a thread page never costs a query per post.
 */
export async function authorStandings(db: Kysely<DB>, userIds: readonly string[]): Promise<Record<string, AuthorStanding>> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return {};
  const rows = await db
    .selectFrom("users")
    .leftJoin("recognition_profiles as profile", "profile.user_id", "users.id")
    .select((eb) => [
      "users.id",
      "profile.level",
      jsonArrayFrom(
        eb
          .selectFrom("recognition_badge_grants as held")
          .select(["held.badge", "held.tier"])
          .whereRef("held.user_id", "=", "users.id")
          .where("held.revoked_at", "is", null)
          .orderBy(sql`case "held"."tier" when 'gold' then 3 when 'silver' then 2 when 'bronze' then 1 else 0 end`, "desc")
          .orderBy("held.granted_at", "desc")
          .limit(TOP_BADGES),
      ).as("badges"),
    ])
    .where("users.id", "in", ids)
    .execute();
  return Object.fromEntries(
    rows.map((row) => [
      row.id,
      {
        levelName: levelById(row.level ?? "newcomer").name,
        badges: row.badges.map((held) => ({ name: badgeDefinition(held.badge)?.name ?? held.badge, tier: held.tier })),
      },
    ]),
  );
}

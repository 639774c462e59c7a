import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { can, type Actor } from "../policy.server";
import { badgeDefinition, manualBadgeDefinition } from "../recognition/badges";
import { ALL_TIME_START, periodStart } from "../recognition/periods";

/**
 * An organization's recognition on its page (docs/decisions/017-organization-recognition.md):
 * totals, never the ledger. Points come from the engine's `recognition_org_points`, the same
 * figures the organizations leaderboard shows: what its members earned while they were its
 * members. Council work is in those sums like any other work, but only as a number: nothing here
 * names a council, a proposal, a meeting or a moderator's reason. Badges are the ones its people
 * hold now, counted per badge (a person with two tiers of a badge counts once).
 */
export interface OrganizationBadgeCount {
  badge: string;
  name: string;
  description: string;
  /** How many of its current members hold it. */
  holders: number;
}

export interface OrganizationRecognition {
  points: { allTime: number; thisMonth: number };
  badges: OrganizationBadgeCount[];
}

export async function organizationRecognition(
  db: Kysely<DB>,
  viewer: Actor,
  organizationId: number,
  now = new Date(),
): Promise<OrganizationRecognition | null> {
  if (!can(viewer, "recognition.readLeaderboard", undefined)) return null;
  const month = periodStart("month", now);
  const [points, badges] = await Promise.all([
    db
      .selectFrom("recognition_org_points")
      .select(["period", "points"])
      .where("organization_id", "=", organizationId)
      .where((eb) =>
        eb.or([
          eb.and([eb("period", "=", "all"), eb("period_start", "=", sql<Date>`cast(${ALL_TIME_START} as date)`)]),
          eb.and([eb("period", "=", "month"), eb("period_start", "=", sql<Date>`cast(${month} as date)`)]),
        ]),
      )
      .execute(),
    db
      .selectFrom("recognition_badge_grants as g")
      .innerJoin("users as u", "u.id", "g.user_id")
      .select(["g.badge", sql<number>`count(distinct g.user_id)::int`.as("holders")])
      .where("u.organization_id", "=", organizationId)
      .where("g.revoked_at", "is", null)
      .groupBy("g.badge")
      .execute(),
  ]);
  const sum = (period: string) => points.filter((row) => row.period === period).reduce((total, row) => total + row.points, 0);
  return {
    points: { allTime: sum("all"), thisMonth: sum("month") },
    badges: badges
      .map((row) => {
        const definition = badgeDefinition(row.badge) ?? manualBadgeDefinition(row.badge);
        // A manual badge outside the catalogue is named by the text the moderator gave it.
        return { badge: row.badge, name: definition?.name ?? row.badge, description: definition?.description ?? "Awarded by a moderator.", holders: Number(row.holders) };
      })
      .sort((a, b) => b.holders - a.holders || a.name.localeCompare(b.name)),
  };
}

import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { BadgeTier } from "../../../db/schema-parts/recognition";
import { badgeIds, tierOrder } from "./badges";
import { badgeNameIn, badgesIn } from "./definitions";
import { currentRules } from "./rules.server";

export interface CatalogueBadge {
  id: string;
  name: string;
  description: string;
  tiers: { tier: BadgeTier; threshold: number; holders: number }[];
}

/**
 * Every automatic badge with its tiers, what earns each and how many people hold it now, plus
 * the manual badges moderators have given. One grouped read of the grants.
 */
export async function badgeCatalogue(db: Kysely<DB>) {
  const [{ rules }, counts] = await Promise.all([currentRules(db), db
    .selectFrom("recognition_badge_grants")
    .select(["badge", "tier", (eb) => eb.fn.count<string>("user_id").distinct().as("holders")])
    .where("revoked_at", "is", null)
    .groupBy(["badge", "tier"])
    .execute()]);
  const holders = (badge: string, tier: BadgeTier | null) =>
    Number(counts.find((row) => row.badge === badge && row.tier === tier)?.holders ?? 0);
  const automatic: CatalogueBadge[] = badgesIn(rules).map((badge) => ({
    id: badge.id,
    name: badge.name,
    description: badge.description,
    tiers: tierOrder.flatMap((tier) => {
      const threshold = badge.tiers[tier];
      return threshold === undefined ? [] : [{ tier, threshold, holders: holders(badge.id, tier) }];
    }),
  }));
  const manual = new Map<string, number>();
  for (const row of counts) {
    if (!badgeIds.has(row.badge)) manual.set(badgeNameIn(rules, row.badge), (manual.get(badgeNameIn(rules, row.badge)) ?? 0) + Number(row.holders));
  }
  return {
    automatic,
    manual: [...manual].map(([name, count]) => ({ name, holders: count })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

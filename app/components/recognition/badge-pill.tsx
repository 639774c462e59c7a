const tierNames = { bronze: "Bronze", silver: "Silver", gold: "Gold" } as const;

/** A badge's name with its tier, coloured by tier but never by colour alone (the tier is written). */
export function BadgePill({ name, tier }: { name: string; tier: "bronze" | "silver" | "gold" | null }) {
  return (
    <span className={`badge${tier ? ` badge-tier-${tier}` : " badge-accent"}`}>
      {name}
      {tier ? ` · ${tierNames[tier]}` : ""}
    </span>
  );
}

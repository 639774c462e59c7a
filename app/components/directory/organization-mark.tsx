import { initials } from "../avatar";

/** The organization's "logo": its initials on a tile, decorative beside the name. */
export function OrganizationMark({ name, size = "small" }: { name: string; size?: "small" | "large" }) {
  return (
    <span className={size === "large" ? "org-mark org-mark-large" : "org-mark"} aria-hidden="true">
      {initials(name)}
    </span>
  );
}

export const tierLabel = (tier: string) => tier.charAt(0).toUpperCase() + tier.slice(1);

/**
 * Community-sector segments a mentor can know and a mentee can name. The first six are the
 * sector the product brief names; the last two cover partners whose customers sit next to it.
 */
export const MENTORING_SEGMENTS = [
  "nonprofits",
  "civic associations",
  "community foundations",
  "local government",
  "education",
  "faith-based",
  "healthcare and social care",
  "small and mid-sized businesses",
] as const;

export type MentoringSegment = (typeof MENTORING_SEGMENTS)[number];

export const URGENCIES = ["low", "normal", "high"] as const;
export type Urgency = (typeof URGENCIES)[number];

export const urgencyLabels: Record<Urgency, string> = {
  low: "Whenever suits",
  normal: "In the next few weeks",
  high: "As soon as possible",
};

/** Case- and space-insensitive, so "Cloud migration" and "cloud  migration" are one topic. */
export const normalizeTerm = (term: string) => term.trim().replace(/\s+/g, " ").toLowerCase();

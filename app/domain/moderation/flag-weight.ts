/**
 * How much one flag counts toward hiding a post. A new flagger's flag counts 1; a record of
 * agreed flags raises it towards 1.5, a record of rejected ones lowers it towards 0.5
 * (smoothed, so one early mistake does not silence anyone). The flagger's recognition level
 * adds a little (see levelOf in flags.server.ts).
 */
export function flagWeight(input: { agreed: number; settled: number; level: number }) {
  const accuracy = (input.agreed + 1) / (input.settled + 2);
  const weight = (0.5 + accuracy) * levelFactor(input.level);
  return Math.round(weight * 100) / 100;
}

/** Level 0 (no level yet) counts plainly; each level adds 10%, capped at double. */
export function levelFactor(level: number) {
  return Math.min(2, 1 + 0.1 * Math.max(0, level));
}

export const flagReasons = ["spam", "off_topic", "inappropriate", "other"] as const;
export const flagReasonLabels: Record<(typeof flagReasons)[number], string> = {
  spam: "Spam",
  off_topic: "Off-topic",
  inappropriate: "Inappropriate",
  other: "Something else",
};

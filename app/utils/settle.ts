/**
 * Waits for checks started side by side and fails as the same checks run one after another would:
 * with the first failure in the order given, whichever failed first in time. Every promise is
 * awaited, so a later failure never surfaces as an unhandled rejection.
 */
export async function settleInOrder(promises: readonly unknown[]): Promise<void> {
  const outcomes = await Promise.allSettled(promises);
  for (const outcome of outcomes) if (outcome.status === "rejected") throw outcome.reason;
}

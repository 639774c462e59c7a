import { generate } from "otplib";

/** A code for the 30-second step `offsetSteps` away from now (-1: the previous step, still accepted). */
export const codeAt = (secret: string, offsetSteps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

/**
 * A previous-step code is accepted only until the current step ends: near its end, a slow machine
 * checks the code in the next step, where it is two steps old and refused. Waits, when the step is
 * nearly over, for the next one to begin.
 */
export async function clearOfStepEnd(spareSeconds = 5) {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < spareSeconds) await new Promise((resolve) => setTimeout(resolve, left * 1000 + 50));
}

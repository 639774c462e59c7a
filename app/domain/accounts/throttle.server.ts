import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * Login throttling with growing delays, kept in the database so every process agrees.
 * Two keys: the address alone (slows password spraying) and account+address (slows guessing one
 * account). Never a hard lock on the account itself: a stranger elsewhere cannot lock anyone out.
 */
const ACCOUNT_FREE_FAILURES = 5;
const ADDRESS_FREE_FAILURES = 30;
const MAX_DELAY_SECONDS = 15 * 60;
const FORGET_AFTER_SECONDS = 60 * 60;

function delayFor(failures: number, free: number) {
  if (failures < free) return 0;
  return Math.min(2 ** (failures - free + 1), MAX_DELAY_SECONDS);
}

const keys = (email: string, ip: string) => ({
  address: `ip:${ip}`,
  account: `account:${email.toLowerCase()}|${ip}`,
});

/** Seconds the caller must still wait before another attempt, or 0. */
export async function loginWaitSeconds(db: Kysely<DB>, email: string, ip: string, now = new Date()) {
  const { address, account } = keys(email, ip);
  const rows = await db
    .selectFrom("login_throttle")
    .selectAll()
    .where("key", "in", [address, account])
    .execute();
  let wait = 0;
  for (const row of rows) {
    const free = row.key === address ? ADDRESS_FREE_FAILURES : ACCOUNT_FREE_FAILURES;
    const elapsed = (now.getTime() - new Date(row.last_failure_at).getTime()) / 1000;
    if (elapsed > FORGET_AFTER_SECONDS) continue;
    wait = Math.max(wait, Math.ceil(delayFor(row.failures, free) - elapsed));
  }
  return wait;
}

export async function recordLoginFailure(db: Kysely<DB>, email: string, ip: string, now = new Date()) {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_SECONDS * 1000);
  for (const key of Object.values(keys(email, ip))) {
    await db
      .insertInto("login_throttle")
      .values({ key, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          failures: sql`case when login_throttle.last_failure_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
          last_failure_at: now,
        }),
      )
      .execute();
  }
}

export async function recordLoginSuccess(db: Kysely<DB>, email: string, ip: string) {
  await db.deleteFrom("login_throttle").where("key", "=", keys(email, ip).account).execute();
}

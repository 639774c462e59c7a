import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Six digits fall to guessing without a limit: after 5 wrong codes in 15 minutes a person's
 * second-factor checks (login, disable, new recovery codes) wait out the window. Per person, not
 * per address, since the password was already right; kept in login_throttle so processes agree.
 */
const FREE_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;
const key = (userId: string) => `2fa:${userId}`;

export async function assertSecondFactorAllowed(db: Db, userId: string, now = new Date()) {
  const row = await db.selectFrom("login_throttle").selectAll().where("key", "=", key(userId)).executeTakeFirst();
  if (!row || row.failures < FREE_FAILURES) return;
  const elapsed = (now.getTime() - new Date(row.last_failure_at).getTime()) / 1000;
  if (elapsed >= WINDOW_SECONDS) return;
  const minutes = Math.ceil((WINDOW_SECONDS - elapsed) / 60);
  throw new DomainError(`Too many wrong codes. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, 429, "code");
}

export async function recordSecondFactorFailure(db: Db, userId: string, now = new Date()) {
  const forgetBefore = new Date(now.getTime() - WINDOW_SECONDS * 1000);
  await db
    .insertInto("login_throttle")
    .values({ key: key(userId), failures: 1, last_failure_at: now })
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        failures: sql`case when login_throttle.last_failure_at < ${forgetBefore} then 1 else login_throttle.failures + 1 end`,
        last_failure_at: now,
      }),
    )
    .execute();
}

export async function clearSecondFactorFailures(db: Db, userId: string) {
  await db.deleteFrom("login_throttle").where("key", "=", key(userId)).execute();
}

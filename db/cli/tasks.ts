import { sql, type Kysely } from "kysely";
import { insertUser } from "../../app/domain/accounts/users.server";
import { recordAudit } from "../../app/domain/audit.server";
import { addMember, getOrganizationBySlug } from "../../app/domain/organizations/organizations.server";
import { migrateToLatest } from "../migrate";
import type { DB, Role } from "../schema";
import { hasUsers } from "../seed/demo";
import { seedWithProgressBar } from "./seeding";

/**
 * The database half of each command. The commands import this module only after their flags,
 * config and safety checks pass: kysely, pg and PGlite are most of the start-up time, and a
 * refusal should come back at once.
 */
export { migrateToLatest } from "../migrate";
export { printSeedSummary } from "./seeding";

/** Seeds an empty database; returns null and leaves the data alone when anyone is in it. */
export async function seedIfEmpty(db: Kysely<DB>, demoAccounts: boolean) {
  if (await hasUsers(db)) return null;
  return timedSeed(db, demoAccounts);
}

/** Everything the migrations created (and the migration history) goes with schema public. */
export async function dropEverything(db: Kysely<DB>) {
  await db.transaction().execute(async (trx) => {
    await sql`drop schema public cascade`.execute(trx);
    await sql`create schema public`.execute(trx);
  });
}

export async function timedSeed(db: Kysely<DB>, demoAccounts: boolean) {
  const started = performance.now();
  const summary = await seedWithProgressBar(db, demoAccounts);
  return { summary, seconds: (performance.now() - started) / 1000 };
}

export async function createAccount(
  db: Kysely<DB>,
  input: { email: string; displayName: string; password: string; role: Role; organization?: string },
) {
  await migrateToLatest(db);
  const organizationId = input.organization ? (await getOrganizationBySlug(db, input.organization)).id : null;
  return db.transaction().execute(async (trx) => {
    const user = await insertUser(trx, {
      email: input.email,
      displayName: input.displayName,
      password: input.password,
      role: input.role,
      // Vendor staff are the channel team: every admin, and moderators who work for no partner.
      isVendorStaff: organizationId === null && (input.role === "admin" || input.role === "moderator"),
    });
    if (organizationId !== null) {
      await addMember(trx, { userId: user.id, organizationId, via: "admin", actorId: user.id });
    }
    // No signed-in actor here, so the audit entry says where the account came from instead.
    await recordAudit(trx, {
      actorId: null,
      action: "user.created",
      targetType: "user",
      targetId: user.id,
      reason: "npm run user:create",
      after: { role: input.role, organizationId },
    });
    return user;
  });
}

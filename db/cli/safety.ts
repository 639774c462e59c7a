import type { Config } from "../../server/config";

export interface SeedFlags {
  allowDatabaseUrl: boolean;
  demo: boolean;
}

export type SeedDecision = { ok: true; demoAccounts: boolean } | { ok: false; reason: string };

/**
 * Who may write demo data where (docs/decisions/006-demo-data-and-cli-safety.md). The embedded
 * database is a local folder, so it always gets the demo log-ins. A DATABASE_URL may be shared
 * or live, so it needs an explicit flag, and the published demo password a second one.
 * Production never gets demo data.
 */
export function decideSeed(
  config: Pick<Config, "isProduction" | "databaseUrl">,
  flags: SeedFlags,
  action: "seed" | "reset",
): SeedDecision {
  if (config.isProduction) {
    return {
      ok: false,
      reason: `Refusing to ${action}: NODE_ENV is production, and demo data with a published password never goes into a live database.`,
    };
  }
  if (!config.databaseUrl) return { ok: true, demoAccounts: true };
  if (!flags.allowDatabaseUrl) {
    return {
      ok: false,
      reason:
        `Refusing to ${action} the DATABASE_URL database: it may be shared or live. ` +
        `If it is a scratch database, pass --allow-database-url (and --demo for the demo log-ins).`,
    };
  }
  return { ok: true, demoAccounts: flags.demo };
}

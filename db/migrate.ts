import { Migrator, type Kysely } from "kysely";
import { migrationProvider } from "./migrations";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen against Kysely<any>
export async function migrateToLatest(db: Kysely<any>) {
  // Branches land in any order, so a database may have run a later-named migration before an
  // earlier-named one arrives; ours never depend on each other's order within a day's work.
  const migrator = new Migrator({ db, provider: migrationProvider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
  return results?.map((result) => result.migrationName) ?? [];
}

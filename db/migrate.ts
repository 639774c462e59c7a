import { Migrator, type Kysely } from "kysely";
import { migrationProvider } from "./migrations";

export async function migrateToLatest(db: Kysely<unknown>) {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === "Error");
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error ?? "unknown error");
    throw new Error(`Migration ${failed?.migrationName ?? ""} failed: ${reason}`);
  }
  return results?.map((result) => result.migrationName) ?? [];
}

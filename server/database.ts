import path from "node:path";
import { openDatabase, type Database } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { Config } from "./config";

/** Opens the configured database (PostgreSQL, else embedded PGlite in DATA_DIR) and migrates it. */
export async function openConfiguredDatabase(config: Config, holder: string): Promise<Database> {
  const database = config.databaseUrl
    ? await openDatabase({ url: config.databaseUrl })
    : await openDatabase({ dataDir: path.join(config.dataDir, "db"), holder });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

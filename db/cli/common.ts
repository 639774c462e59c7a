import path from "node:path";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { DomainError } from "../../app/domain/errors";
import { ConfigError, type Config } from "../../server/config";
import type { Database } from "../client";
import { DataDirError } from "../data-dir-lock";

/** A refusal or usage error the person at the terminal can fix: printed as one line. */
export class CliError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Runs a command so that anything a person can fix (bad flags, bad config, a locked DATA_DIR,
 * a refusal) ends as one line on stderr and exit code 1, never a stack dump.
 */
export function runCli(main: () => Promise<void>) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      const known = [CliError, ConfigError, DataDirError, DomainError].some((type) => error instanceof type);
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`${known ? message : `Failed: ${message}`}\n`);
      process.exit(1);
    },
  );
}

export function parseFlags<const T extends Options>(options: T, usage: string) {
  const args = process.argv.slice(2);
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, strict: true }).values;
  } catch (error) {
    // parseArgs explains at length; its first sentence names the bad flag.
    throw new CliError(`${(error as Error).message.split(". ")[0]}. ${usage.split("\n")[0]}`);
  }
}

/** Names the database without credentials, so the command can say what it is about to touch. */
export function describeTarget(config: Config) {
  if (!config.databaseUrl) return `the embedded database in ${embeddedDir(config)}`;
  const url = new URL(config.databaseUrl);
  return `the PostgreSQL database ${url.pathname.slice(1) || "(default)"} on ${url.host} (DATABASE_URL)`;
}

/**
 * Opens the configured database for one command and always closes it, which flushes PGlite
 * and releases the DATA_DIR lock. The embedded database refuses while the server holds it.
 */
export async function withDatabase<T>(config: Config, holder: string, work: (database: Database) => Promise<T>) {
  // Loaded here, not at the top: see db/cli/tasks.ts on start-up time.
  const { openDatabase } = await import("../client");
  let database: Database;
  try {
    database = config.databaseUrl
      ? await openDatabase({ url: config.databaseUrl, poolSize: 2 })
      : await openDatabase({ dataDir: embeddedDir(config), holder });
  } catch (error) {
    if (error instanceof DataDirError) throw error;
    const message = (error as Error).message;
    // The pg client already says "Cannot connect to DATABASE_URL: ..."; PGlite needs the context.
    throw new CliError(config.databaseUrl ? message : `Cannot open ${describeTarget(config)}: ${message}`);
  }
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

// The same folder server/database.ts opens, so the CLI and the server share one lock.
function embeddedDir(config: Config) {
  return path.join(config.dataDir, "db");
}

import { ConfigError, parseConfig } from "./config";
import { createLogger } from "./logger";
import { openConfiguredDatabase } from "./database";
import { createApp } from "./app";
import { DataDirError } from "../db/data-dir-lock";
import { seedDemoIfEmpty } from "../db/seed/demo";
import cluster from "node:cluster";
import { runPrimary } from "./cluster";

/** Start-up failures a person can fix get one clear line and a non-zero exit, never a stack dump. */
function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

async function main() {
  let config;
  try {
    config = parseConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const log = createLogger(config.logLevel);

  if (config.processes > 1 && cluster.isPrimary) {
    // Migrate once here, so the app processes do not all start by waiting on the migration lock.
    try {
      const database = await openConfiguredDatabase(config, "the server");
      await database.close();
    } catch (error) {
      fail(`Cannot open the database: ${(error as Error).message}`);
    }
    return runPrimary(config, log, fail);
  }

  let database;
  try {
    database = await openConfiguredDatabase(config, "the server");
  } catch (error) {
    if (error instanceof DataDirError) fail(error.message);
    fail(`Cannot open the database: ${(error as Error).message}`);
  }

  if (config.demo && !config.databaseUrl) {
    await seedDemoIfEmpty(database.db, log);
  }

  const app = await createApp(config, database, log);
  app.server.once("error", async (error: NodeJS.ErrnoException) => {
    await database.close();
    if (error.code === "EADDRINUSE") fail(`Port ${config.port} is already in use (set PORT to use another).`);
    if (error.code === "EACCES") fail(`No permission to listen on port ${config.port}.`);
    fail(`Cannot start the server: ${error.message}`);
  });
  app.server.listen(config.port, config.host, () => {
    log.info({ url: config.publicOrigin, database: database.kind }, `ready on ${config.publicOrigin}`);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    try {
      await app.close();
      await database.close();
    } finally {
      log.info("stopped");
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error) => {
  process.stderr.write(`Start-up failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

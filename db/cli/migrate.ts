import { parseConfig } from "../../server/config";
import { describeTarget, parseFlags, runCli, withDatabase } from "./common";

const usage =
  "Usage: npm run db:migrate\n" +
  "Runs pending migrations on the configured database (the embedded one unless DATABASE_URL is set).";

runCli(async () => {
  parseFlags({}, usage);
  const config = parseConfig();
  await withDatabase(config, "npm run db:migrate", async ({ db }) => {
    const { migrateToLatest } = await import("./tasks");
    const applied = await migrateToLatest(db);
    for (const name of applied) process.stdout.write(`Applied migration ${name}\n`);
    process.stdout.write(
      applied.length > 0
        ? `Migrated ${describeTarget(config)}.\n`
        : `Nothing to migrate: ${describeTarget(config)} is up to date.\n`,
    );
  });
});

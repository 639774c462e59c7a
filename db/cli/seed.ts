import { parseConfig } from "../../server/config";
import { CliError, describeTarget, parseFlags, runCli, withDatabase } from "./common";
import { decideSeed } from "./safety";

const usage =
  "Usage: npm run db:seed [-- --allow-database-url [--demo]]\n" +
  "Seeds the demo partner ecosystem into an empty database (the embedded one unless DATABASE_URL is set).";

runCli(async () => {
  const flags = parseFlags(
    { "allow-database-url": { type: "boolean", default: false }, demo: { type: "boolean", default: false } },
    usage,
  );
  const config = parseConfig();
  const decision = decideSeed(config, { allowDatabaseUrl: flags["allow-database-url"], demo: flags.demo }, "seed");
  if (!decision.ok) throw new CliError(decision.reason);

  const target = describeTarget(config);
  process.stdout.write(`Seeding ${target}${decision.demoAccounts ? " with demo log-ins" : ""}, if it is empty.\n`);
  await withDatabase(config, "npm run db:seed", async ({ db }) => {
    const { migrateToLatest, seedIfEmpty, printSeedSummary } = await import("./tasks");
    for (const name of await migrateToLatest(db)) process.stdout.write(`Applied migration ${name}\n`);
    const seeded = await seedIfEmpty(db, decision.demoAccounts);
    if (seeded) printSeedSummary(seeded.summary, seeded.seconds);
    else process.stdout.write(`Nothing to seed: ${target} already has people in it (npm run db:reset starts over).\n`);
  });
});

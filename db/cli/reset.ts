import { parseConfig } from "../../server/config";
import { CliError, describeTarget, parseFlags, runCli, withDatabase } from "./common";
import { decideSeed } from "./safety";

const usage =
  "Usage: npm run db:reset [-- --allow-database-url [--demo]]\n" +
  "Drops every table, re-runs the migrations and seeds the demo data. Asks nothing: mind the target.";

runCli(async () => {
  const flags = parseFlags(
    { "allow-database-url": { type: "boolean", default: false }, demo: { type: "boolean", default: false } },
    usage,
  );
  const config = parseConfig();
  const decision = decideSeed(config, { allowDatabaseUrl: flags["allow-database-url"], demo: flags.demo }, "reset");
  if (!decision.ok) throw new CliError(decision.reason);

  // No prompt (CI has no stdin); saying what is about to happen is the last chance to Ctrl-C.
  process.stdout.write(
    `Resetting ${describeTarget(config)}: dropping schema public with every table in it, ` +
      `re-running migrations, seeding demo data${decision.demoAccounts ? " with demo log-ins" : ""}.\n`,
  );
  await withDatabase(config, "npm run db:reset", async ({ db }) => {
    const { dropEverything, migrateToLatest, timedSeed, printSeedSummary } = await import("./tasks");
    await dropEverything(db);
    for (const name of await migrateToLatest(db)) process.stdout.write(`Applied migration ${name}\n`);
    const seeded = await timedSeed(db, decision.demoAccounts);
    printSeedSummary(seeded.summary, seeded.seconds);
  });
});

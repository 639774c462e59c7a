import { parseConfig } from "../../server/config";
import { CliError, describeTarget, parseFlags, runCli, withDatabase } from "./common";

const usage =
  "Usage: npm run recognition:rebuild [-- --batch-size N]\n" +
  "Replays every dispatched event through the recognition engine into fresh tables and swaps them in\n" +
  "(points, badges, levels, leaderboards). Dispatch pauses only for the final catch-up and swap.";

runCli(async () => {
  const flags = parseFlags({ "batch-size": { type: "string", default: "2000" } }, usage);
  const batchSize = Number(flags["batch-size"]);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000) {
    throw new CliError("--batch-size must be a whole number between 1 and 50000.");
  }
  const config = parseConfig();
  const target = describeTarget(config);
  process.stdout.write(`Rebuilding recognition in ${target}.\n`);
  await withDatabase(config, "npm run recognition:rebuild", async ({ db }) => {
    const { migrateToLatest } = await import("../migrate");
    for (const name of await migrateToLatest(db)) process.stdout.write(`Applied migration ${name}\n`);
    const { rebuildWithProgressBar } = await import("./rebuilding");
    const result = await rebuildWithProgressBar(db, batchSize);
    process.stdout.write(
      `Replayed ${result.events} events into ${result.ledgerRows} ledger rows in ${result.seconds.toFixed(1)} s ` +
        `(${Math.round(result.events / Math.max(result.seconds, 0.001))} events/s).\n`,
    );
  });
});

import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import cliProgress from "cli-progress";
import { parseConfig } from "../../server/config";
import { CliError, describeTarget, runCli, withDatabase } from "./common";

const usage =
  "Usage: npm run analytics:import -- FILE.csv [--clean-rows]\n" +
  "Imports program performance (organization,period,revenue,registered_deals,won_deals,certifications,tier).\n" +
  "A bad row stops the import unless --clean-rows is given; each period in the file replaces the stored one.\n" +
  "Then re-aggregates engagement for every month. Sample: docs/samples/program-performance.csv";

runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({ args: process.argv.slice(2), options: { "clean-rows": { type: "boolean", default: false }, help: { type: "boolean", short: "h" } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message.split(". ")[0]}. ${usage.split("\n")[0]}`);
  }
  if (parsed.values.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) throw new CliError(usage);
  if (!fs.existsSync(file)) throw new CliError(`No such file: ${file}`);
  const text = fs.readFileSync(file, "utf8");
  const config = parseConfig();
  process.stdout.write(`Importing ${file} into ${describeTarget(config)}.\n`);
  await withDatabase(config, "npm run analytics:import", async ({ db }) => {
    const { migrateToLatest } = await import("../migrate");
    for (const name of await migrateToLatest(db)) process.stdout.write(`Applied migration ${name}\n`);
    const { importProgramPerformance } = await import("../../app/domain/analytics/import.server");
    const { refreshEngagement } = await import("../../app/domain/analytics/engagement.server");
    // cli-progress draws nothing when stderr is not a terminal (CI, pipes).
    const bar = new cliProgress.SingleBar({ format: "Importing {bar} {value}/{total} rows", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
    let started = false;
    const result = await importProgramPerformance(db, null, {
      fileName: path.basename(file),
      text,
      cleanRowsOnly: parsed.values["clean-rows"],
      onProgress: (done, total) => {
        if (!started) bar.start(total, done);
        started = true;
        bar.update(done);
      },
    }).finally(() => bar.stop());
    if (!result.ok) {
      for (const error of result.errors) process.stderr.write(`line ${error.line}: ${error.reason}\n`);
      const hint = result.cleanRows > 0 ? ` ${result.cleanRows} rows are clean: add --clean-rows to import only those.` : "";
      throw new CliError(`Nothing imported: ${result.errors.length} bad rows.${hint}`);
    }
    for (const skipped of result.skipped) process.stderr.write(`skipped line ${skipped.line}: ${skipped.reason}\n`);
    await refreshEngagement(db);
    process.stdout.write(`Imported ${result.imported} rows for ${result.periods.length} periods (${result.periods.join(", ")}); skipped ${result.skipped.length}.\n`);
  });
});

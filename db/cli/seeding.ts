import cliProgress from "cli-progress";
import type { Kysely } from "kysely";
import type { DB } from "../schema";
import { DEMO_ACCOUNTS, seedDemo, type SeedSummary } from "../seed/demo";

/** Seeds with a progress bar on stderr; cli-progress draws nothing when stderr is not a terminal (CI). */
export async function seedWithProgressBar(db: Kysely<DB>, demoAccounts: boolean) {
  const bar = new cliProgress.SingleBar(
    { format: "Seeding {bar} {value}/{total} {label}", hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    return await seedDemo(db, {
      demoAccounts,
      onProgress: (done, total, label) => {
        if (!started) bar.start(total, done, { label });
        started = true;
        bar.update(done, { label });
      },
    });
  } finally {
    bar.stop();
  }
}

export function printSeedSummary(summary: SeedSummary, seconds: number) {
  const lines = [
    `Seeded ${summary.organizations} organizations and ${summary.people} people ` +
      `(${summary.pendingJoinRequests} pending join requests) in ${seconds.toFixed(1)} s.`,
  ];
  if (summary.demoAccounts) {
    const width = Math.max(...DEMO_ACCOUNTS.map((account) => account.email.length));
    lines.push("Demo log-ins (every seeded person shares this password):");
    for (const account of DEMO_ACCOUNTS) {
      lines.push(`  ${account.email.padEnd(width)}  ${account.password}  ${account.label}`);
    }
  } else {
    lines.push("No demo log-ins: seeded people have no password (pass --demo to add them).");
  }
  process.stdout.write(`${lines.join("\n")}\n`);
}

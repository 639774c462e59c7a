/**
 * `npm run bench`: every benchmark, one after another (they would skew each other side by side),
 * each appending its own section to docs/benchmarks.md. Needs BENCH_DATABASE_URL (PostgreSQL);
 * BENCH_ONLY=http,cluster runs a subset. The recognition benchmark seeds its own database first.
 */
import { execFileSync } from "node:child_process";

if (!process.env.BENCH_DATABASE_URL) {
  process.stderr.write("Set BENCH_DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/pc_bench_http\n");
  process.exit(1);
}
const suite = ["http", "cluster", "seed", "recognition", "directory", "analytics", "forum", "mail"];
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const run = (script: string) => execFileSync("npm", ["run", script], { stdio: "inherit", env: process.env });

run("build");
for (const name of suite) {
  if (only && !only.includes(name) && !(name === "seed" && only.includes("recognition"))) continue;
  process.stdout.write(`\n== bench:${name} ==\n`);
  run(`bench:${name}`);
}

/**
 * `npm run bench`: every benchmark, one after another (side by side they would skew each
 * other), each appending its own section to docs/benchmarks.md. Each gets a database of its
 * own on the PostgreSQL server of BENCH_DATABASE_URL (default: the local one), created when
 * missing, since each fills it with a different data set. BENCH_ONLY=http,cluster runs a subset.
 *
 *   npm run bench
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres BENCH_ONLY=directory npm run bench
 */
import { execFileSync } from "node:child_process";
import pg from "pg";

const server = new URL(process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
const databaseOf: Record<string, string> = {
  http: "pc_bench_http",
  cluster: "pc_bench_http",
  directory: "pc_bench_directory",
  analytics: "pc_bench_analytics",
  forum: "pc_bench_forum",
};
const suite = ["http", "cluster", "seed", "recognition", "directory", "analytics", "forum", "mail", "search"];
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const selected = suite.filter((name) => !only || only.includes(name) || (name === "seed" && only.includes("recognition")));

const urlOf = (database: string) => Object.assign(new URL(server), { pathname: `/${database}` }).toString();

async function ensureDatabases() {
  const admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  try {
    for (const name of new Set(selected.map((bench) => databaseOf[bench]).filter(Boolean))) {
      const { rowCount } = await admin.query("select 1 from pg_database where datname = $1", [name]);
      if (!rowCount) await admin.query(`create database ${pg.escapeIdentifier(name!)}`);
    }
  } finally {
    await admin.end();
  }
}

await ensureDatabases();
execFileSync("npm", ["run", "build"], { stdio: "inherit" });
for (const name of selected) {
  process.stdout.write(`\n== bench:${name} ==\n`);
  const database = databaseOf[name];
  // seed, recognition and search find their server in BENCH_DATABASE_URL and name their own database.
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_DATABASE_URL: database ? urlOf(database) : server.toString() };
  // The suite's own selector: a bench reading it would take it for a filter of its own.
  delete env.BENCH_ONLY;
  execFileSync("npm", ["run", `bench:${name}`], { stdio: "inherit", env });
}

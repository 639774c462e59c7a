/**
 * Per-statement plans of one dashboard load: runs a view once with every SQL statement
 * captured, then EXPLAIN (ANALYZE, BUFFERS) on each with the same parameters (JIT off, as the
 * dashboard sets it). Uses the data set that `npm run bench:analytics` seeds.
 *
 *   BENCH_DATABASE_URL=postgres://…/pc_bench_analytics npx tsx bench/analytics-explain.ts [query]
 */
import { Kysely, PostgresDialect, type CompiledQuery } from "kysely";
import pg from "pg";
import type { DB } from "../db/schema";
import { parseFilter } from "../app/domain/analytics/filters";
import { dashboardLoad } from "./analytics-load";

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("Set BENCH_DATABASE_URL to the bench database (PostgreSQL).");

const captured: CompiledQuery[] = [];
const pool = new pg.Pool({ connectionString: url, max: 4 });
const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log: (event) => void captured.push(event.query) });

async function main() {
  const query = process.argv[2] ?? "period=last12";
  await dashboardLoad(db, parseFilter(new URLSearchParams(query)));
  const client = await pool.connect();
  try {
    await client.query("set jit = off");
    for (const statement of captured) {
      if (!/^\s*(select|with)/i.test(statement.sql)) continue;
      const { rows } = await client.query(`explain (analyze, buffers, timing off) ${statement.sql}`, [...statement.parameters]);
      console.info(`\n--- ${statement.sql.replace(/\s+/g, " ").slice(0, 160)}`);
      console.info(rows.map((row: Record<string, string>) => row["QUERY PLAN"]).join("\n"));
    }
  } finally {
    client.release();
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

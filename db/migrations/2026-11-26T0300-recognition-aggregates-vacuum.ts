import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
//
// The leaderboard aggregates are updated in place by every live batch (one row per person,
// period and bucket), and `points` is indexed, so no update is HOT: each leaves a dead row and
// a dead entry in both indexes. With the default thresholds (20% of the table) a busy week let
// the board's index range grow to 7 times its live rows before autovacuum ran, and the
// leaderboard query read them all. Vacuum these two tables after a fixed number of changes.
// The rebuild copies these settings to its fresh tables. See docs/decisions/018.
const tables = ["recognition_user_points", "recognition_org_points"];

export async function up(db: Kysely<unknown>) {
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 2000,
      autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 2000)`.execute(db);
  }
}

export async function down(db: Kysely<unknown>) {
  for (const table of tables) {
    await sql`alter table ${sql.table(table)} reset (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold,
      autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)`.execute(db);
  }
}

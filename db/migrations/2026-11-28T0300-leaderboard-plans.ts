import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
//
// Two things the leaderboard's queries need from the planner (docs/decisions/032):
// - Statistics on (period, period_start) together. Alone, each is common ("all" is one period
//   of four, 1970-01-01 one start of dozens), and multiplied as if independent they made the
//   all-time bucket of 5,000 people look like 100 rows: the page was planned as a hash of every
//   user and a sort of the whole bucket instead of a walk of the board's index to its 51st row.
//   The names are those `create table ... (like ... including all)` gives the rebuild's copies.
// - An index of the few people off the people boards (vendor staff, suspended, deleted): the
//   viewer's rank on the default board is the bucket's index entries ahead of them less these.
const aggregates = ["recognition_user_points", "recognition_org_points"];

export async function up(db: Kysely<unknown>) {
  for (const table of aggregates) {
    await sql`create statistics ${sql.id(`${table}_period_period_start_stat`)} (dependencies, mcv) on period, period_start from ${sql.table(table)}`.execute(db);
    await sql`analyze ${sql.table(table)}`.execute(db);
  }
  await sql`create index users_off_people_boards on users (id) where is_vendor_staff or suspended_until is not null or deleted_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index users_off_people_boards`.execute(db);
  for (const table of aggregates) await sql`drop statistics ${sql.id(`${table}_period_period_start_stat`)}`.execute(db);
}

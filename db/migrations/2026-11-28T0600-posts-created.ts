import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// Search ranks only the newest matches of a common query (docs/decisions/035): walking posts
// newest first lets PostgreSQL stop after those few thousand instead of reading every match.
export async function up(db: Kysely<unknown>) {
  await sql`create index posts_created on posts (created_at desc)`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index posts_created`.execute(db);
}

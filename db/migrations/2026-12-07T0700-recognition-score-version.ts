import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// Each write of a person's recognition profile takes a new number from one sequence, so a page's
// header can tell whether the score it loaded is older than a toast it has already shown
// (docs/decisions/042).
export async function up(db: Kysely<unknown>) {
  await sql`create sequence recognition_profile_versions`.execute(db);
  await sql`alter table recognition_profiles add column version bigint not null default nextval('recognition_profile_versions')`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table recognition_profiles drop column version`.execute(db);
  await sql`drop sequence recognition_profile_versions`.execute(db);
}

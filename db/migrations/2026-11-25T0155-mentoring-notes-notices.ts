import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// 2026-11-25T0100-mentoring reached main before these two needs were found; it is not edited.
const statements = [
  // Notes are Markdown rendered (and sanitized) once when saved, like forum posts.
  sql`alter table mentorship_notes add column body_html text not null default ''`,
  sql`alter table mentorship_notes alter column body_html drop default`,
  // Mentoring notices go through the existing notification centre. Its kind list was a check
  // constraint naming forum kinds only; other features add kinds too, so the list now lives in
  // the application's type (app/domain/follow/kinds.ts) and the database only checks the shape.
  sql`alter table notifications drop constraint if exists notifications_kind_check`,
  sql`alter table notifications add constraint notifications_kind_shape check (kind ~ '^[a-z_]+$')`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`alter table notifications drop constraint if exists notifications_kind_shape`.execute(db);
  await sql`alter table mentorship_notes drop column if exists body_html`.execute(db);
}

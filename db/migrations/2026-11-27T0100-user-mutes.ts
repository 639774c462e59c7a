import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// Muting someone is one person's view of another (docs/decisions/023): their posts collapse for
// the muter, they cannot message the muter and do not notify them. Apart from user_blocks, which
// is symmetric and about conversations only.
export async function up(db: Kysely<unknown>) {
  await sql`create table user_mutes (
    muter_id text not null references users (id) on delete cascade,
    muted_id text not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (muter_id, muted_id),
    check (muter_id <> muted_id)
  )`.execute(db);
  // "Who muted this author?": notification delivery and the message check ask it from the muted side.
  await sql`create index user_mutes_muted_idx on user_mutes (muted_id)`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table user_mutes`.execute(db);
}

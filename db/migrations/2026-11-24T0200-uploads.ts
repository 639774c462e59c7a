import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // The file lives in DATA_DIR/uploads/<id>; this row says who may see it. An attachment with no
  // post is a preview only its uploader sees. removed_at keeps a removed avatar's row for the hourly
  // upload count after its file is gone.
  sql`create table uploads (
    id text primary key,
    uploader_id text not null references users (id) on delete cascade,
    kind text not null check (kind in ('attachment', 'avatar')),
    post_id text references posts (id) on delete set null,
    width integer not null,
    height integer not null,
    bytes integer not null,
    mime text not null check (mime in ('image/jpeg', 'image/png', 'image/webp')),
    created_at timestamptz not null default now(),
    removed_at timestamptz,
    check (kind = 'attachment' or post_id is null)
  )`,
  sql`create index uploads_uploader_recent on uploads (uploader_id, created_at desc)`,
  sql`create index uploads_post on uploads (post_id) where post_id is not null`,
  sql`create unique index uploads_one_avatar on uploads (uploader_id) where kind = 'avatar' and removed_at is null`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table if exists uploads`.execute(db);
}

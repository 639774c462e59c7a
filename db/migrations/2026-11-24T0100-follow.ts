import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // One row per notice. (user, kind, source_key) names what it is about (a post, a reaction, a
  // reminder slot), so a redelivered event or a re-run job inserts nothing twice.
  sql`create table notifications (
    id bigint generated always as identity primary key,
    user_id text not null references users (id) on delete cascade,
    kind text not null check (kind in ('reply', 'mention', 'quote', 'reaction', 'accepted', 'watching', 'reminder')),
    actor_id text references users (id) on delete set null,
    thread_id text references threads (id) on delete cascade,
    post_id text references posts (id) on delete cascade,
    data jsonb not null default '{}',
    source_key text not null,
    event_id bigint,
    created_at timestamptz not null default now(),
    read_at timestamptz,
    unique (user_id, kind, source_key)
  )`,
  sql`create index notifications_user_recent on notifications (user_id, id desc)`,
  sql`create index notifications_user_unread on notifications (user_id) where read_at is null`,
  sql`create index notifications_event on notifications (event_id) where event_id is not null`,
  // Only kinds someone turned off are stored; a missing row means on.
  sql`create table notification_preferences (
    user_id text not null references users (id) on delete cascade,
    kind text not null,
    enabled boolean not null,
    primary key (user_id, kind)
  )`,
  sql`create table thread_watches (
    user_id text not null references users (id) on delete cascade,
    thread_id text not null references threads (id) on delete cascade,
    level text not null check (level in ('watching', 'normal', 'muted')),
    updated_at timestamptz not null default now(),
    primary key (user_id, thread_id)
  )`,
  sql`create index thread_watches_thread on thread_watches (thread_id, level)`,
  sql`create table category_watches (
    user_id text not null references users (id) on delete cascade,
    category_id integer not null references categories (id) on delete cascade,
    level text not null check (level in ('watching', 'normal', 'muted')),
    updated_at timestamptz not null default now(),
    primary key (user_id, category_id)
  )`,
  sql`create index category_watches_category on category_watches (category_id, level)`,
  sql`create table thread_reads (
    user_id text not null references users (id) on delete cascade,
    thread_id text not null references threads (id) on delete cascade,
    last_read_post_number integer not null,
    updated_at timestamptz not null default now(),
    primary key (user_id, thread_id)
  )`,
  sql`create table bookmarks (
    id bigint generated always as identity primary key,
    user_id text not null references users (id) on delete cascade,
    post_id text not null references posts (id) on delete cascade,
    note text not null default '',
    remind_at timestamptz,
    created_at timestamptz not null default now(),
    unique (user_id, post_id)
  )`,
  sql`create index bookmarks_user_recent on bookmarks (user_id, created_at desc)`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of ["bookmarks", "thread_reads", "category_watches", "thread_watches", "notification_preferences", "notifications"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}

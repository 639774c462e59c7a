import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // array_to_string is only STABLE (it could format any element type), so a generated column may
  // not call it; over text[] it cannot change, which this wrapper states.
  sql`create function directory_words(text[]) returns text language sql immutable parallel safe
    as $$ select coalesce(array_to_string($1, ' '), '') $$`,
  // Directory search: one weighted document per person and per organization, kept by PostgreSQL.
  sql`alter table users add column directory_search tsvector generated always as (
    setweight(to_tsvector('english', display_name || ' ' || handle), 'A') ||
    setweight(to_tsvector('english', title || ' ' || directory_words(expertise)), 'B') ||
    setweight(to_tsvector('english', bio), 'C')
  ) stored`,
  sql`create index users_directory_search on users using gin (directory_search)`,
  sql`create index users_expertise on users using gin (expertise)`,
  sql`create index users_languages on users using gin (languages)`,
  sql`create index users_region on users (region)`,
  sql`create index users_display_name on users (lower(display_name), id)`,
  sql`alter table organizations add column directory_search tsvector generated always as (
    setweight(to_tsvector('english', name), 'A') ||
    setweight(to_tsvector('english', directory_words(specializations) || ' ' || directory_words(certifications)), 'B') ||
    setweight(to_tsvector('english', description || ' ' || directory_words(countries) || ' ' || directory_words(segments)), 'C')
  ) stored`,
  sql`create index organizations_directory_search on organizations using gin (directory_search)`,
  sql`create index organizations_specializations on organizations using gin (specializations)`,
  sql`create index organizations_certifications on organizations using gin (certifications)`,
  sql`create index organizations_segments on organizations using gin (segments)`,
  sql`create index organizations_regions on organizations using gin (regions)`,
  sql`create index organizations_tier on organizations (tier)`,

  // Following people and organizations (thread watches stay in thread_watches).
  sql`create table user_follows (
    follower_id text not null references users (id) on delete cascade,
    followee_id text not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (follower_id, followee_id),
    check (follower_id <> followee_id)
  )`,
  sql`create index user_follows_followee on user_follows (followee_id)`,
  sql`create table organization_follows (
    follower_id text not null references users (id) on delete cascade,
    organization_id integer not null references organizations (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (follower_id, organization_id)
  )`,

  // Direct messages: random text ids, so an id in a URL reveals nothing about other conversations.
  sql`create table conversations (
    id text primary key,
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now(),
    last_message_at timestamptz not null default now()
  )`,
  sql`create table conversation_participants (
    conversation_id text not null references conversations (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    joined_at timestamptz not null default now(),
    last_read_at timestamptz,
    muted boolean not null default false,
    primary key (conversation_id, user_id)
  )`,
  sql`create index conversation_participants_user on conversation_participants (user_id)`,
  sql`create table messages (
    id text primary key,
    conversation_id text not null references conversations (id) on delete cascade,
    author_id text not null references users (id) on delete cascade,
    body_source text not null,
    body_html text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create index messages_conversation on messages (conversation_id, created_at)`,
  sql`create index messages_author_recent on messages (author_id, created_at)`,
  sql`create table user_blocks (
    blocker_id text not null references users (id) on delete cascade,
    blocked_id text not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (blocker_id, blocked_id),
    check (blocker_id <> blocked_id)
  )`,
  sql`create index user_blocks_blocked on user_blocks (blocked_id)`,
  // Read by the moderation queue later; one report per person and message.
  sql`create table message_reports (
    id bigint generated always as identity primary key,
    message_id text not null references messages (id) on delete cascade,
    reporter_id text not null references users (id) on delete cascade,
    reason text not null default '',
    created_at timestamptz not null default now(),
    resolved_at timestamptz,
    resolved_by text references users (id) on delete set null,
    unique (message_id, reporter_id)
  )`,
  sql`create index message_reports_open on message_reports (created_at) where resolved_at is null`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of ["message_reports", "user_blocks", "messages", "conversation_participants", "conversations", "organization_follows", "user_follows"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`alter table organizations drop column if exists directory_search`.execute(db);
  await sql`alter table users drop column if exists directory_search`.execute(db);
  await sql`drop function if exists directory_words(text[])`.execute(db);
}

import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  sql`create table categories (
    id integer generated always as identity primary key,
    slug text not null unique,
    name text not null,
    description text not null default '',
    position integer not null default 0,
    color text not null default '#1c5fbf',
    visibility text not null default 'public' check (visibility in ('public', 'members', 'staff', 'council')),
    council_id text,
    community_sector boolean not null default false,
    thread_count integer not null default 0,
    post_count integer not null default 0,
    last_posted_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create table tags (
    id integer generated always as identity primary key,
    slug text not null unique,
    name text not null,
    description text not null default ''
  )`,
  // Thread and post ids are random text: public ids must not reveal private (council) activity.
  sql`create table threads (
    id text primary key,
    category_id integer not null references categories (id),
    author_id text not null references users (id),
    title text not null,
    slug text not null,
    reply_count integer not null default 0,
    accepted_post_id text,
    pinned_at timestamptz,
    locked_at timestamptz,
    hidden_at timestamptz,
    deleted_at timestamptz,
    last_posted_at timestamptz not null default now(),
    last_post_id text,
    created_at timestamptz not null default now(),
    search tsvector generated always as (to_tsvector('english', title)) stored
  )`,
  sql`create index threads_category_activity on threads (category_id, pinned_at desc nulls last, last_posted_at desc)`,
  sql`create index threads_activity on threads (last_posted_at desc)`,
  sql`create index threads_created on threads (created_at desc)`,
  sql`create index threads_author on threads (author_id)`,
  sql`create index threads_search on threads using gin (search)`,
  sql`create table thread_tags (
    thread_id text not null references threads (id) on delete cascade,
    tag_id integer not null references tags (id) on delete cascade,
    primary key (thread_id, tag_id)
  )`,
  sql`create index thread_tags_tag on thread_tags (tag_id)`,
  sql`create table posts (
    id text primary key,
    thread_id text not null references threads (id) on delete cascade,
    post_number integer not null,
    author_id text not null references users (id),
    reply_to_post_id text,
    body_source text not null,
    body_html text not null,
    renderer_version integer not null,
    reaction_count integer not null default 0,
    edit_count integer not null default 0,
    edited_at timestamptz,
    hidden_at timestamptz,
    deleted_at timestamptz,
    created_at timestamptz not null default now(),
    search tsvector generated always as (to_tsvector('english', body_source)) stored,
    unique (thread_id, post_number)
  )`,
  sql`create index posts_author_created on posts (author_id, created_at desc)`,
  sql`create index posts_search on posts using gin (search)`,
  sql`create table post_revisions (
    id integer generated always as identity primary key,
    post_id text not null references posts (id) on delete cascade,
    revision integer not null,
    editor_id text not null references users (id),
    title text,
    body_source text not null,
    created_at timestamptz not null default now(),
    unique (post_id, revision)
  )`,
  sql`create table reactions (
    post_id text not null references posts (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    kind text not null check (kind in ('like', 'thanks', 'insightful')),
    created_at timestamptz not null default now(),
    primary key (post_id, user_id, kind)
  )`,
  sql`create table post_mentions (
    post_id text not null references posts (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    primary key (post_id, user_id)
  )`,
  sql`create table drafts (
    user_id text not null references users (id) on delete cascade,
    key text not null,
    title text not null default '',
    body text not null default '',
    data jsonb not null default '{}',
    updated_at timestamptz not null default now(),
    primary key (user_id, key)
  )`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of ["drafts", "post_mentions", "reactions", "post_revisions", "posts", "thread_tags", "threads", "tags", "categories"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}

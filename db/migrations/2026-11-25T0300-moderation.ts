import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // Settings admins change at run time (flag threshold, new-account hold, limits): one row per key.
  sql`create table moderation_settings (
    key text primary key,
    value jsonb not null,
    updated_by text references users (id) on delete set null,
    updated_at timestamptz not null default now()
  )`,
  // One flag per person and post; outcome is filled when a moderator settles the post's review,
  // and feeds the flagger's accuracy (and so the weight of their next flags).
  sql`create table post_flags (
    id integer generated always as identity primary key,
    post_id text not null references posts (id) on delete cascade,
    flagger_id text not null references users (id) on delete cascade,
    reason text not null check (reason in ('spam', 'off_topic', 'inappropriate', 'other')),
    note text not null default '',
    weight real not null,
    outcome text check (outcome in ('agreed', 'disagreed')),
    created_at timestamptz not null default now(),
    unique (post_id, flagger_id)
  )`,
  sql`create index post_flags_flagger_recent on post_flags (flagger_id, created_at desc)`,
  // The review queue: at most one open item per post (flagged or held from a new account).
  sql`create table review_items (
    id integer generated always as identity primary key,
    post_id text not null references posts (id) on delete cascade,
    kind text not null check (kind in ('flagged', 'held')),
    status text not null default 'pending' check (status in ('pending', 'deferred', 'agreed', 'disagreed')),
    flag_weight real not null default 0,
    auto_hidden boolean not null default false,
    claimed_by text references users (id) on delete set null,
    claimed_at timestamptz,
    settled_by text references users (id) on delete set null,
    settled_at timestamptz,
    resolution text check (resolution in ('hidden', 'deleted', 'restored', 'approved')),
    created_at timestamptz not null default now()
  )`,
  sql`create unique index review_items_one_open on review_items (post_id) where status in ('pending', 'deferred')`,
  sql`create index review_items_open on review_items (created_at) where status in ('pending', 'deferred')`,
  // Silence: may read and react, may not post or flag. (Suspension lives on users.suspended_until.)
  sql`create table user_silences (
    user_id text primary key references users (id) on delete cascade,
    until timestamptz not null,
    reason text not null,
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now()
  )`,
  // What a member is told about moderation of their content or account.
  sql`create table moderation_notices (
    id integer generated always as identity primary key,
    user_id text not null references users (id) on delete cascade,
    post_id text references posts (id) on delete set null,
    message text not null,
    created_at timestamptz not null default now(),
    read_at timestamptz
  )`,
  sql`create index moderation_notices_unread on moderation_notices (user_id) where read_at is null`,
  // Who may start threads and reply in a category, on top of who may see it (categories.visibility).
  sql`create table category_posting_rules (
    category_id integer primary key references categories (id) on delete cascade,
    start_threads text not null default 'members' check (start_threads in ('members', 'staff')),
    reply text not null default 'members' check (reply in ('members', 'staff'))
  )`,
  // Manual recognition awards by moderators; the recognition engine scores their events.
  sql`create table recognition_awards (
    id integer generated always as identity primary key,
    recipient_id text not null references users (id) on delete cascade,
    moderator_id text references users (id) on delete set null,
    kind text not null check (kind in ('points', 'badge')),
    points integer,
    badge text,
    reason text not null,
    post_id text references posts (id) on delete set null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    revoked_by text references users (id) on delete set null,
    revoke_reason text,
    check ((kind = 'points' and points is not null and badge is null) or (kind = 'badge' and badge is not null and points is null))
  )`,
  sql`create index recognition_awards_recipient on recognition_awards (recipient_id, created_at desc)`,
  // The audit log: searchable, and never edited. The category lets the log hide council content
  // from moderators outside that council.
  sql`alter table audit_log add column category_id integer`,
  sql`create index audit_log_action on audit_log (action, created_at desc)`,
  sql`create index audit_log_target on audit_log (target_type, target_id)`,
  sql`create index audit_log_actor on audit_log (actor_id, created_at desc)`,
  sql`create function audit_log_is_append_only() returns trigger language plpgsql as $$
    begin
      -- The one permitted change: a deleted person's id cleared by the foreign key.
      if tg_op = 'UPDATE' and new.actor_id is null and old.actor_id is not null
         and (to_jsonb(new) - 'actor_id') = (to_jsonb(old) - 'actor_id') then
        return new;
      end if;
      raise exception 'the audit log is append-only';
    end
  $$`,
  sql`create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_is_append_only()`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop trigger if exists audit_log_append_only on audit_log`.execute(db);
  await sql`drop function if exists audit_log_is_append_only()`.execute(db);
  await sql`drop index if exists audit_log_action`.execute(db);
  await sql`drop index if exists audit_log_target`.execute(db);
  await sql`drop index if exists audit_log_actor`.execute(db);
  await sql`alter table audit_log drop column if exists category_id`.execute(db);
  for (const table of [
    "recognition_awards",
    "category_posting_rules",
    "moderation_notices",
    "user_silences",
    "review_items",
    "post_flags",
    "moderation_settings",
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}

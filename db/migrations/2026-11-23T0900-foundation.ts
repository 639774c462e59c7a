import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  sql`create table organizations (
    id integer generated always as identity primary key,
    slug text not null unique,
    name text not null,
    tier text not null check (tier in ('registered', 'silver', 'gold', 'platinum')),
    regions text[] not null default '{}',
    countries text[] not null default '{}',
    specializations text[] not null default '{}',
    certifications text[] not null default '{}',
    community_sector boolean not null default false,
    segments text[] not null default '{}',
    website text,
    description text not null default '',
    created_at timestamptz not null default now()
  )`,
  sql`create table users (
    id text primary key,
    email text not null,
    handle text not null,
    display_name text not null,
    password_hash text,
    role text not null default 'member'
      check (role in ('member', 'partner_admin', 'moderator', 'admin')),
    organization_id integer references organizations (id),
    is_vendor_staff boolean not null default false,
    title text not null default '',
    bio text not null default '',
    time_zone text not null default 'UTC',
    languages text[] not null default '{}',
    expertise text[] not null default '{}',
    region text,
    suspended_until timestamptz,
    suspension_reason text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`,
  sql`create unique index users_email_key on users (lower(email))`,
  sql`create unique index users_handle_key on users (lower(handle))`,
  sql`create index users_organization_idx on users (organization_id)`,
  sql`create table sessions (
    id text primary key,
    user_id text not null references users (id) on delete cascade,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    ip text,
    user_agent text
  )`,
  sql`create index sessions_user_idx on sessions (user_id)`,
  sql`create table invitations (
    id integer generated always as identity primary key,
    organization_id integer not null references organizations (id) on delete cascade,
    token_hash text not null unique,
    email text,
    created_by text not null references users (id),
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    accepted_by text references users (id),
    accepted_at timestamptz,
    revoked_at timestamptz
  )`,
  sql`create table join_requests (
    id integer generated always as identity primary key,
    user_id text not null references users (id) on delete cascade,
    organization_id integer not null references organizations (id) on delete cascade,
    message text not null default '',
    status text not null default 'pending'
      check (status in ('pending', 'approved', 'declined', 'cancelled')),
    decided_by text references users (id),
    decided_at timestamptz,
    created_at timestamptz not null default now()
  )`,
  sql`create unique index join_requests_one_pending on join_requests (user_id) where status = 'pending'`,
  sql`create index join_requests_org_pending on join_requests (organization_id) where status = 'pending'`,
  sql`create table login_throttle (
    key text primary key,
    failures integer not null,
    last_failure_at timestamptz not null
  )`,
  sql`create table outbox_events (
    id bigint generated always as identity primary key,
    txid xid8 not null default pg_current_xact_id(),
    type text not null,
    payload jsonb not null,
    actor_id text,
    occurred_at timestamptz not null default now(),
    dispatched_at timestamptz
  )`,
  sql`create index outbox_events_pending on outbox_events (txid, id) where dispatched_at is null`,
  sql`create index outbox_events_order on outbox_events (txid, id)`,
  sql`create table jobs (
    id bigint generated always as identity primary key,
    kind text not null,
    payload jsonb not null default '{}',
    run_at timestamptz not null default now(),
    unique_key text unique,
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    locked_by text,
    locked_until timestamptz,
    completed_at timestamptz,
    failed_at timestamptz,
    last_error text,
    created_at timestamptz not null default now()
  )`,
  sql`create index jobs_due on jobs (run_at) where completed_at is null and failed_at is null`,
  sql`create table audit_log (
    id bigint generated always as identity primary key,
    actor_id text references users (id) on delete set null,
    action text not null,
    target_type text not null,
    target_id text not null,
    reason text,
    before jsonb,
    after jsonb,
    created_at timestamptz not null default now()
  )`,
  sql`create index audit_log_created on audit_log (created_at desc)`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of [
    "audit_log",
    "jobs",
    "outbox_events",
    "login_throttle",
    "join_requests",
    "invitations",
    "sessions",
    "users",
    "organizations",
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}

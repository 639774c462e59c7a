import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // One import (a file, from the admin page or the CLI): who, when, how many rows.
  sql`create table program_imports (
    id integer generated always as identity primary key,
    file_name text not null,
    actor_id text references users (id) on delete set null,
    rows_imported integer not null,
    rows_skipped integer not null,
    periods text[] not null,
    created_at timestamptz not null default now()
  )`,
  // Program performance per organization and period (a month or a quarter, by its first day).
  // Re-importing a period replaces that period's rows, so the key is (organization, kind, start).
  sql`create table program_performance (
    organization_id integer not null references organizations (id) on delete cascade,
    period_kind text not null check (period_kind in ('month', 'quarter')),
    period_start date not null,
    revenue numeric(16, 2) not null check (revenue >= 0),
    registered_deals integer not null check (registered_deals >= 0),
    won_deals integer not null check (won_deals >= 0),
    certifications integer not null check (certifications >= 0),
    tier text not null check (tier in ('registered', 'silver', 'gold', 'platinum')),
    import_id integer references program_imports (id) on delete set null,
    primary key (organization_id, period_kind, period_start)
  )`,
  sql`create index program_performance_period on program_performance (period_start, organization_id)`,
  // Engagement per organization and month, aggregated from the recognition ledger so that the
  // dashboard reads 10,000 organizations x 24 months without scanning the ledger.
  sql`create table analytics_engagement_monthly (
    organization_id integer not null references organizations (id) on delete cascade,
    month date not null,
    points integer not null default 0,
    active_members integer not null default 0,
    accepted_answers integer not null default 0,
    mentoring_sessions integer not null default 0,
    council_contributions integer not null default 0,
    primary key (organization_id, month)
  )`,
  sql`create index analytics_engagement_monthly_month on analytics_engagement_monthly (month, organization_id)`,
  // The refresh re-aggregates recent months; without this it would read the whole ledger.
  // Unnamed, like the recognition tables' own indexes, so the rebuild's table copies match.
  sql`create index on recognition_ledger (occurred_at)`,
  // Accepted answers that crossed organizations: the answerer's organization helped another.
  sql`create table analytics_cross_org_answers (
    helper_organization_id integer not null references organizations (id) on delete cascade,
    helped_organization_id integer not null references organizations (id) on delete cascade,
    month date not null,
    answers integer not null,
    primary key (month, helper_organization_id, helped_organization_id)
  )`,
  // Integration keys for the external points API: only a hash of the secret is stored.
  sql`create table api_keys (
    id integer generated always as identity primary key,
    name text not null,
    scopes text[] not null,
    prefix text not null unique,
    secret_hash text not null,
    created_by text references users (id) on delete set null,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    last_used_at timestamptz
  )`,
  // The first answer to each (key, idempotency key): a replay returns it unchanged.
  sql`create table api_requests (
    api_key_id integer not null references api_keys (id) on delete cascade,
    idempotency_key text not null,
    request_hash text not null,
    status integer not null,
    response jsonb not null,
    outbox_event_id integer,
    created_at timestamptz not null default now(),
    primary key (api_key_id, idempotency_key)
  )`,
  // Fixed one-minute windows per key, shared by every app process.
  sql`create table api_rate_windows (
    api_key_id integer not null references api_keys (id) on delete cascade,
    window_start timestamptz not null,
    requests integer not null,
    primary key (api_key_id, window_start)
  )`,
  // Identifiers other systems (PRM, LMS, event tools) use for our people and organizations.
  sql`create table external_identities (
    system text not null,
    external_id text not null,
    user_id text references users (id) on delete cascade,
    organization_id integer references organizations (id) on delete cascade,
    check ((user_id is null) <> (organization_id is null)),
    primary key (system, external_id)
  )`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index if exists recognition_ledger_occurred_at_idx`.execute(db);
  for (const table of [
    "external_identities",
    "api_rate_windows",
    "api_requests",
    "api_keys",
    "analytics_cross_org_answers",
    "analytics_engagement_monthly",
    "program_performance",
    "program_imports",
  ]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}

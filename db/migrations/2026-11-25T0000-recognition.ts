import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
//
// Every table but recognition_rule_versions is a projection of the outbox, written only by the
// recognition engine and replaced wholesale by `npm run recognition:rebuild`. Hence:
// - no foreign keys (the rebuild builds copies in another schema and swaps them in);
// - indexes keep PostgreSQL's default names (created without a name), so a copy made with
//   `create table ... (like ... including all)` has exactly the same index names.
// See docs/decisions/011-recognition-engine.md.

/** Rule set in force from the beginning: the product brief's defaults. */
const defaultRules = {
  rules: {
    thread_created: { points: 5, dailyCap: null, enabled: true },
    reply_posted: { points: 2, dailyCap: null, enabled: true },
    reaction_received: { points: 5, dailyCap: 200, enabled: true },
    answer_accepted: { points: 15, dailyCap: null, enabled: true },
    answer_accepted_asker: { points: 2, dailyCap: null, enabled: true },
    mentoring_session_confirmed: { points: 10, dailyCap: null, enabled: true },
    mentorship_completed: { points: 50, dailyCap: null, enabled: true },
    council_proposal_authored: { points: 10, dailyCap: null, enabled: true },
    council_meeting_attended: { points: 5, dailyCap: null, enabled: true },
  },
  antiGaming: { pairDailyLimit: 5, sameOrganizationPercent: 50 },
  disabledBadges: [],
};

const statements = [
  // Configuration, not a projection: versions are append-only and never back-dated, so the
  // version in force at an event's occurred_at is the same live and in a replay.
  sql`create table recognition_rule_versions (
    version integer primary key,
    effective_at timestamptz not null,
    rules jsonb not null,
    created_by text references users (id) on delete set null,
    note text not null default '',
    created_at timestamptz not null default now()
  )`,
  sql`create index on recognition_rule_versions (effective_at desc)`,
  sql`insert into recognition_rule_versions (version, effective_at, rules, note)
    values (1, '1970-01-01T00:00:00Z', ${JSON.stringify(defaultRules)}::jsonb, 'Defaults from the product brief')`,

  // The ledger: every point ever given or taken back. Append-only: a reversal is a new row
  // (negative points) naming the original by its natural key (event, rule, recipient).
  sql`create table recognition_ledger (
    id bigint generated always as identity primary key,
    event_id bigint not null,
    rule text not null,
    rule_version integer,
    user_id text not null,
    organization_id integer,
    points integer not null,
    reverses_event_id bigint,
    reverses_rule text,
    actor_id text,
    thread_id text,
    post_id text,
    category_id integer,
    council_id text,
    subject_type text,
    subject_id text,
    note text,
    occurred_at timestamptz not null,
    created_at timestamptz not null default now()
  )`,
  // One credit per event, rule and recipient; one reversal per credit.
  sql`create unique index on recognition_ledger (event_id, rule, user_id) where reverses_event_id is null`,
  sql`create unique index on recognition_ledger (reverses_event_id, reverses_rule, user_id) where reverses_event_id is not null`,
  sql`create index on recognition_ledger (user_id, occurred_at desc, id desc)`,
  sql`create index on recognition_ledger (post_id) where post_id is not null`,
  sql`create index on recognition_ledger (subject_type, subject_id) where subject_type is not null`,

  // Per person: the engine's view of their membership (from events, never the live users row,
  // so a replay decides as live processing did), their total and their level.
  sql`create table recognition_profiles (
    user_id text primary key,
    organization_id integer,
    vendor_staff boolean not null default false,
    joined_at timestamptz not null,
    points integer not null default 0,
    level text not null default 'newcomer',
    level_rank smallint not null default 0,
    level_changed_at timestamptz,
    updated_at timestamptz not null
  )`,
  sql`create index on recognition_profiles (points desc)`,
  sql`create index on recognition_profiles (organization_id)`,

  // Leaderboard aggregates. period: 'all' (period_start 1970-01-01), 'year', 'month', 'week'
  // (ISO week, Monday), all in UTC, bucketed by the event's occurred_at.
  sql`create table recognition_user_points (
    period text not null check (period in ('all', 'year', 'month', 'week')),
    period_start date not null,
    user_id text not null,
    points integer not null,
    primary key (period, period_start, user_id)
  )`,
  sql`create index on recognition_user_points (period, period_start, points desc, user_id)`,
  // Organizations are credited with what their members earned while members.
  sql`create table recognition_org_points (
    period text not null check (period in ('all', 'year', 'month', 'week')),
    period_start date not null,
    organization_id integer not null,
    points integer not null,
    primary key (period, period_start, organization_id)
  )`,
  sql`create index on recognition_org_points (period, period_start, points desc, organization_id)`,

  // One grant per person, badge and tier (manual badges have no tier), ever.
  sql`create table recognition_badge_grants (
    id bigint generated always as identity primary key,
    user_id text not null,
    badge text not null,
    tier text check (tier in ('bronze', 'silver', 'gold')),
    reason text not null,
    event_id bigint not null,
    award_id integer,
    awarded_by text,
    granted_at timestamptz not null,
    revoked_at timestamptz,
    revoked_event_id bigint
  )`,
  sql`create unique index on recognition_badge_grants (user_id, badge, coalesce(tier, ''))`,
  sql`create index on recognition_badge_grants (badge)`,

  sql`create table recognition_level_changes (
    id bigint generated always as identity primary key,
    user_id text not null,
    event_id bigint not null,
    from_level text not null,
    to_level text not null,
    occurred_at timestamptz not null
  )`,
  sql`create unique index on recognition_level_changes (event_id, user_id)`,
  sql`create index on recognition_level_changes (user_id, occurred_at desc)`,

  // The engine's working state (badge criteria counts, caps per day, reaction and thread state).
  sql`create table recognition_counters (
    user_id text not null,
    metric text not null,
    value bigint not null,
    primary key (user_id, metric)
  )`,
  sql`create table recognition_daily (
    user_id text not null,
    day date not null,
    key text not null,
    value integer not null,
    primary key (user_id, day, key)
  )`,
  sql`create table recognition_reactions (
    post_id text not null,
    reactor_id text not null,
    author_id text not null,
    kinds text[] not null,
    counted boolean not null,
    primary key (post_id, reactor_id)
  )`,
  sql`create table recognition_threads (
    thread_id text primary key,
    author_id text not null,
    newcomer_first boolean not null,
    welcomed boolean not null
  )`,
  // Events the engine has applied: a redelivered event is recognised and changes nothing.
  sql`create table recognition_processed (
    event_id bigint primary key
  )`,

  // Badge and level notices in the notification centre.
  sql`alter table notifications drop constraint if exists notifications_kind_check`,
  sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'mention', 'quote', 'reaction', 'accepted', 'watching', 'reminder', 'badge', 'level'))`,
];

const recognitionProjectionTables = [
  "recognition_ledger",
  "recognition_profiles",
  "recognition_user_points",
  "recognition_org_points",
  "recognition_badge_grants",
  "recognition_level_changes",
  "recognition_counters",
  "recognition_daily",
  "recognition_reactions",
  "recognition_threads",
  "recognition_processed",
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`delete from notifications where kind in ('badge', 'level')`.execute(db);
  await sql`alter table notifications drop constraint if exists notifications_kind_check`.execute(db);
  await sql`alter table notifications add constraint notifications_kind_check check (kind in
    ('reply', 'mention', 'quote', 'reaction', 'accepted', 'watching', 'reminder'))`.execute(db);
  for (const table of [...recognitionProjectionTables, "recognition_rule_versions"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}

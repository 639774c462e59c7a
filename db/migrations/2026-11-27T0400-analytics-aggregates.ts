import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
//
// Pre-aggregated tables so a dashboard load reads about 20,000 rows instead of summing 240,000
// (docs/decisions/026-analytics-aggregates.md). Triggers on the source tables queue the
// (organization, month) pairs that changed; the next refresh or dashboard load folds the queue
// into the aggregates, so a write anywhere (import, refresh, a direct insert) is never missed.
const statements = [
  // Running totals per organization from its first month with data to the latest month with
  // data anywhere: a range's sum is the row at its last month minus the row before its first.
  sql`create table analytics_org_cumulative (
    organization_id integer not null references organizations (id) on delete cascade,
    month date not null,
    engagement_months integer not null,
    points bigint not null,
    active_members bigint not null,
    accepted_answers bigint not null,
    mentoring_sessions bigint not null,
    council_contributions bigint not null,
    program_periods integer not null,
    revenue numeric not null,
    registered_deals bigint not null,
    won_deals bigint not null,
    certifications bigint not null,
    primary key (organization_id, month)
  )`,
  sql`create index analytics_org_cumulative_month on analytics_org_cumulative (month, organization_id)`,
  // Monthly totals per group of organizations that filter alike, for the trend lines; a
  // quarter's figures are spread over its three months as the trend shows them.
  sql`create table analytics_segment_monthly (
    month date not null,
    tier text not null,
    community_sector boolean not null,
    regions text[] not null,
    points bigint not null,
    active_members bigint not null,
    accepted_answers bigint not null,
    revenue numeric not null,
    won_deals numeric not null,
    primary key (month, tier, community_sector, regions)
  )`,
  // What changed since the aggregates were last brought up to date. No foreign key: a deleted
  // organization's months must still be recomputed for the trend.
  sql`create table analytics_dirty (
    organization_id integer not null,
    month date not null,
    primary key (organization_id, month)
  )`,
  // The ledger as the last engagement refresh saw it: a dashboard load with the same ledger
  // skips the refresh. The relation's oid changes when a recognition rebuild swaps the ledger.
  sql`create table analytics_refresh_state (
    id boolean primary key default true check (id),
    ledger_relation bigint,
    ledger_max_id bigint
  )`,
  sql`create function analytics_queue_engagement() returns trigger language plpgsql as $$
    begin
      insert into analytics_dirty (organization_id, month)
        select distinct organization_id, month from changed_rows on conflict do nothing;
      return null;
    end $$`,
  // A quarter counts in the trend's three months, so all three are queued.
  sql`create function analytics_queue_program() returns trigger language plpgsql as $$
    begin
      insert into analytics_dirty (organization_id, month)
        select distinct c.organization_id, (c.period_start + make_interval(months => i))::date
        from changed_rows c cross join generate_series(0, case when c.period_kind = 'quarter' then 2 else 0 end) i
        on conflict do nothing;
      return null;
    end $$`,
  // A change of tier, regions or sector moves every month of the organization between groups.
  sql`create function analytics_queue_organization() returns trigger language plpgsql as $$
    begin
      insert into analytics_dirty (organization_id, month)
        select m.organization_id, m.month from analytics_engagement_monthly m
          where m.organization_id in (select n.id from changed_rows n join old_rows o on o.id = n.id
            where (n.tier, n.community_sector, n.regions) is distinct from (o.tier, o.community_sector, o.regions))
        union
        select p.organization_id, (p.period_start + make_interval(months => i))::date from program_performance p
          cross join generate_series(0, case when p.period_kind = 'quarter' then 2 else 0 end) i
          where p.organization_id in (select n.id from changed_rows n join old_rows o on o.id = n.id
            where (n.tier, n.community_sector, n.regions) is distinct from (o.tier, o.community_sector, o.regions))
        on conflict do nothing;
      return null;
    end $$`,
];

const triggers = [
  ["analytics_engagement_monthly", "analytics_queue_engagement"],
  ["program_performance", "analytics_queue_program"],
] as const;

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
  for (const [table, fn] of triggers) {
    // One trigger per event: a transition table names either the new or the old rows.
    await sql`create trigger ${sql.id(`${table}_queue_insert`)} after insert on ${sql.table(table)}
      referencing new table as changed_rows for each statement execute function ${sql.id(fn)}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_queue_update_new`)} after update on ${sql.table(table)}
      referencing new table as changed_rows for each statement execute function ${sql.id(fn)}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_queue_update_old`)} after update on ${sql.table(table)}
      referencing old table as changed_rows for each statement execute function ${sql.id(fn)}()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_queue_delete`)} after delete on ${sql.table(table)}
      referencing old table as changed_rows for each statement execute function ${sql.id(fn)}()`.execute(db);
  }
  await sql`create trigger organizations_analytics_queue after update on organizations
    referencing new table as changed_rows old table as old_rows for each statement
    execute function analytics_queue_organization()`.execute(db);
  // Existing figures: queued, so the first refresh or dashboard load builds the aggregates.
  await sql`insert into analytics_dirty (organization_id, month)
    select organization_id, month from analytics_engagement_monthly
    union
    select p.organization_id, (p.period_start + make_interval(months => i))::date from program_performance p
      cross join generate_series(0, case when p.period_kind = 'quarter' then 2 else 0 end) i`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop trigger if exists organizations_analytics_queue on organizations`.execute(db);
  for (const [table] of triggers) {
    for (const suffix of ["insert", "update_new", "update_old", "delete"]) {
      await sql`drop trigger if exists ${sql.id(`${table}_queue_${suffix}`)} on ${sql.table(table)}`.execute(db);
    }
  }
  for (const fn of ["analytics_queue_engagement", "analytics_queue_program", "analytics_queue_organization"]) {
    await sql`drop function if exists ${sql.id(fn)}()`.execute(db);
  }
  for (const table of ["analytics_refresh_state", "analytics_dirty", "analytics_segment_monthly", "analytics_org_cumulative"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}

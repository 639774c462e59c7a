import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
//
// Directory search documents (docs/decisions/027-directory-search-documents.md): one narrow row
// per listed person and per organization holding what a search reads: the sort key, the text
// document and every facet value as one tag, a one-letter facet code then the value ("rEMEA",
// "tgold", "eGrant reporting", "myes"). Codes: r region, t tier, s specialization,
// c certification, e expertise, l language, g segment, m available as mentor (the search's
// FACET_CODES must match). Kept by statement triggers on the tables they come from, so every
// write (domain code, seeds, tests, admin SQL) keeps them right; a deleted account
// (users.deleted_at set, or the row removed) has no document and leaves the directory.
const statements = [
  sql`create function directory_tags(code text, vals text[]) returns text[] language sql immutable parallel safe
    as $$ select coalesce(array_agg(distinct code || v), '{}') from unnest(vals) v where v is not null $$`,
  // The directory's rule for "available as mentor" (decision 014): accepting, and fewer active
  // mentorships than places.
  sql`create function directory_mentor_available(person text) returns boolean language sql stable
    as $$ select exists (select 1 from mentor_profiles mp where mp.user_id = person and mp.accepting
      and mp.capacity > (select count(*) from mentorships ms where ms.mentor_id = person and ms.status = 'active')) $$`,

  sql`create table directory_people (
    user_id text primary key references users (id) on delete cascade,
    name_key text not null,
    tags text[] not null,
    search tsvector not null
  )`,
  sql`create index directory_people_tags on directory_people using gin (tags)`,
  sql`create index directory_people_search on directory_people using gin (search)`,
  sql`create index directory_people_name on directory_people (name_key, user_id)`,
  // Every key equal, so deduplicated into a few hundred kB: counting all documents reads this
  // index alone, seven times faster than the primary key's 100,000 distinct keys.
  sql`create index directory_people_listed on directory_people ((true))`,
  sql`create table directory_organizations (
    organization_id integer primary key references organizations (id) on delete cascade,
    name_key text not null,
    tags text[] not null,
    search tsvector not null
  )`,
  sql`create index directory_organizations_tags on directory_organizations using gin (tags)`,
  sql`create index directory_organizations_search on directory_organizations using gin (search)`,
  sql`create index directory_organizations_name on directory_organizations (name_key, organization_id)`,

  // Recomputes the documents of these people from their sources; writes only what changed.
  sql`create function directory_refresh_people(ids text[]) returns void language sql as $$
    delete from directory_people d where d.user_id = any(ids)
      and not exists (select 1 from users u where u.id = d.user_id and u.deleted_at is null);
    insert into directory_people (user_id, name_key, tags, search)
    select u.id, lower(u.display_name),
      array_remove(array['r' || u.region, 't' || o.tier, case when directory_mentor_available(u.id) then 'myes' end], null)
        || directory_tags('s', o.specializations) || directory_tags('c', o.certifications) || directory_tags('e', u.expertise)
        || directory_tags('l', u.languages) || directory_tags('g', o.segments),
      u.directory_search
    from users u left join organizations o on o.id = u.organization_id
    where u.id = any(ids) and u.deleted_at is null
    on conflict (user_id) do update set name_key = excluded.name_key, tags = excluded.tags, search = excluded.search
      where (directory_people.name_key, directory_people.tags, directory_people.search) is distinct from (excluded.name_key, excluded.tags, excluded.search)
  $$`,
  sql`create function directory_refresh_organizations(ids integer[]) returns void language sql as $$
    insert into directory_organizations (organization_id, name_key, tags, search)
    select o.id, lower(o.name),
      array_remove(array['t' || o.tier, case when exists (select 1 from users mu where mu.organization_id = o.id
        and mu.deleted_at is null and directory_mentor_available(mu.id)) then 'myes' end], null)
        || directory_tags('r', o.regions) || directory_tags('s', o.specializations) || directory_tags('c', o.certifications)
        || directory_tags('g', o.segments),
      o.directory_search
    from organizations o where o.id = any(ids)
    on conflict (organization_id) do update set name_key = excluded.name_key, tags = excluded.tags, search = excluded.search
      where (directory_organizations.name_key, directory_organizations.tags, directory_organizations.search) is distinct from (excluded.name_key, excluded.tags, excluded.search)
  $$`,

  // Statement triggers with transition tables: a bulk insert refreshes its rows in one pass.
  sql`create function directory_users_inserted() returns trigger language plpgsql as $$ begin
    perform directory_refresh_people(array(select id from added));
    return null;
  end $$`,
  sql`create function directory_users_updated() returns trigger language plpgsql as $$
  declare changed text[];
  begin
    select array_agg(n.id) into changed from added n join removed o on o.id = n.id
      where (n.display_name, n.handle, n.title, n.bio, n.expertise, n.languages, n.region, n.organization_id, n.deleted_at)
        is distinct from (o.display_name, o.handle, o.title, o.bio, o.expertise, o.languages, o.region, o.organization_id, o.deleted_at);
    if changed is null then return null; end if;
    perform directory_refresh_people(changed);
    -- An organization offers mentors through its people: a move or a deletion can change that.
    perform directory_refresh_organizations(array(select n.organization_id from added n where n.id = any(changed) and n.organization_id is not null
      union select o.organization_id from removed o where o.id = any(changed) and o.organization_id is not null));
    return null;
  end $$`,
  sql`create function directory_users_deleted() returns trigger language plpgsql as $$ begin
    perform directory_refresh_organizations(array(select organization_id from removed where organization_id is not null));
    return null;
  end $$`,
  sql`create function directory_organizations_written() returns trigger language plpgsql as $$ begin
    perform directory_refresh_organizations(array(select id from added));
    -- Tier, specializations, certifications and segments are facets of the organization's people.
    if tg_op = 'UPDATE' then
      perform directory_refresh_people(array(select u.id from users u join added n on n.id = u.organization_id join removed o on o.id = n.id
        where (n.tier, n.specializations, n.certifications, n.segments) is distinct from (o.tier, o.specializations, o.certifications, o.segments)));
    end if;
    return null;
  end $$`,
  // Mentor availability: a person's own flag and their organization's. plpgsql plans a statement
  // when it first runs, so a branch may name a transition table its event does not have.
  ...(["mentor_profiles:user_id", "mentorships:mentor_id"].map((entry) => {
    const [table, column] = entry.split(":") as [string, string];
    return sql`create function ${sql.raw(`directory_${table}_written`)}() returns trigger language plpgsql as $$
    declare people text[] := '{}';
    begin
      if tg_op in ('INSERT', 'UPDATE') then people := people || array(select ${sql.raw(column)} from added); end if;
      if tg_op in ('UPDATE', 'DELETE') then people := people || array(select ${sql.raw(column)} from removed); end if;
      perform directory_refresh_people(people);
      perform directory_refresh_organizations(array(select distinct organization_id from users where id = any(people) and organization_id is not null));
      return null;
    end $$`;
  })),
];

// One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
const triggers: [table: string, event: "insert" | "update" | "delete", fn: string][] = [
  ["users", "insert", "directory_users_inserted"],
  ["users", "update", "directory_users_updated"],
  ["users", "delete", "directory_users_deleted"],
  ["organizations", "insert", "directory_organizations_written"],
  ["organizations", "update", "directory_organizations_written"],
  ["mentor_profiles", "insert", "directory_mentor_profiles_written"],
  ["mentor_profiles", "update", "directory_mentor_profiles_written"],
  ["mentor_profiles", "delete", "directory_mentor_profiles_written"],
  ["mentorships", "insert", "directory_mentorships_written"],
  ["mentorships", "update", "directory_mentorships_written"],
  ["mentorships", "delete", "directory_mentorships_written"],
];

function triggerStatement(table: string, event: "insert" | "update" | "delete", fn: string) {
  const referencing = { insert: "new table as added", update: "new table as added old table as removed", delete: "old table as removed" }[event];
  return sql`create trigger ${sql.raw(`directory_${table}_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
    referencing ${sql.raw(referencing)} for each statement execute function ${sql.raw(fn)}()`;
}

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
  for (const [table, event, fn] of triggers) await triggerStatement(table, event, fn).execute(db);
  await sql`select directory_refresh_organizations(array(select id from organizations))`.execute(db);
  await sql`select directory_refresh_people(array(select id from users))`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const [table, event] of triggers) await sql`drop trigger if exists ${sql.raw(`directory_${table}_${event}`)} on ${sql.table(table)}`.execute(db);
  await sql`drop table if exists directory_organizations`.execute(db);
  await sql`drop table if exists directory_people`.execute(db);
  for (const fn of ["directory_users_inserted()", "directory_users_updated()", "directory_users_deleted()", "directory_organizations_written()", "directory_mentor_profiles_written()", "directory_mentorships_written()", "directory_refresh_people(text[])", "directory_refresh_organizations(integer[])", "directory_mentor_available(text)", "directory_tags(text, text[])"]) {
    await sql`drop function if exists ${sql.raw(fn)}`.execute(db);
  }
}

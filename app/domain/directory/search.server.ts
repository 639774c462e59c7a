import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "../../../db/schema";
import { levelOfPerson, pointsThisQuarter } from "./hooks.server";
import { availableMentors, organizationsWithMentors } from "./mentors.server";
import { PAGE_SIZE, prefixTsQuery, type DirectoryQuery, type DirectoryTab, type FacetKey, type SortKey } from "./query";

/**
 * Directory search: PostgreSQL full text (GIN on generated tsvector columns) plus facets with
 * counts. Facets are disjunctive (docs/decisions/014-directory-and-messages.md): a facet's counts
 * apply every other facet's filter but not its own, so ticking "EMEA" still shows how many are
 * in "APAC". All counts come from one statement over one materialized candidate set.
 */
interface FacetDef {
  key: FacetKey;
  kind: "scalar" | "array" | "flag";
  expression: RawBuilder<unknown>;
}

const TOP_VALUES = 15;

/**
 * Above this many text matches, facet counts come from a repeatable sample of about SAMPLE_SIZE
 * rows, scaled up and shown as "about" (decision 014): exact counts over 100,000 people cost
 * more than a page view may take.
 */
export interface CountingOptions {
  exactUpTo?: number;
  sampleSize?: number;
}
const EXACT_UP_TO = 10_000;
const SAMPLE_SIZE = 4_000;

function facetDefs(tab: DirectoryTab): FacetDef[] {
  if (tab === "people") {
    return [
      { key: "region", kind: "scalar", expression: sql`u.region` },
      { key: "tier", kind: "scalar", expression: sql`o.tier` },
      { key: "specialization", kind: "array", expression: sql`o.specializations` },
      { key: "certification", kind: "array", expression: sql`o.certifications` },
      { key: "expertise", kind: "array", expression: sql`u.expertise` },
      { key: "language", kind: "array", expression: sql`u.languages` },
      { key: "segment", kind: "array", expression: sql`o.segments` },
      { key: "mentor", kind: "flag", expression: sql`am.user_id is not null` },
    ];
  }
  return [
    { key: "region", kind: "array", expression: sql`o.regions` },
    { key: "tier", kind: "scalar", expression: sql`o.tier` },
    { key: "specialization", kind: "array", expression: sql`o.specializations` },
    { key: "certification", kind: "array", expression: sql`o.certifications` },
    { key: "segment", kind: "array", expression: sql`o.segments` },
    { key: "mentor", kind: "flag", expression: sql`om.organization_id is not null` },
  ];
}

export const sortsOf = (): SortKey[] => (pointsThisQuarter() ? ["relevance", "contribution", "name"] : ["relevance", "name"]);

function matches(facet: FacetDef, values: string[]): RawBuilder<boolean> {
  switch (facet.kind) {
    case "scalar":
      return sql<boolean>`(${facet.expression})::text = any(${sql.val(values)}::text[])`;
    case "array":
      return sql<boolean>`${facet.expression} && ${sql.val(values)}::text[]`;
    case "flag":
      return sql<boolean>`coalesce(${facet.expression}, false)`;
  }
}

/** Sampling is for facet counts only (see countFacets); results and totals are always exact. */
const source = (tab: DirectoryTab, samplePercent: number | null = null) => {
  const sample = samplePercent === null ? sql`` : sql` tablesample system (${sql.lit(samplePercent)}) repeatable (7)`;
  return tab === "people"
    ? sql`users u${sample} left join organizations o on o.id = u.organization_id left join ${availableMentors} am on am.user_id = u.id`
    : sql`organizations o${sample} left join ${organizationsWithMentors} om on om.organization_id = o.id`;
};
const searchColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.directory_search` : sql`o.directory_search`);
const nameColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.display_name` : sql`o.name`);
const idColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.id` : sql`o.id`);

function textCondition(tab: DirectoryTab, tsQuery: string): RawBuilder<boolean> {
  return tsQuery ? sql<boolean>`${searchColumn(tab)} @@ to_tsquery('english', ${tsQuery})` : sql<boolean>`true`;
}

export interface FacetValueCount {
  value: string;
  count: number;
  selected: boolean;
}

export interface DirectoryFacet {
  key: FacetKey;
  values: FacetValueCount[];
  /** Counts estimated from a sample, rounded: shown as "about". */
  approximate: boolean;
}

export interface PersonHit {
  id: string;
  handle: string;
  display_name: string;
  title: string;
  region: string | null;
  expertise: string[];
  languages: string[];
  time_zone: string;
  organization_name: string | null;
  organization_slug: string | null;
  tier: string | null;
  available_as_mentor: boolean;
  /** Recognition level id (`levels.ts`); "newcomer" when they have no profile yet. */
  level: string;
}

export interface OrganizationHit {
  id: number;
  slug: string;
  name: string;
  tier: string;
  regions: string[];
  specializations: string[];
  segments: string[];
  community_sector: boolean;
  member_count: number;
  offers_mentors: boolean;
}

export type DirectoryResults =
  | { tab: "people"; total: number; page: number; pageCount: number; hits: PersonHit[]; facets: DirectoryFacet[] }
  | { tab: "organizations"; total: number; page: number; pageCount: number; hits: OrganizationHit[]; facets: DirectoryFacet[] };

export async function searchDirectory(db: Kysely<DB>, query: DirectoryQuery, counting: CountingOptions = {}): Promise<DirectoryResults> {
  const defs = facetDefs(query.tab);
  const active = defs.filter((facet) => (query.filters[facet.key]?.length ?? 0) > 0);
  const tsQuery = prefixTsQuery(query.text);
  const exactUpTo = counting.exactUpTo ?? EXACT_UP_TO;
  const [hits, matches] = await Promise.all([findHits(db, query, active, tsQuery), countTextMatches(db, query.tab, tsQuery)]);
  const samplePercent = matches > exactUpTo ? Math.min(100, Math.max(0.1, Math.round((1000 * (counting.sampleSize ?? SAMPLE_SIZE)) / matches) / 10)) : null;
  const facets = await countFacets(db, query, defs, active, tsQuery, samplePercent);
  const total = hits.total;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { tab: query.tab, total, page: query.page, pageCount, hits: hits.rows, facets } as DirectoryResults;
}

async function countTextMatches(db: Kysely<DB>, tab: DirectoryTab, tsQuery: string) {
  const table = tab === "people" ? sql`users u` : sql`organizations o`;
  const result = await sql<{ n: number }>`select count(*)::int as n from ${table} where ${textCondition(tab, tsQuery)}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

function orderBy(tab: DirectoryTab, sort: SortKey, tsQuery: string) {
  const name = sql`lower(${nameColumn(tab)}), ${idColumn(tab)}`;
  const points = tab === "people" ? pointsThisQuarter() : null;
  if (sort === "contribution" && points) return sql`${points} desc nulls last, ${name}`;
  if (sort === "relevance" && tsQuery) return sql`ts_rank(${searchColumn(tab)}, to_tsquery('english', ${tsQuery})) desc, ${name}`;
  return name;
}

async function findHits(db: Kysely<DB>, query: DirectoryQuery, active: FacetDef[], tsQuery: string) {
  const conditions = [textCondition(query.tab, tsQuery), ...active.map((facet) => matches(facet, query.filters[facet.key]!))];
  const where = sql.join(conditions, sql` and `);
  const offset = (query.page - 1) * PAGE_SIZE;
  const columns =
    query.tab === "people"
      ? sql`u.id, u.handle, u.display_name, u.title, u.region, u.expertise, u.languages, u.time_zone,
          o.name as organization_name, o.slug as organization_slug, o.tier, am.user_id is not null as available_as_mentor,
          ${levelOfPerson()} as level`
      : sql`o.id, o.slug, o.name, o.tier, o.regions, o.specializations, o.segments, o.community_sector,
          (select count(*)::int from users m where m.organization_id = o.id) as member_count,
          om.organization_id is not null as offers_mentors`;
  const [rows, total] = await Promise.all([
    sql<PersonHit & OrganizationHit>`select ${columns} from ${source(query.tab)} where ${where}
      order by ${orderBy(query.tab, query.sort, tsQuery)} limit ${PAGE_SIZE} offset ${offset}`.execute(db),
    sql<{ total: number }>`select count(*)::int as total from ${source(query.tab)} where ${where}`.execute(db),
  ]);
  return { rows: rows.rows, total: total.rows[0]?.total ?? 0 };
}

/**
 * One pass over the text matches (or a sample of them): each row yields its value for every
 * facet whose *other* active filters it passes, and one aggregate counts them all.
 */
async function countFacets(db: Kysely<DB>, query: DirectoryQuery, defs: FacetDef[], active: FacetDef[], tsQuery: string, samplePercent: number | null) {
  const baseColumns = [
    ...defs.map((facet) => sql`${facet.expression} as ${sql.ref(`f_${facet.key}`)}`),
    ...active.map((facet) => sql`${matches(facet, query.filters[facet.key]!)} as ${sql.ref(`m_${facet.key}`)}`),
  ];
  const parts = defs.map((facet) => {
    const others = active.filter((other) => other.key !== facet.key).map((other) => sql`${sql.ref(`base.m_${other.key}`)}`);
    const where = others.length ? sql.join(others, sql` and `) : sql`true`;
    const column = sql.ref(`base.f_${facet.key}`);
    switch (facet.kind) {
      case "scalar":
        return sql`select ${sql.lit(facet.key)}, ${column}::text where ${where} and ${column} is not null`;
      case "array":
        return sql`select ${sql.lit(facet.key)}, v from unnest(${column}) as v where ${where}`;
      case "flag":
        return sql`select ${sql.lit(facet.key)}, 'yes' where ${where} and ${column}`;
    }
  });
  const result = await sql<{ facet: FacetKey; value: string; count: number }>`
    select f.facet, f.value, count(*)::int as count
    from (select ${sql.join(baseColumns)} from ${source(query.tab, samplePercent)} where ${textCondition(query.tab, tsQuery)}) base
    cross join lateral (${sql.join(parts, sql` union all `)}) as f (facet, value)
    group by 1, 2`.execute(db);
  const rows = samplePercent === null ? result.rows : result.rows.map((row) => ({ ...row, count: scaled(row.count, samplePercent) }));
  return defs.map((facet) => facetValues(facet.key, rows, query.filters[facet.key] ?? [], samplePercent !== null));
}

/** A sampled count scaled to the whole, to two significant digits; never 0 for a value seen. */
function scaled(count: number, percent: number) {
  const estimate = (count * 100) / percent;
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(estimate)) - 1);
  return Math.max(1, Math.round(estimate / magnitude) * magnitude);
}

/** The most common values first, and always the selected ones, so they can be unticked. */
function facetValues(key: FacetKey, rows: { facet: FacetKey; value: string; count: number }[], selected: string[], approximate: boolean): DirectoryFacet {
  const counted = rows
    .filter((row) => row.facet === key && row.count > 0)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const top = counted.slice(0, TOP_VALUES);
  for (const value of selected) {
    if (!top.some((row) => row.value === value)) top.push(counted.find((row) => row.value === value) ?? { facet: key, value, count: 0 });
  }
  return { key, approximate, values: top.map((row) => ({ value: row.value, count: row.count, selected: selected.includes(row.value) })) };
}

import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "../../../db/schema";
import { pointsThisQuarter } from "./hooks.server";
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

const source = (tab: DirectoryTab) =>
  tab === "people"
    ? sql`users u left join organizations o on o.id = u.organization_id left join ${availableMentors} am on am.user_id = u.id`
    : sql`organizations o left join ${organizationsWithMentors} om on om.organization_id = o.id`;
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

export async function searchDirectory(db: Kysely<DB>, query: DirectoryQuery): Promise<DirectoryResults> {
  const defs = facetDefs(query.tab);
  const active = defs.filter((facet) => (query.filters[facet.key]?.length ?? 0) > 0);
  const tsQuery = prefixTsQuery(query.text);
  const [hits, facets] = await Promise.all([findHits(db, query, active, tsQuery), countFacets(db, query, defs, active, tsQuery)]);
  const total = hits.total;
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { tab: query.tab, total, page: query.page, pageCount, hits: hits.rows, facets } as DirectoryResults;
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
          o.name as organization_name, o.slug as organization_slug, o.tier, am.user_id is not null as available_as_mentor`
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
 * One pass: the text match narrows the candidates once (materialized), each facet value is
 * counted over the candidates that pass every other active facet.
 */
async function countFacets(db: Kysely<DB>, query: DirectoryQuery, defs: FacetDef[], active: FacetDef[], tsQuery: string) {
  const baseColumns = [
    ...defs.map((facet) => sql`${facet.expression} as ${sql.ref(`f_${facet.key}`)}`),
    ...active.map((facet) => sql`${matches(facet, query.filters[facet.key]!)} as ${sql.ref(`m_${facet.key}`)}`),
  ];
  const parts = defs.map((facet) => {
    const others = active.filter((other) => other.key !== facet.key).map((other) => sql`${sql.ref(`m_${other.key}`)}`);
    const where = others.length ? sql.join(others, sql` and `) : sql`true`;
    const column = sql.ref(`f_${facet.key}`);
    switch (facet.kind) {
      case "scalar":
        return sql`select ${facet.key}::text as facet, ${column}::text as value, count(*)::int as count
          from base where ${where} and ${column} is not null group by 2`;
      case "array":
        return sql`select ${facet.key}::text as facet, v as value, count(*)::int as count
          from base cross join lateral unnest(${column}) as v where ${where} group by 2`;
      case "flag":
        return sql`select ${facet.key}::text as facet, 'yes' as value, count(*)::int as count
          from base where ${where} and ${column}`;
    }
  });
  const result = await sql<{ facet: FacetKey; value: string; count: number }>`
    with base as materialized (
      select ${sql.join(baseColumns)} from ${source(query.tab)} where ${textCondition(query.tab, tsQuery)}
    )
    ${sql.join(parts, sql` union all `)}`.execute(db);
  return defs.map((facet) => facetValues(facet.key, result.rows, query.filters[facet.key] ?? []));
}

/** The most common values first, and always the selected ones, so they can be unticked. */
function facetValues(key: FacetKey, rows: { facet: FacetKey; value: string; count: number }[], selected: string[]): DirectoryFacet {
  const counted = rows
    .filter((row) => row.facet === key && row.count > 0)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const top = counted.slice(0, TOP_VALUES);
  for (const value of selected) {
    if (!top.some((row) => row.value === value)) top.push(counted.find((row) => row.value === value) ?? { facet: key, value, count: 0 });
  }
  return { key, values: top.map((row) => ({ value: row.value, count: row.count, selected: selected.includes(row.value) })) };
}

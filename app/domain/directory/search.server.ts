import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "../../../db/schema";
import { levelOfPerson, pointsThisQuarter } from "./hooks.server";
import { availableMentorProbe, availableMentors, organizationsWithMentors } from "./mentors.server";
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

/**
 * The rows searched. The organization join is removed by the planner when a statement reads
 * none of its columns (its key is unique); the mentor sets are joined (by hash, built once) only
 * when a statement needs them. Sampling is for facet counts only (see countFacets); results and
 * totals are always exact.
 */
const source = (tab: DirectoryTab, options: { samplePercent?: number | null; mentors: boolean }) => {
  const { samplePercent = null, mentors } = options;
  const sample = samplePercent === null ? sql`` : sql` tablesample system (${sql.lit(samplePercent)}) repeatable (7)`;
  if (tab === "people") {
    const joinMentors = mentors ? sql` left join ${availableMentors} am on am.user_id = u.id` : sql``;
    return sql`users u${sample} left join organizations o on o.id = u.organization_id${joinMentors}`;
  }
  return sql`organizations o${sample}${mentors ? sql` left join ${organizationsWithMentors} om on om.organization_id = o.id` : sql``}`;
};
const searchColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.directory_search` : sql`o.directory_search`);
const nameColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.display_name` : sql`o.name`);
const idColumn = (tab: DirectoryTab) => (tab === "people" ? sql`u.id` : sql`o.id`);

function textCondition(tab: DirectoryTab, tsQuery: string): RawBuilder<boolean> {
  const text = tsQuery ? sql<boolean>`${searchColumn(tab)} @@ to_tsquery('english', ${tsQuery})` : sql<boolean>`true`;
  // Deleted accounts are not people to find (decision 023); every people query passes here.
  return tab === "people" ? sql<boolean>`(${text} and u.deleted_at is null)` : text;
}

const allOf = (conditions: RawBuilder<boolean>[]) => (conditions.length ? sql<boolean>`(${sql.join(conditions, sql` and `)})` : sql<boolean>`true`);

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
  const filters = allOf(active.map((facet) => matches(facet, query.filters[facet.key]!)));
  const mentors = active.some((facet) => facet.key === "mentor");
  const tsQuery = prefixTsQuery(query.text);
  const exactUpTo = counting.exactUpTo ?? EXACT_UP_TO;
  // Whether the text matches exceed the exact-counting limit: a count that stops at the limit,
  // so a broad search does not pay for a full count twice.
  const [page, bounded] = await Promise.all([findHits(db, query, filters, mentors, tsQuery), countUpTo(db, query.tab, tsQuery, exactUpTo + 1)]);
  const hits = page.rows;
  let total: number;
  let facets: DirectoryFacet[];
  if (bounded <= exactUpTo) {
    // A narrow search: one pass counts every facet exactly, and the total with them.
    ({ total, facets } = await countFacets(db, query, defs, active, tsQuery, null));
  } else {
    // Text matches size the sample; the total applies the filters. Apart, each gets its own plan:
    // with no text the first reads the smallest index, the second uses the filters' indexes. A
    // page sorted by rank has read every result already and counted them on the way (findHits).
    const [matches, filtered] = await Promise.all([
      page.total !== null && active.length === 0 ? page.total : countMatches(db, query.tab, sql<boolean>`true`, false, tsQuery),
      page.total ?? (active.length ? countMatches(db, query.tab, filters, mentors, tsQuery) : null),
    ]);
    const samplePercent = Math.min(100, Math.max(0.1, Math.round((1000 * (counting.sampleSize ?? SAMPLE_SIZE)) / Math.max(1, matches)) / 10));
    total = filtered ?? matches;
    ({ facets } = await countFacets(db, query, defs, active, tsQuery, samplePercent));
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { tab: query.tab, total, page: query.page, pageCount, hits, facets } as DirectoryResults;
}

async function countUpTo(db: Kysely<DB>, tab: DirectoryTab, tsQuery: string, limit: number) {
  const table = tab === "people" ? sql`users u` : sql`organizations o`;
  const result = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${table} where ${textCondition(tab, tsQuery)} limit ${limit}) bounded`.execute(db);
  return result.rows[0]?.n ?? 0;
}

async function countMatches(db: Kysely<DB>, tab: DirectoryTab, filters: RawBuilder<boolean>, mentors: boolean, tsQuery: string) {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${source(tab, { mentors })}
    where ${textCondition(tab, tsQuery)} and ${filters}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Sort keys, most significant first; the page query orders by them inside and out. */
function sortKeys(tab: DirectoryTab, sort: SortKey, tsQuery: string, contribution: boolean) {
  const name = [
    { key: sql`lower(${nameColumn(tab)})`, descending: false },
    { key: idColumn(tab), descending: false },
  ];
  // Over the two branches of contributionPage: their columns, not the table's.
  if (contribution) return [sql`u.segment`, sql`u.points`, sql`u.name_key`, sql`u.hit_id`].map((key, i) => ({ key, descending: i === 1 }));
  if (sort === "relevance" && tsQuery) return [{ key: sql`ts_rank(${searchColumn(tab)}, to_tsquery('english', ${tsQuery}))`, descending: true }, ...name];
  return name;
}

/**
 * The page of results in two steps: the ids of the page, sorted on narrow rows (only the keys),
 * then the display columns, level, mentor flag and member count for those 20 rows alone. A rank
 * sort reads every result anyway, so it counts them too (`count(*) over ()`); a name sort walks
 * the name index and stops after the page, uncounted.
 */
async function findHits(db: Kysely<DB>, query: DirectoryQuery, filters: RawBuilder<boolean>, mentors: boolean, tsQuery: string) {
  const offset = (query.page - 1) * PAGE_SIZE;
  const points = query.tab === "people" && query.sort === "contribution" ? pointsThisQuarter() : null;
  const keys = sortKeys(query.tab, query.sort, tsQuery, points !== null);
  const readsAll = points === null && keys.length > 2;
  const keyColumns = keys.map((k, i) => sql`${k.key} as ${sql.ref(`k${i}`)}`);
  const order = (prefix: string) => sql.join(keys.map((k, i) => sql`${sql.ref(`${prefix}k${i}`)}${k.descending ? sql` desc` : sql``}`));
  const counted = readsAll ? sql`, count(*) over () as counted` : sql`, null::int as counted`;
  const where = sql`${textCondition(query.tab, tsQuery)} and ${filters}`;
  const page = points
    ? contributionPage(query.tab, { mentors, where, points, order, keyColumns, offset })
    : sql`(select ${idColumn(query.tab)} as hit_id, ${sql.join(keyColumns)}${counted} from ${source(query.tab, { mentors })}
    where ${where} order by ${order("")} limit ${PAGE_SIZE} offset ${offset}) page`;
  const rows =
    query.tab === "people"
      ? await sql<PersonHit & { counted: number | null }>`select u.id, u.handle, u.display_name, u.title, u.region, u.expertise, u.languages, u.time_zone,
          o.name as organization_name, o.slug as organization_slug, o.tier, ${availableMentorProbe(sql`u.id`)} as available_as_mentor,
          ${levelOfPerson()} as level, page.counted
          from ${page} join users u on u.id = page.hit_id left join organizations o on o.id = u.organization_id
          order by ${order("page.")}`.execute(db)
      : await sql<OrganizationHit & { counted: number | null }>`select o.id, o.slug, o.name, o.tier, o.regions, o.specializations, o.segments, o.community_sector,
          (select count(*)::int from users m where m.organization_id = o.id) as member_count,
          exists (select 1 from users mu where mu.organization_id = o.id and ${availableMentorProbe(sql`mu.id`)}) as offers_mentors, page.counted
          from ${page} join organizations o on o.id = page.hit_id
          order by ${order("page.")}`.execute(db);
  // A page past the end has no row to carry the count: counted separately then.
  const total = rows.rows[0]?.counted ?? null;
  return { rows: rows.rows.map(({ counted: _counted, ...hit }) => hit), total: total === null ? null : Number(total) };
}

/**
 * "Contribution this quarter": the few people with points, by points, then everyone else by name.
 * Two branches, each cut at the page's end: the second walks the name index and stops there,
 * instead of sorting every person by a sum that is 0 for most. A quarter's net points at or
 * below 0 sort with the people who have none.
 */
function contributionPage(
  tab: DirectoryTab,
  input: { mentors: boolean; where: RawBuilder<unknown>; points: RawBuilder<unknown>; order: (prefix: string) => RawBuilder<unknown>; keyColumns: RawBuilder<unknown>[]; offset: number },
) {
  const { mentors, where, points, order, keyColumns, offset } = input;
  const upTo = offset + PAGE_SIZE;
  const ranked = sql`select u.id as hit_id, 0 as segment, qp.points, lower(u.display_name) as name_key
    from ${source(tab, { mentors })} join ${points} qp on qp.user_id = u.id
    where ${where} and qp.points > 0 order by qp.points desc, lower(u.display_name), u.id limit ${upTo}`;
  const rest = sql`select u.id as hit_id, 1 as segment, 0 as points, lower(u.display_name) as name_key
    from ${source(tab, { mentors })}
    where ${where} and u.id not in (select ranked.user_id from ${points} ranked where ranked.points > 0)
    order by lower(u.display_name), u.id limit ${upTo}`;
  return sql`(select u.hit_id, ${sql.join(keyColumns)}, null::int as counted
    from ((${ranked}) union all (${rest})) u
    order by ${order("")} limit ${PAGE_SIZE} offset ${offset}) page`;
}

/**
 * One pass over the text matches (or a sample of them): each row yields its value for every
 * facet whose *other* active filters it passes, and one aggregate counts them all. Over every
 * match (no sample) the same pass counts the results too, as the pseudo-facet `total`.
 */
async function countFacets(db: Kysely<DB>, query: DirectoryQuery, defs: FacetDef[], active: FacetDef[], tsQuery: string, samplePercent: number | null) {
  const baseColumns = [
    ...defs.map((facet) => sql`${facet.expression} as ${sql.ref(`f_${facet.key}`)}`),
    ...active.map((facet) => sql`${matches(facet, query.filters[facet.key]!)} as ${sql.ref(`m_${facet.key}`)}`),
  ];
  const passes = (facets: FacetDef[]) => allOf(facets.map((facet) => sql<boolean>`${sql.ref(`base.m_${facet.key}`)}`));
  const parts = defs.map((facet) => {
    const where = passes(active.filter((other) => other.key !== facet.key));
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
  if (samplePercent === null) parts.push(sql`select ${sql.lit(TOTAL)}, '' where ${passes(active)}`);
  const result = await sql<{ facet: FacetKey | typeof TOTAL; value: string; count: number }>`
    select f.facet, f.value, count(*)::int as count
    from (select ${sql.join(baseColumns)} from ${source(query.tab, { samplePercent, mentors: true })} where ${textCondition(query.tab, tsQuery)}) base
    cross join lateral (${sql.join(parts, sql` union all `)}) as f (facet, value)
    group by 1, 2`.execute(db);
  const total = result.rows.find((row) => row.facet === TOTAL)?.count ?? 0;
  const counted = result.rows.filter((row): row is { facet: FacetKey; value: string; count: number } => row.facet !== TOTAL);
  const rows = samplePercent === null ? counted : counted.map((row) => ({ ...row, count: scaled(row.count, samplePercent) }));
  return { total, facets: defs.map((facet) => facetValues(facet.key, rows, query.filters[facet.key] ?? [], samplePercent !== null)) };
}

/** Not a facet key, so it cannot collide with one. */
const TOTAL = "__total";

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

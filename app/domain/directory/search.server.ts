import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DB } from "../../../db/schema";
import { levelOfPerson, pointsThisQuarter } from "./hooks.server";
import { PAGE_SIZE, searchWords, type DirectoryQuery, type DirectoryTab, type FacetKey, type SortKey } from "./query";

/**
 * Directory search over the search documents (docs/decisions/027-directory-search-documents.md):
 * one narrow row per listed person or organization, kept by triggers, with the sort key, the
 * text document (GIN) and every facet value as a tag (GIN), so a search reads one table and no
 * join. Facets are disjunctive (decision 014): a facet's counts apply every other facet's filter
 * but not its own, so ticking "EMEA" still shows how many are in "APAC". All counts come from one
 * pass over the text matches (or a sample of them).
 */
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

/**
 * A tag is this one-letter code then the value; the migration that builds the documents
 * (db/migrations/2026-11-27T0500-directory-search-documents.ts) writes the same codes. A code's
 * bit (its letter's place in the alphabet) marks, per row, the active filters it fails.
 */
const FACET_CODES: Record<FacetKey, string> = { region: "r", tier: "t", specialization: "s", certification: "c", expertise: "e", language: "l", segment: "g", mentor: "m" };
const CODE_FACETS = new Map(Object.entries(FACET_CODES).map(([key, code]) => [code, key as FacetKey]));
/** The pseudo-tag every row passing all filters adds once, to count the total in the same pass. */
const TOTAL_TAG = "z";
const bitOf = (key: FacetKey) => 1 << (FACET_CODES[key].charCodeAt(0) - 97);
/** "Available as mentor" is a flag: any value asks for it, and it has the one tag. */
const MENTOR_TAG = `${FACET_CODES.mentor}yes`;

function facetsOf(tab: DirectoryTab): FacetKey[] {
  return tab === "people"
    ? ["region", "tier", "specialization", "certification", "expertise", "language", "segment", "mentor"]
    : ["region", "tier", "specialization", "certification", "segment", "mentor"];
}

export const sortsOf = (): SortKey[] => (pointsThisQuarter() ? ["relevance", "contribution", "name"] : ["relevance", "name"]);

const tagsOf = (key: FacetKey, values: string[]) => (key === "mentor" ? [MENTOR_TAG] : values.map((value) => FACET_CODES[key] + value));
const matches = (key: FacetKey, values: string[]) => sql<boolean>`d.tags && ${sql.val(tagsOf(key, values))}::text[]`;

const documents = (tab: DirectoryTab, samplePercent: number | null = null) => {
  const sample = samplePercent === null ? sql`` : sql` tablesample system (${sql.lit(samplePercent)}) repeatable (7)`;
  return tab === "people" ? sql`directory_people d${sample}` : sql`directory_organizations d${sample}`;
};
const idColumn = (tab: DirectoryTab) => (tab === "people" ? sql`d.user_id` : sql`d.organization_id`);

/** A search's words as one tsquery, every word required; null when there are none. */
type TextQuery = RawBuilder<unknown> | null;

function textQuery(words: string[]): TextQuery {
  return words.length ? sql`(${sql.join(words.map(wordQuery), sql` && `)})` : null;
}

/**
 * A word with a digit also matches as it is written. PostgreSQL's parser reads "8e296a06" alone
 * as the number 8e296 and the word a06, but inside "Deletable-8e296a06" as one lexeme, and
 * "-06409663" as a signed number: the stemmed query alone misses those names.
 */
function wordQuery(word: string) {
  const stemmed = sql`to_tsquery('english', ${`${word}:*`})`;
  if (!/\p{N}/u.test(word)) return stemmed;
  return sql`(${stemmed} || ${`'${word}':* | '-${word}':*`}::tsquery)`;
}

function textCondition(tsQuery: TextQuery): RawBuilder<boolean> {
  return tsQuery ? sql<boolean>`d.search @@ ${tsQuery}` : sql<boolean>`true`;
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
  const keys = facetsOf(query.tab);
  const active = keys.filter((key) => (query.filters[key]?.length ?? 0) > 0);
  const filters = allOf(active.map((key) => matches(key, query.filters[key]!)));
  const tsQuery = textQuery(searchWords(query.text));
  const exactUpTo = counting.exactUpTo ?? EXACT_UP_TO;
  // Whether the text matches exceed the exact-counting limit: a count that stops at the limit,
  // so a broad search does not pay for a full count twice.
  const [page, bounded] = await Promise.all([findHits(db, query, filters, tsQuery), countUpTo(db, query.tab, tsQuery, exactUpTo + 1)]);
  const hits = page.rows;
  let total: number;
  let facets: DirectoryFacet[];
  if (bounded <= exactUpTo) {
    // A narrow search: one pass counts every facet exactly, and the total with them.
    ({ total, facets } = await countFacets(db, query, keys, active, tsQuery, null));
  } else {
    // Text matches size the sample; the total applies the filters. A page sorted by rank has
    // read every result already and counted them on the way (findHits). The three run at once.
    const matching = page.total !== null && active.length === 0 ? Promise.resolve(page.total) : countMatches(db, query.tab, sql<boolean>`true`, tsQuery);
    const filtered = page.total !== null ? Promise.resolve(page.total) : active.length ? countMatches(db, query.tab, filters, tsQuery) : matching;
    const sampled = matching.then((n) => {
      const samplePercent = Math.min(100, Math.max(0.1, Math.round((1000 * (counting.sampleSize ?? SAMPLE_SIZE)) / Math.max(1, n)) / 10));
      return countFacets(db, query, keys, active, tsQuery, samplePercent);
    });
    [total, { facets }] = await Promise.all([filtered, sampled]);
  }
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return { tab: query.tab, total, page: query.page, pageCount, hits, facets } as DirectoryResults;
}

async function countUpTo(db: Kysely<DB>, tab: DirectoryTab, tsQuery: TextQuery, limit: number) {
  const result = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${documents(tab)} where ${textCondition(tsQuery)} limit ${limit}) bounded`.execute(db);
  return result.rows[0]?.n ?? 0;
}

async function countMatches(db: Kysely<DB>, tab: DirectoryTab, filters: RawBuilder<boolean>, tsQuery: TextQuery) {
  const result = await sql<{ n: number }>`select count(*)::int as n from ${documents(tab)} where ${textCondition(tsQuery)} and ${filters}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/** Sort keys, most significant first; the page query orders by them inside and out. */
function sortKeys(tab: DirectoryTab, sort: SortKey, tsQuery: TextQuery, contribution: boolean) {
  // Over the two branches of contributionPage: their columns, not the table's.
  if (contribution) return [sql`u.segment`, sql`u.points`, sql`u.name_key`, sql`u.hit_id`].map((key, i) => ({ key, descending: i === 1 }));
  const name = [
    { key: sql`d.name_key`, descending: false },
    { key: idColumn(tab), descending: false },
  ];
  if (sort === "relevance" && tsQuery) return [{ key: sql`ts_rank(d.search, ${tsQuery})`, descending: true }, ...name];
  return name;
}

/**
 * The page of results in two steps: the ids of the page, sorted on the narrow documents, then
 * the display columns and level for those 20 rows alone. A rank sort reads every result anyway,
 * so it counts them too (`count(*) over ()`); a name sort walks the name index and stops after
 * the page, uncounted.
 */
async function findHits(db: Kysely<DB>, query: DirectoryQuery, filters: RawBuilder<boolean>, tsQuery: TextQuery) {
  const offset = (query.page - 1) * PAGE_SIZE;
  const points = query.tab === "people" && query.sort === "contribution" ? pointsThisQuarter() : null;
  const keys = sortKeys(query.tab, query.sort, tsQuery, points !== null);
  const readsAll = points === null && keys.length > 2;
  const keyColumns = keys.map((k, i) => sql`${k.key} as ${sql.ref(`k${i}`)}`);
  const order = (prefix: string) => sql.join(keys.map((k, i) => sql`${sql.ref(`${prefix}k${i}`)}${k.descending ? sql` desc` : sql``}`));
  const where = sql`${textCondition(tsQuery)} and ${filters}`;
  // The keys are computed below the count (offset 0 keeps the subquery apart), so the window
  // buffers narrow rows, not the text documents: those spilled to disk past 30,000 matches.
  const page = points
    ? contributionPage({ where, points, order, keyColumns, offset })
    : readsAll
      ? sql`(select keyed.*, count(*) over () as counted from (select ${idColumn(query.tab)} as hit_id, ${sql.join(keyColumns)}
        from ${documents(query.tab)} where ${where} offset 0) keyed order by ${order("keyed.")} limit ${PAGE_SIZE} offset ${offset}) page`
      : sql`(select ${idColumn(query.tab)} as hit_id, ${sql.join(keyColumns)}, null::int as counted from ${documents(query.tab)}
        where ${where} order by ${order("")} limit ${PAGE_SIZE} offset ${offset}) page`;
  const rows =
    query.tab === "people"
      ? await sql<PersonHit & { counted: number | null }>`select u.id, u.handle, u.display_name, u.title, u.region, u.expertise, u.languages, u.time_zone,
          o.name as organization_name, o.slug as organization_slug, o.tier, ${MENTOR_TAG} = any(d.tags) as available_as_mentor,
          ${levelOfPerson()} as level, page.counted
          from ${page} join directory_people d on d.user_id = page.hit_id join users u on u.id = page.hit_id
          left join organizations o on o.id = u.organization_id
          order by ${order("page.")}`.execute(db)
      : await sql<OrganizationHit & { counted: number | null }>`select o.id, o.slug, o.name, o.tier, o.regions, o.specializations, o.segments, o.community_sector,
          (select count(*)::int from users m where m.organization_id = o.id and m.deleted_at is null) as member_count,
          ${MENTOR_TAG} = any(d.tags) as offers_mentors, page.counted
          from ${page} join directory_organizations d on d.organization_id = page.hit_id join organizations o on o.id = page.hit_id
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
function contributionPage(input: { where: RawBuilder<unknown>; points: RawBuilder<unknown>; order: (prefix: string) => RawBuilder<unknown>; keyColumns: RawBuilder<unknown>[]; offset: number }) {
  const { where, points, order, keyColumns, offset } = input;
  const upTo = offset + PAGE_SIZE;
  // The quarter's sums, aggregated once for both branches. The ranked branch walks them by
  // points and probes each person's document by key (offset 0 keeps the lateral apart), so an
  // incremental sort stops after the page; a join hashed all 100,000 documents (3-4x slower).
  const ranked = sql`select d.user_id as hit_id, 0 as segment, qp.points, d.name_key
    from (select quarter.user_id, quarter.points from quarter order by quarter.points desc) qp
    cross join lateral (select d.user_id, d.name_key from directory_people d where d.user_id = qp.user_id and ${where} offset 0) d
    order by qp.points desc, d.name_key, d.user_id limit ${upTo}`;
  const rest = sql`select d.user_id as hit_id, 1 as segment, 0 as points, d.name_key
    from directory_people d
    where ${where} and d.user_id not in (select quarter.user_id from quarter)
    order by d.name_key, d.user_id limit ${upTo}`;
  return sql`(with quarter as materialized (select qp.user_id, qp.points from ${points} qp where qp.points > 0)
    select u.hit_id, ${sql.join(keyColumns)}, null::int as counted
    from ((${ranked}) union all (${rest})) u
    order by ${order("")} limit ${PAGE_SIZE} offset ${offset}) page`;
}

/**
 * One pass over the text matches (or a sample of them). Each row notes the active filters it
 * fails, one bit per facet; a row failing none counts for every facet and for the total (the
 * pseudo-tag), a row failing one counts only for that facet's values (its own filter does not
 * apply to it), a row failing more counts nowhere. One aggregate counts the tags.
 */
async function countFacets(db: Kysely<DB>, query: DirectoryQuery, keys: FacetKey[], active: FacetKey[], tsQuery: TextQuery, samplePercent: number | null) {
  const fails = active.length
    ? sql.join(active.map((key) => sql`case when ${matches(key, query.filters[key]!)} then 0 else ${sql.lit(bitOf(key))} end`), sql` | `)
    : sql`0`;
  const total = samplePercent === null ? sql`case when r.fails = 0 then ${sql.val([TOTAL_TAG])}::text[] else '{}' end` : sql`'{}'::text[]`;
  // unnest in the select list (a ProjectSet) streams the tags; a lateral unnest would build a
  // function scan per row, about twice the cost.
  const result = await sql<{ tag: string; count: number }>`
    select m.v as tag, count(*)::int as count
    from (select unnest(r.tags || ${total}) as v, r.fails
      from (select d.tags, ${fails} as fails from ${documents(query.tab, samplePercent)} where ${textCondition(tsQuery)}) r
      ${active.length ? sql`where r.fails & (r.fails - 1) = 0` : sql``}) m
    ${active.length ? sql`where m.fails & ~(1 << (ascii(m.v) - 97)) = 0` : sql``}
    group by m.v`.execute(db);
  let counted = 0;
  const rows: { facet: FacetKey; value: string; count: number }[] = [];
  for (const row of result.rows) {
    const facet = CODE_FACETS.get(row.tag.charAt(0));
    if (row.tag === TOTAL_TAG) counted = row.count;
    else if (facet && keys.includes(facet)) rows.push({ facet, value: row.tag.slice(1), count: samplePercent === null ? row.count : scaled(row.count, samplePercent) });
  }
  return { total: counted, facets: keys.map((key) => facetValues(key, rows, query.filters[key] ?? [], samplePercent !== null)) };
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

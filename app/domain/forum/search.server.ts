import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { visiblePosts, visibleThreads, type Actor } from "../policy.server";

export interface SearchOptions {
  query: string;
  categorySlug?: string;
  authorHandle?: string;
  tag?: string;
  solved?: boolean;
  page?: number;
  /** How many of the newest matches are ranked; RECENT_MATCHES unless a test needs fewer. */
  recentMatches?: number;
}

export const RESULTS_PER_PAGE = 20;
/**
 * A query matching more posts than this ranks only its newest this many (decision 035): ranking
 * every match of a common word took seconds at a million posts.
 */
export const RECENT_MATCHES = 2_000;
// Control characters cannot appear in our escaped output, so they mark highlights safely.
const START = "\u0001";
const STOP = "\u0002";

/**
 * Full-text search over posts (and thread titles) with websearch syntax, ranked, with highlighted
 * snippets. Scoped by the policy in SQL: a result the searcher may not read is never loaded.
 * Ranks the newest `recentMatches` visible matches; `capped` says there may be older ones.
 */
export async function searchPosts(db: Kysely<DB>, actor: Actor, options: SearchOptions) {
  const text = options.query.trim().slice(0, 200);
  if (!text) return { results: [], page: 1, hasMore: false, capped: false };
  const page = Math.max(1, options.page ?? 1);
  const recent = Math.max(1, options.recentMatches ?? RECENT_MATCHES);
  // The newest `recent` matches, looked for in the last two months first (decision 038): when that
  // window holds `recent` of them, nothing older can be among the newest, so the answer is the
  // same as a search of all time, found without reading every older match.
  return db.transaction().execute(async (trx) => {
    await plannerSettingsForSearch(trx);
    const search = (days: number | null) =>
      rankNewestMatches(trx, actor, options, { text, page, recent, since: days === null ? null : new Date(Date.now() - days * DAY_MS) });
    let rows = await search(FIRST_WINDOW_DAYS);
    if (matchedIn(rows) < recent) {
      const days = widerWindow(FIRST_WINDOW_DAYS, matchedIn(rows), recent);
      if (days !== null) rows = await search(days);
      if (days === null || matchedIn(rows) < recent) rows = await search(null);
    }
    return {
      results: rows.slice(0, RESULTS_PER_PAGE).map(({ matched: _matched, ...row }) => ({ ...row, snippet: highlight(row.snippet) })),
      page,
      hasMore: rows.length > RESULTS_PER_PAGE,
      capped: matchedIn(rows) >= recent,
    };
  });
}

/** Every row of a search carries the count of matches it ranked. */
const matchedIn = (rows: { matched: number | string }[]) => Number(rows[0]?.matched ?? 0);

/**
 * For this transaction only (decision 038). A search reads a few thousand rows by index, mostly
 * from memory: PostgreSQL's default random_page_cost (4, for spinning disks) made it hash all
 * 50,000 threads instead of looking up the few thousand it needed. Parallel workers took longer
 * to start and merge than the search itself on a small machine that is serving other requests.
 */
async function plannerSettingsForSearch(trx: Transaction<DB>) {
  await sql`select set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)`.execute(trx);
}

const DAY_MS = 86_400_000;
const FIRST_WINDOW_DAYS = 60;

/**
 * The one wider window tried before all of time (each miss costs a query), sized from how many
 * matches the first held as if they came at an even rate, with room to spare; all of time (null)
 * when the first held none to go by (a rare word: the index finds its few matches fast anyway).
 * An empty page (beyond the matches) reads as no matches, which only costs going straight to all
 * of time.
 */
function widerWindow(days: number, matched: number, recent: number): number | null {
  if (matched === 0) return null;
  const wanted = days * (recent / matched) * 1.5;
  return wanted > 3 * 365 ? null : Math.ceil(wanted);
}

type Search = { text: string; page: number; recent: number; since: Date | null };

async function rankNewestMatches(db: Kysely<DB>, actor: Actor, options: SearchOptions, { text, page, recent, since }: Search) {
  const tsquery = sql`websearch_to_tsquery('english', ${text})`;
  // A post matches by its body, or (the opening post) by its thread's title. As one OR across
  // the two tables that condition can use neither GIN index, so every search read every post.
  // Two branches instead, each found through its own index: body matches, then opening posts
  // matched by title alone (not also by body, so no post comes twice). Decision 034.
  // Each branch keeps its newest `recent` matches: for a common word PostgreSQL walks posts by
  // created_at and stops early, for a rare one it reads the GIN index and sorts the few. Decision 035.
  const branch = (by: "body" | "title") => {
    let query = db
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .innerJoin("categories", "categories.id", "threads.category_id")
      .where(visiblePosts(actor))
      .where("posts.deleted_at", "is", null);
    query =
      by === "body"
        ? query.where(sql<boolean>`posts.search @@ ${tsquery}`)
        : query.where("posts.post_number", "=", 1).where(sql<boolean>`threads.search @@ ${tsquery}`).where(sql<boolean>`not (posts.search @@ ${tsquery})`);
    if (since) query = query.where(by === "body" ? "posts.created_at" : "threads.created_at", ">", since);
    if (options.categorySlug) {
      const slug = options.categorySlug;
      // On the joined category for both branches: the title branch has nothing else to go by,
      // and it tells the planner the join keeps one category's rows.
      query = query.where("categories.slug", "=", slug);
      // Posts carry their category (decision 039): with it PostgreSQL reads only this category's
      // matches, by ANDing its index with the word's, not every post of every thread in it.
      if (by === "body") query = query.where("posts.category_id", "=", (eb) => eb.selectFrom("categories").select("categories.id").where("categories.slug", "=", slug));
    }
    if (options.authorHandle) {
      const handle = options.authorHandle.toLowerCase();
      query = query.where("posts.author_id", "=", (eb) => eb.selectFrom("users").select("users.id").where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", handle)));
    }
    if (options.solved) query = query.where("threads.accepted_post_id", "is not", null);
    if (options.tag) {
      const tag = options.tag;
      query = query.where((eb) =>
        eb.exists(
          eb.selectFrom("thread_tags").innerJoin("tags", "tags.id", "thread_tags.tag_id").whereRef("thread_tags.thread_id", "=", "threads.id").where("tags.slug", "=", tag),
        ),
      );
    }
    return query
      .select([
        "posts.id as post_id",
        "posts.post_number",
        // An opening post is written with its thread (same created_at); the title branch takes the
        // thread's, so both branches come out newest first and the merge reads only what it keeps.
        sql<Date>`${sql.ref(by === "body" ? "posts.created_at" : "threads.created_at")}`.as("created_at"),
        "posts.body_source",
        "threads.id as thread_id",
        "threads.title",
        "threads.slug",
        "threads.accepted_post_id",
        "categories.name as category_name",
        "categories.slug as category_slug",
        "posts.author_id",
        // Ranked only after the newest are chosen, so carried along rather than computed here.
        sql<string>`posts.search`.as("body_search"),
        sql<string>`threads.search`.as("title_search"),
      ])
      .orderBy(by === "body" ? "posts.created_at" : "threads.created_at", "desc")
      .limit(recent);
  };
  const newest = db
    // Each branch in its own subquery: a union's operands cannot carry their own limit bare.
    .selectFrom(
      db
        .selectFrom(branch("body").as("body"))
        .selectAll()
        .unionAll(db.selectFrom(branch("title").as("title")).selectAll())
        .as("matches"),
    )
    .selectAll()
    .orderBy("matches.created_at", "desc")
    .limit(recent);
  const ranked = db
    .selectFrom(newest.as("newest"))
    .select([
      "newest.post_id",
      "newest.post_number",
      "newest.created_at",
      "newest.body_source",
      "newest.thread_id",
      "newest.title",
      "newest.slug",
      "newest.accepted_post_id",
      "newest.category_name",
      "newest.category_slug",
      "newest.author_id",
      sql<number>`ts_rank(newest.body_search::tsvector, ${tsquery}) + case when newest.post_number = 1 then 2 * ts_rank(newest.title_search::tsvector, ${tsquery}) else 0 end`.as("rank"),
      sql<string>`count(*) over ()`.as("matched"),
    ]);
  const pageOfHits = db
    .selectFrom(ranked.as("hits"))
    .selectAll("hits")
    .orderBy("hits.rank", "desc")
    .orderBy("hits.created_at", "desc")
    .limit(RESULTS_PER_PAGE + 1)
    .offset((page - 1) * RESULTS_PER_PAGE);
  // Authors and snippets for the page's rows only, not for each of the newest matches.
  return db
    .selectFrom(pageOfHits.as("hits"))
    .innerJoin("users", "users.id", "hits.author_id")
    .select([
      "hits.post_id",
      "hits.post_number",
      "hits.created_at",
      "hits.thread_id",
      "hits.title",
      "hits.slug",
      "hits.accepted_post_id",
      "hits.category_name",
      "hits.category_slug",
      "users.display_name as author_name",
      "hits.rank",
      "hits.matched",
      sql<string>`ts_headline('english', hits.body_source, ${tsquery}, ${`StartSel=${START},StopSel=${STOP},MaxFragments=2,MaxWords=30,MinWords=12,FragmentDelimiter= … `})`.as("snippet"),
    ])
    .orderBy("hits.rank", "desc")
    .orderBy("hits.created_at", "desc")
    .execute();
}

/** Escapes the snippet (it comes from raw Markdown) and only then turns our markers into <mark>. */
export function highlight(snippet: string) {
  const escaped = snippet
    // eslint-disable-next-line no-control-regex -- strips control characters other than our two markers
    .replace(/[\u0000\u0003-\u0008]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
  return escaped.replaceAll(START, "<mark>").replaceAll(STOP, "</mark>");
}

/** Threads whose titles share words with a title being typed, so people find an existing answer first. */
export async function similarThreads(db: Kysely<DB>, actor: Actor, title: string) {
  const words = title
    .toLowerCase()
    .match(/[\p{L}\p{N}]{3,}/gu)
    ?.slice(0, 12);
  if (!words?.length) return [];
  const tsquery = sql`websearch_to_tsquery('english', ${words.join(" or ")})`;
  return db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select(["threads.id", "threads.title", "threads.slug", "threads.reply_count", "threads.accepted_post_id"])
    .where(visibleThreads(actor))
    .where(sql<boolean>`threads.search @@ ${tsquery}`)
    .orderBy(sql`ts_rank(threads.search, ${tsquery})`, "desc")
    .limit(5)
    .execute();
}

/**
 * Writes the generated community in batches: multi-row inserts from unnest()ed arrays (no COPY
 * client is installed), one transaction per 5,000 posts with their reactions and events, the
 * next batch generated while PostgreSQL writes the last. See docs/decisions/034-forum-bench-seed-and-search-lookup.md
 * for the two bulk-load shortcuts (foreign-key triggers off per batch, secondary indexes built
 * once at the end) and why the rows stay what the live code would write.
 */
import { sql, type Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { insertEvents, random, type SyntheticEvent } from "../seed";
import { createCommunity } from "./community";
import { forumHistory, type MentorshipState, type PostRow, type ReactionRow, type ThreadState } from "./history";
import type { ForumSeedSize } from "./size";

const DAY = 86_400_000;
const BATCH = 5000;

export interface ForumSeedOptions {
  seed?: number;
  /** The history ends a day before this. */
  now?: Date;
  onProgress?: (postsWritten: number, phase: string) => void;
}

export interface ForumSeedSummary {
  size: ForumSeedSize;
  reactions: number;
  events: number;
  acceptedAnswers: number;
  seconds: number;
}

export async function seedForum(db: Kysely<DB>, size: ForumSeedSize, options: ForumSeedOptions = {}): Promise<ForumSeedSummary> {
  const started = performance.now();
  const next = random(options.seed ?? 2026);
  const to = new Date((options.now ?? new Date()).getTime() - DAY);
  const from = new Date(to.getTime() - 365 * DAY);
  const progress = options.onProgress ?? (() => {});

  progress(0, "people");
  const community = await createCommunity(db, size, { next, from });
  const restoreIndexes = await setIndexesAside(db, ["posts", "threads", "reactions"]);

  let posts: PostRow[] = [];
  let reactions: ReactionRow[] = [];
  let events: SyntheticEvent[] = [];
  const totals = { reactions: 0, events: 0, posts: 0 };
  const history = forumHistory(community, size, { next, from, to }, {
    post: (row) => posts.push(row),
    reaction: (row) => reactions.push(row),
    event: (event) => events.push(event),
  });
  let writing: Promise<void> = Promise.resolve();
  const flush = async () => {
    const batch = { posts, reactions, events };
    posts = [];
    reactions = [];
    events = [];
    await writing;
    writing = writeBatch(db, batch).then(() => {
      totals.posts += batch.posts.length;
      totals.reactions += batch.reactions.length;
      totals.events += batch.events.length;
      progress(totals.posts, "posts");
    });
  };
  progress(0, "posts");
  while (!history.steps.next().done) if (posts.length >= BATCH) await flush();
  await flush();
  await writing;

  progress(totals.posts, "threads");
  await writeThreads(db, history.threads);
  await writeMentorships(db, history.mentorships);
  progress(totals.posts, "indexes");
  await restoreIndexes();
  progress(totals.posts, "analyze");
  // Every table, categories included: a stale guess that few threads are visible made the
  // planner hash every visible post for a search instead of starting from the matches.
  await sql`analyze`.execute(db);
  const outbox = await db.selectFrom("outbox_events").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow();
  return {
    size,
    reactions: totals.reactions,
    events: Number(outbox.n),
    acceptedAnswers: history.threads.filter((t) => t.acceptedPostId).length,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Batches skip foreign-key checks (session_replication_role = replica, local to the transaction):
 * every reference comes from the generator's own bookkeeping, threads are written last with
 * their final counts, and checking 2.5 million references one row at a time costs minutes.
 */
async function inReplicaMode(db: Kysely<DB>, work: (trx: Kysely<DB>) => Promise<void>) {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await work(trx);
  });
}

async function writeBatch(db: Kysely<DB>, batch: { posts: PostRow[]; reactions: ReactionRow[]; events: SyntheticEvent[] }) {
  await inReplicaMode(db, async (trx) => {
    const p = batch.posts;
    // The search column is generated from body_source, exactly as for a post written by the app.
    if (p.length) {
      await sql`insert into posts (id, thread_id, category_id, post_number, author_id, body_source, body_html, renderer_version, reaction_count, created_at)
        select * from unnest(${p.map((r) => r.id)}::text[], ${p.map((r) => r.threadId)}::text[], ${p.map((r) => r.categoryId)}::int[], ${p.map((r) => r.postNumber)}::int[],
          ${p.map((r) => r.authorId)}::text[], ${p.map((r) => r.source)}::text[], ${p.map((r) => r.html)}::text[],
          ${p.map((r) => r.rendererVersion)}::int[], ${p.map((r) => r.reactionCount)}::int[], ${p.map((r) => r.createdAt.toISOString())}::timestamptz[])`.execute(trx);
    }
    const r = batch.reactions;
    if (r.length) {
      await sql`insert into reactions (post_id, user_id, kind, created_at)
        select * from unnest(${r.map((x) => x.postId)}::text[], ${r.map((x) => x.userId)}::text[], ${r.map((x) => x.kind)}::text[],
          ${r.map((x) => x.createdAt.toISOString())}::timestamptz[])`.execute(trx);
    }
    await insertEvents(trx, batch.events, { dispatched: true, chunk: 20_000 });
  });
}

async function writeThreads(db: Kysely<DB>, threads: ThreadState[]) {
  for (let i = 0; i < threads.length; i += BATCH) {
    const t = threads.slice(i, i + BATCH);
    await inReplicaMode(db, async (trx) => {
      await sql`insert into threads (id, category_id, author_id, title, slug, reply_count, accepted_post_id, last_posted_at, last_post_id, created_at)
        select * from unnest(${t.map((x) => x.id)}::text[], ${t.map((x) => x.categoryId)}::int[], ${t.map((x) => x.authorId)}::text[],
          ${t.map((x) => x.title)}::text[], ${t.map((x) => x.slug)}::text[], ${t.map((x) => x.posts - 1)}::int[],
          ${t.map((x) => x.acceptedPostId)}::text[], ${t.map((x) => x.lastPostedAt.toISOString())}::timestamptz[],
          ${t.map((x) => x.lastPostId)}::text[], ${t.map((x) => x.createdAt.toISOString())}::timestamptz[])`.execute(trx);
    });
  }
  await sql`update categories c set thread_count = s.threads, post_count = s.posts, last_posted_at = s.last
    from (select category_id, count(*)::int as threads, sum(reply_count + 1)::int as posts, max(last_posted_at) as last
          from threads group by category_id) s
    where s.category_id = c.id`.execute(db);
}

async function writeMentorships(db: Kysely<DB>, mentorships: MentorshipState[]) {
  const m = mentorships;
  if (!m.length) return;
  const at = (dates: Array<Date | null>) => dates.map((d) => d?.toISOString() ?? null);
  // Explicit ids: the events planned alongside already carry them.
  await sql`insert into mentorships (id, public_id, mentor_id, mentee_id, status, message, requested_at, expires_at, responded_at, started_at, ended_at, end_reason, ended_by)
    overriding system value
    select id, p, mentor, mentee, s, 'Hoping to learn from your projects.', req, req + interval '14 days', resp,
      case when s in ('active', 'ended') then resp end, ended, case when s = 'ended' then 'completed' end, case when s = 'ended' then mentor end
    from unnest(${m.map((x) => x.id)}::bigint[], ${m.map((x) => x.publicId)}::text[], ${m.map((x) => x.mentorId)}::text[], ${m.map((x) => x.menteeId)}::text[],
      ${m.map((x) => x.status)}::text[], ${at(m.map((x) => x.requestedAt))}::timestamptz[], ${at(m.map((x) => x.respondedAt))}::timestamptz[],
      ${at(m.map((x) => x.endedAt))}::timestamptz[]) as x(id, p, mentor, mentee, s, req, resp, ended)`.execute(db);
  await sql`select setval(pg_get_serial_sequence('mentorships', 'id'), (select max(id) from mentorships))`.execute(db);
  const rated = m.filter((x) => x.rating !== null);
  if (rated.length) {
    await sql`insert into mentorship_feedback (mentorship_id, author_id, subject_id, rating, created_at)
      select * from unnest(${rated.map((x) => x.id)}::bigint[], ${rated.map((x) => x.menteeId)}::text[], ${rated.map((x) => x.mentorId)}::text[],
        ${rated.map((x) => x.rating)}::int[], ${at(rated.map((x) => x.endedAt))}::timestamptz[])`.execute(db);
  }
}

/**
 * Drops the tables' secondary indexes (those no constraint owns) and returns a function that
 * recreates them from their own definitions: one sorted build after the load instead of a
 * million GIN and B-tree insertions. Whatever index a later migration adds comes back too.
 */
async function setIndexesAside(db: Kysely<DB>, tables: string[]) {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
    where t.relname = any(${tables}::text[]) and t.relnamespace = 'public'::regnamespace
      and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`.execute(db);
  for (const row of rows) await sql`drop index ${sql.id(row.name)}`.execute(db);
  return async () => {
    for (const row of rows) await sql.raw(row.definition).execute(db);
  };
}

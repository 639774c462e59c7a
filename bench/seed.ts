/**
 * Bench seed, part one: a synthetic partner community and a long, valid history of domain
 * events for the recognition engine (threads, replies, reactions and their withdrawal, accepted
 * answers and their reversal, hidden posts, moderator awards), spread over a year. Creates its
 * own database next to BENCH_DATABASE_URL (default: local PostgreSQL) and fills the outbox as if
 * the dispatcher had delivered everything; `npm run bench:recognition` replays and measures.
 *
 *   npm run bench:seed                          # 1,000,000 events
 *   BENCH_EVENTS=200000 npm run bench:seed
 *   BENCH_DATABASE_NAME=pc_bench_mine npm run bench:seed   # a data set of one's own
 *   npm run bench:seed -- --posts 1000000        # a forum community instead (bench/forum-seed/main.ts)
 */
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { openDatabase } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import type { DB } from "../db/schema";
import { parseSizeFlags } from "./forum-seed/size";

// BENCH_DATABASE_NAME lets two people on one PostgreSQL keep separate data sets (the seed drops it).
export const BENCH_DATABASE = process.env.BENCH_DATABASE_NAME ?? "pc_bench";
const REGIONS = ["North America", "EMEA", "APAC", "LATAM"];
const DAY = 86_400_000;

export function benchServerUrl() {
  return process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

export function benchDatabaseUrl() {
  const url = new URL(benchServerUrl());
  url.pathname = `/${BENCH_DATABASE}`;
  return url.toString();
}

/** mulberry32: the same seed gives the same community and history. */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticEvent {
  type: string;
  payload: Record<string, unknown>;
  actorId: string | null;
  occurredAt: Date;
}

export interface World {
  people: string[];
  categories: Array<{ id: number; sector: boolean }>;
}

/**
 * A valid history: reactions only to existing posts and never one's own, a withdrawal only of
 * a reaction that is there, an accept only of a reply, unaccepts of accepted answers. Activity
 * is skewed (a few people post most), as in real communities.
 */
export function* generateEvents(world: World, count: number, options: { seed: number; from: Date; to: Date; prefix: string }) {
  const next = random(options.seed);
  const { people, categories } = world;
  const pickPerson = () => people[Math.floor(people.length * next() ** 2.5)]!;
  type Post = { id: string; threadId: string; authorId: string; categoryId: number };
  const posts: Post[] = [];
  const threads: Array<{ id: string; authorId: string; categoryId: number; accepted: Post | null; posts: Post[] }> = [];
  const reactions: Array<{ postId: string; threadId: string; reactorId: string; authorId: string }> = [];
  const span = options.to.getTime() - options.from.getTime();
  let serial = 0;
  const id = () => `${options.prefix}${(serial++).toString(36)}`;
  // Counts what it yields (a roll that finds nothing to do yields nothing), so `count` is what
  // the caller gets; an accept that replaces an earlier one may add one more.
  let yielded = 0;
  for (let i = 0; yielded < count; i++) {
    const occurredAt = new Date(options.from.getTime() + Math.floor((span * yielded) / count));
    const roll = next();
    if (roll < 0.12 || posts.length < 10) {
      const author = pickPerson();
      const category = categories[Math.floor(next() * categories.length)]!;
      const thread = { id: id(), authorId: author, categoryId: category.id, accepted: null, posts: [] as Post[] };
      const postId = id();
      const post = { id: postId, threadId: thread.id, authorId: author, categoryId: category.id };
      threads.push(thread);
      posts.push(post);
      thread.posts.push(post);
      yielded++;
      yield { type: "forum.thread_created", payload: { threadId: thread.id, postId, categoryId: category.id, authorId: author }, actorId: author, occurredAt };
    } else if (roll < 0.42) {
      const thread = threads[threads.length - 1 - Math.floor(next() * Math.min(threads.length, 300))]!;
      const author = pickPerson();
      const postId = id();
      const post = { id: postId, threadId: thread.id, authorId: author, categoryId: thread.categoryId };
      posts.push(post);
      thread.posts.push(post);
      yielded++;
      yield { type: "forum.reply_posted", payload: { threadId: thread.id, postId, categoryId: thread.categoryId, authorId: author }, actorId: author, occurredAt };
    } else if (roll < 0.86) {
      const post = posts[posts.length - 1 - Math.floor(next() * Math.min(posts.length, 2000))]!;
      const reactor = pickPerson();
      if (reactor === post.authorId) continue;
      reactions.push({ postId: post.id, threadId: post.threadId, reactorId: reactor, authorId: post.authorId });
      yielded++;
      yield { type: "forum.reaction_added", payload: { postId: post.id, threadId: post.threadId, reactorId: reactor, authorId: post.authorId, kind: "like" }, actorId: reactor, occurredAt };
    } else if (roll < 0.9 && reactions.length > 0) {
      const index = Math.floor(next() * reactions.length);
      const reaction = reactions[index]!;
      reactions[index] = reactions[reactions.length - 1]!;
      reactions.pop();
      yielded++;
      yield { type: "forum.reaction_removed", payload: { ...reaction, kind: "like" }, actorId: reaction.reactorId, occurredAt };
    } else if (roll < 0.96) {
      const thread = threads[threads.length - 1 - Math.floor(next() * Math.min(threads.length, 300))]!;
      // The thread's own posts, not all of history: scanning every post made the seed slow down
      // as it grew (865,000 events in an hour), the same answer either way.
      const answer = thread.posts.findLast((p) => p.authorId !== thread.authorId && p !== thread.accepted);
      if (!answer) continue;
      if (thread.accepted) {
        const previous = thread.accepted;
        yielded++;
        yield { type: "forum.answer_unaccepted", payload: { threadId: thread.id, postId: previous.id, answerAuthorId: previous.authorId, askerId: thread.authorId }, actorId: thread.authorId, occurredAt };
      }
      thread.accepted = answer;
      yielded++;
      yield { type: "forum.answer_accepted", payload: { threadId: thread.id, postId: answer.id, categoryId: thread.categoryId, answerAuthorId: answer.authorId, askerId: thread.authorId }, actorId: thread.authorId, occurredAt };
    } else if (roll < 0.975) {
      const post = posts[posts.length - 1 - Math.floor(next() * Math.min(posts.length, 2000))]!;
      yielded++;
      yield { type: "forum.post_hidden", payload: { threadId: post.threadId, postId: post.id, authorId: post.authorId }, actorId: people[0]!, occurredAt };
    } else {
      const recipient = pickPerson();
      yielded++;
      yield { type: "moderation.points_awarded", payload: { awardId: i, recipientId: recipient, moderatorId: people[0]!, points: 10 + Math.floor(next() * 40), reason: "Bench award" }, actorId: people[0]!, occurredAt };
    }
  }
}

/** Appends events in one transaction per chunk (one txid each), optionally as already dispatched. */
export async function insertEvents(db: Kysely<DB>, events: Iterable<SyntheticEvent>, options: { dispatched: boolean; chunk?: number }) {
  const chunk = options.chunk ?? 10_000;
  let buffer: SyntheticEvent[] = [];
  let total = 0;
  const flush = async () => {
    if (buffer.length === 0) return;
    await sql`insert into outbox_events (type, payload, actor_id, occurred_at, dispatched_at)
      select t, p, a, o, case when ${options.dispatched} then now() end
      from unnest(${buffer.map((e) => e.type)}::text[], ${buffer.map((e) => JSON.stringify(e.payload))}::jsonb[],
                  ${buffer.map((e) => e.actorId)}::text[], ${buffer.map((e) => e.occurredAt.toISOString())}::timestamptz[])
        as x(t, p, a, o)`.execute(db);
    total += buffer.length;
    buffer = [];
  };
  for (const event of events) {
    buffer.push(event);
    if (buffer.length >= chunk) await flush();
  }
  await flush();
  return total;
}

export async function loadWorld(db: Kysely<DB>): Promise<World> {
  const people = await db.selectFrom("users").select("id").where("organization_id", "is not", null).orderBy("id").execute();
  const categories = await db.selectFrom("categories").select(["id", "community_sector"]).orderBy("id").execute();
  return { people: people.map((p) => p.id), categories: categories.map((c) => ({ id: c.id, sector: c.community_sector })) };
}

async function createPopulation(db: Kysely<DB>, people: number, joinedFrom: Date) {
  const next = random(7);
  const orgs = Array.from({ length: 60 }, (_, i) => ({
    slug: `bench-org-${i}`,
    name: `Bench Partner ${i}`,
    tier: (["registered", "silver", "gold", "platinum"] as const)[i % 4],
    regions: [REGIONS[i % REGIONS.length]!],
    community_sector: i % 5 === 0,
  }));
  const orgIds = (await db.insertInto("organizations").values(orgs).returning("id").execute()).map((o) => o.id);
  const categories = Array.from({ length: 12 }, (_, i) => ({ slug: `bench-${i}`, name: `Bench category ${i}`, community_sector: i % 4 === 0 }));
  await db.insertInto("categories").values(categories).execute();
  const users = Array.from({ length: people }, (_, i) => {
    const org = i === 0 ? null : orgIds[Math.floor(next() * orgIds.length)]!;
    return {
      id: `bench-user-${i.toString().padStart(6, "0")}`,
      email: `bench-${i}@example.test`,
      handle: `bench-${i}`,
      display_name: `Bench Person ${i}`,
      organization_id: org,
      is_vendor_staff: i === 0,
      region: REGIONS[Math.floor(next() * REGIONS.length)]!,
      created_at: new Date(joinedFrom.getTime() - Math.floor(next() * 400) * DAY),
    };
  });
  for (let i = 0; i < users.length; i += 2000) await db.insertInto("users").values(users.slice(i, i + 2000)).execute();
  // The engine learns who may earn from these events, as it would from real sign-ups.
  await insertEvents(
    db,
    users.map((u) => ({
      type: "user.signed_up",
      payload: { userId: u.id, organizationId: u.organization_id, ...(u.is_vendor_staff ? { isVendorStaff: true } : {}) },
      actorId: u.id,
      occurredAt: u.created_at,
    })),
    { dispatched: true },
  );
}

async function main() {
  const forumSize = parseSizeFlags(process.argv.slice(2));
  // Loaded on demand: the forum seed imports this file's helpers.
  if (forumSize) return (await import("./forum-seed/main")).runForumSeed(forumSize);
  const events = Number(process.env.BENCH_EVENTS ?? 1_000_000);
  const people = Number(process.env.BENCH_PEOPLE ?? 5000);
  const admin = new pg.Client({ connectionString: benchServerUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${BENCH_DATABASE} with (force)`);
  await admin.query(`create database ${BENCH_DATABASE}`);
  await admin.end();
  const database = await openDatabase({ url: benchDatabaseUrl(), poolSize: 4 });
  const started = Date.now();
  await migrateToLatest(database.db);
  const to = new Date();
  const from = new Date(to.getTime() - 365 * DAY);
  await createPopulation(database.db, people, from);
  const world = await loadWorld(database.db);
  const inserted = await insertEvents(database.db, generateEvents(world, events, { seed: 42, from, to: new Date(to.getTime() - DAY), prefix: "b" }), { dispatched: true });
  console.info(`Bench database ${BENCH_DATABASE}: ${people} people, ${inserted} events over a year, in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await database.close();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

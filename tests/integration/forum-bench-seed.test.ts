import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type { Database } from "../../db/client";
import { getThreadPage } from "../../app/domain/forum/queries.server";
import { searchPosts } from "../../app/domain/forum/search.server";
import { seedForum, type ForumSeedSummary } from "../../bench/forum-seed/load";
import { parseSizeFlags, sizeFor } from "../../bench/forum-seed/size";
import { createTestDatabase } from "../support/database";

// The million-post generator at a tiny size: the rows hang together and match their events.
let database: Database;
let summary: ForumSeedSummary;

beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedForum(database.db, sizeFor(400), { seed: 7 });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

async function count(query: ReturnType<typeof sql<{ n: number }>>) {
  const { rows } = await query.execute(database.db);
  return Number(rows[0]!.n);
}

describe("forum bench seed", () => {
  it("reads its size from the command line, scaled from --posts unless told otherwise", () => {
    expect(parseSizeFlags(["--posts", "1000000"])).toEqual({ posts: 1_000_000, threads: 50_000, people: 100_000, organizations: 10_000, mentorships: 2_000 });
    expect(parseSizeFlags(["--posts=20000", "--threads", "500"])).toMatchObject({ posts: 20_000, threads: 500, people: 2_000 });
    expect(parseSizeFlags([])).toBeNull();
    expect(() => parseSizeFlags(["--posts", "lots"])).toThrow(/whole number/);
  });

  it("writes the community it was asked for", async () => {
    expect(await count(sql`select count(*) as n from posts`)).toBe(400);
    expect(await count(sql`select count(*) as n from threads`)).toBe(20);
    expect(await count(sql`select count(*) as n from users where email like 'bench-%'`)).toBe(40);
    expect(await count(sql`select count(*) as n from organizations where slug like 'bench-org-%'`)).toBe(4);
    expect(summary.reactions).toBeGreaterThan(0);
    expect(summary.acceptedAnswers).toBeGreaterThan(0);
  });

  it("keeps every reference and counter consistent", async () => {
    expect(await count(sql`select count(*) as n from posts p left join threads t on t.id = p.thread_id where t.id is null`)).toBe(0);
    expect(await count(sql`select count(*) as n from threads t where t.reply_count + 1 <> (select count(*) from posts p where p.thread_id = t.id)`)).toBe(0);
    expect(await count(sql`select count(*) as n from posts p where p.reaction_count <> (select count(*) from reactions r where r.post_id = p.id)`)).toBe(0);
    expect(await count(sql`select count(*) as n from reactions r join posts p on p.id = r.post_id where r.user_id = p.author_id`)).toBe(0);
    expect(await count(sql`select count(*) as n from threads t join posts p on p.id = t.accepted_post_id where p.thread_id <> t.id or p.post_number = 1`)).toBe(0);
    expect(await count(sql`select coalesce(sum(post_count), 0) as n from categories`)).toBe(400);
  });

  it("records the events that produced the rows, as the live code writes them", async () => {
    const events = async (type: string) => count(sql`select count(*) as n from outbox_events where type = ${type}`);
    expect(await events("forum.thread_created")).toBe(20);
    expect(await events("forum.reply_posted")).toBe(380);
    expect(await events("forum.reaction_added")).toBe(summary.reactions);
    expect(await events("forum.answer_accepted")).toBe(summary.acceptedAnswers);
    expect(await events("user.signed_up")).toBe(40);
    expect(await count(sql`select count(*) as n from outbox_events e join reactions r
      on r.post_id = e.payload->>'postId' and r.user_id = e.payload->>'reactorId' and r.kind = e.payload->>'kind'
      where e.type = 'forum.reaction_added'`)).toBe(summary.reactions);
    expect(await count(sql`select count(*) as n from outbox_events e join mentorships m on m.id = (e.payload->>'mentorshipId')::bigint
      where e.type = 'mentoring.requested'`)).toBe(await count(sql`select count(*) as n from mentorships`));
    // In time order, as the dispatcher would have delivered them.
    expect(await count(sql`select count(*) as n from (select occurred_at < lag(occurred_at) over (order by id) as back from outbox_events
      where type like 'forum.%') x where back`)).toBe(0);
  });

  it("produces threads that render and can be found", async () => {
    const thread = await database.db.selectFrom("threads").innerJoin("categories", "categories.id", "threads.category_id")
      .select(["threads.id", "threads.title"]).where("categories.visibility", "=", "public").orderBy("threads.reply_count", "desc").executeTakeFirstOrThrow();
    const page = await getThreadPage(database.db, null, thread.id, 1);
    expect(page.posts.length).toBeGreaterThan(1);
    expect(page.posts[0]!.body_html).toMatch(/<p>|<table>|<ol>|<ul>/);
    const { results } = await searchPosts(database.db, null, { query: thread.title });
    expect(results.map((r) => r.thread_id)).toContain(thread.id);
  });
});

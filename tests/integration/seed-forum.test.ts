import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { DEMO_ACCOUNTS, seedDemo, type SeedSummary } from "../../db/seed/demo";
import { planForum } from "../../db/seed/forum";
import { createTestDatabase } from "../support/database";

let database: Database;
let summary: SeedSummary;
const started = new Date();

// The whole demo seed runs first: ~1,000 domain transactions, seconds alone, far longer on a busy machine.
beforeAll(async () => {
  database = await createTestDatabase();
  summary = await seedDemo(database.db);
}, 240_000);
afterAll(async () => {
  await database.close();
});

const communityTags = ["nonprofit", "grant-funding", "volunteer-operations", "local-government-procurement"];
const requiredTags = [
  ...communityTags, "education", "faith-based", "migration", "licensing", "deal-registration",
  "certification", "security", "data", "integrations",
];

async function countOf(table: "threads" | "reactions" | "post_mentions") {
  const row = await database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("forum demo content", () => {
  it("has public, members-only and staff categories, one for the community sector", async () => {
    const categories = await database.db.selectFrom("categories").selectAll().execute();
    expect(categories.length).toBeGreaterThanOrEqual(6);
    // "council": the demo Partner Advisory Council's private category (db/seed/councils).
    expect(new Set(categories.map((c) => c.visibility))).toEqual(new Set(["public", "members", "staff", "council"]));
    const communitySector = categories.filter((c) => c.community_sector);
    expect(communitySector).toHaveLength(1);
    expect(communitySector[0].description).toMatch(/nonprofit/i);
    expect(communitySector[0].description).toMatch(/local government/i);
    // Counters kept by the domain functions agree with the rows.
    for (const category of categories) {
      const threads = await database.db.selectFrom("threads").select((eb) => eb.fn.countAll<number>().as("n")).where("category_id", "=", category.id).executeTakeFirstOrThrow();
      expect(category.thread_count, category.name).toBe(Number(threads.n));
    }
  });

  it("tags community-sector threads with the segment's tags, and uses every required tag", async () => {
    const tagged = await database.db
      .selectFrom("thread_tags")
      .innerJoin("tags", "tags.id", "thread_tags.tag_id")
      .innerJoin("threads", "threads.id", "thread_tags.thread_id")
      .innerJoin("categories", "categories.id", "threads.category_id")
      .select(["tags.slug", "threads.id as threadId", "categories.community_sector"])
      .execute();
    for (const tag of requiredTags) expect(tagged.some((row) => row.slug === tag), tag).toBe(true);
    const inCommunitySector = tagged.filter((row) => row.community_sector && communityTags.includes(row.slug));
    for (const tag of communityTags) expect(inCommunitySector.some((row) => row.slug === tag), tag).toBe(true);
    expect(new Set(inCommunitySector.map((row) => row.threadId)).size).toBeGreaterThanOrEqual(8);
  });

  it("has 30+ threads and 300+ replies over the last 90 days, in order within each thread", async () => {
    expect(await countOf("threads")).toBeGreaterThanOrEqual(30);
    const posts = await database.db.selectFrom("posts").select(["thread_id", "post_number", "created_at"]).orderBy("thread_id").orderBy("post_number").execute();
    expect(posts.filter((post) => post.post_number > 1).length).toBeGreaterThanOrEqual(300);
    const oldest = started.getTime() - 91 * 86_400_000;
    for (const [i, post] of posts.entries()) {
      const at = new Date(post.created_at).getTime();
      expect(at).toBeGreaterThan(oldest);
      expect(at).toBeLessThan(started.getTime());
      const previous = posts[i - 1];
      if (previous?.thread_id === post.thread_id) expect(at).toBeGreaterThan(new Date(previous.created_at).getTime());
    }
    expect(summary.forum.replies + (summary.councils?.replies ?? 0)).toBe(posts.length - (await countOf("threads")));
  });

  it("has 10+ threads solved by their askers, several by the mentor", async () => {
    const solved = await database.db
      .selectFrom("threads")
      .innerJoin("posts", "posts.id", "threads.accepted_post_id")
      .innerJoin("users as answerer", "answerer.id", "posts.author_id")
      .select(["threads.author_id as askerId", "answerer.id as answererId", "answerer.email as answererEmail"])
      .execute();
    expect(solved.length).toBeGreaterThanOrEqual(10);
    expect(solved.every((row) => row.askerId !== row.answererId)).toBe(true);
    const mentor = DEMO_ACCOUNTS.find((account) => account.key === "mentor")!;
    expect(solved.filter((row) => row.answererEmail === mentor.email).length).toBeGreaterThanOrEqual(3);
    const accepted = await database.db.selectFrom("outbox_events").select(["actor_id", "payload"]).where("type", "=", "forum.answer_accepted").execute();
    for (const event of accepted) expect(event.actor_id).toBe((event.payload as { askerId: string }).askerId);
  });

  it("shows the demo partner accounts taking part", async () => {
    for (const key of ["member", "mentor", "council", "partneradmin"]) {
      const email = DEMO_ACCOUNTS.find((account) => account.key === key)!.email;
      const posts = await database.db
        .selectFrom("posts")
        .innerJoin("users", "users.id", "posts.author_id")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("users.email", "=", email)
        .executeTakeFirstOrThrow();
      expect(Number(posts.n), key).toBeGreaterThanOrEqual(3);
    }
  });

  it("has reactions, never on the reactor's own post, collected mostly by a few helpful people", async () => {
    const reactions = await database.db
      .selectFrom("reactions")
      .innerJoin("posts", "posts.id", "reactions.post_id")
      .select(["reactions.user_id", "reactions.kind", "posts.author_id", "reactions.created_at", "posts.created_at as posted_at"])
      .execute();
    expect(reactions.length).toBeGreaterThan(200);
    expect(reactions.filter((r) => r.user_id === r.author_id)).toEqual([]);
    expect(reactions.every((r) => new Date(r.created_at) > new Date(r.posted_at))).toBe(true);
    expect(new Set(reactions.map((r) => r.kind))).toEqual(new Set(["like", "thanks", "insightful"]));
    const received = new Map<string, number>();
    for (const r of reactions) received.set(r.author_id, (received.get(r.author_id) ?? 0) + 1);
    const counts = [...received.values()].sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)];
    expect(counts.at(-1)!).toBeGreaterThanOrEqual(3 * median);
  });

  it("mentions people by handle and quotes earlier posts of the same thread", async () => {
    expect(await countOf("post_mentions")).toBeGreaterThanOrEqual(30);
    const quoting = await database.db
      .selectFrom("posts")
      .select(["id", "thread_id", "post_number", "body_html"])
      .where("body_html", "like", '%<blockquote class="post-quote" data-post-id="%')
      .execute();
    expect(quoting.length).toBeGreaterThanOrEqual(10);
    for (const post of quoting) {
      const quotedId = /data-post-id="([^"]+)"/.exec(post.body_html)![1];
      const quoted = await database.db.selectFrom("posts").select(["thread_id", "post_number"]).where("id", "=", quotedId).executeTakeFirstOrThrow();
      expect(quoted.thread_id).toBe(post.thread_id);
      expect(quoted.post_number).toBeLessThan(post.post_number);
    }
  });

  it("wrote one outbox event per forum action, dated when it happened", async () => {
    const events = await database.db
      .selectFrom("outbox_events")
      .select(["type", (eb) => eb.fn.countAll<number>().as("n")])
      .where("type", "like", "forum.%")
      .groupBy("type")
      .execute();
    const byType = Object.fromEntries(events.map((event) => [event.type, Number(event.n)]));
    expect(byType).toEqual({
      "forum.thread_created": await countOf("threads"),
      "forum.reply_posted": summary.forum.replies + (summary.councils?.replies ?? 0),
      "forum.reaction_added": await countOf("reactions"),
      "forum.answer_accepted": summary.forum.acceptedAnswers,
      "forum.user_mentioned": await countOf("post_mentions"),
    });
    const undated = await sql<{ n: number }>`
      select count(*) as n from outbox_events e join posts p on p.id = e.payload->>'postId'
      where e.type in ('forum.thread_created', 'forum.reply_posted') and e.occurred_at <> p.created_at`.execute(database.db);
    expect(Number(undated.rows[0].n)).toBe(0);
  });

  it("stays within the posting rate limits that live posting would have met", async () => {
    // New accounts may post 5 a minute and 40 a day; seeded people count as new on every date.
    const busiest = await sql<{ minute: number; day: number }>`
      select max(minute) as minute, max(day) as day from (
        select
          count(*) over (partition by author_id order by created_at range between interval '59 seconds' preceding and current row) as minute,
          count(*) over (partition by author_id order by created_at range between interval '1 day' preceding and current row) as day
        from posts
      ) windows`.execute(database.db);
    expect(Number(busiest.rows[0].minute)).toBeLessThanOrEqual(5);
    expect(Number(busiest.rows[0].day)).toBeLessThanOrEqual(40);
  });
});

describe("forum seed plan", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  it("is the same for the same seed and different for another", () => {
    const plan = (seed: number) => JSON.stringify(planForum({ seed, now, demoAccounts: true }));
    expect(plan(7)).toBe(plan(7));
    expect(plan(7)).not.toBe(plan(8));
  });

  it("gives demo accounts' lines to stand-ins when there are no demo log-ins", () => {
    const plan = JSON.stringify(planForum({ now, demoAccounts: false }));
    for (const account of DEMO_ACCOUNTS) expect(plan).not.toContain(account.email);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KyselyPlugin } from "kysely";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import * as threadRoute from "../../app/routes/t.$id.($slug)";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread } from "../support/forum";
import { requestContext } from "../support/councils";

/**
 * The whole thread page loader (posts, mentions, follow state, author standings, flags, read
 * marker), not just the posts query: a per-post lookup anywhere in it would grow with the thread.
 */
let database: Database;
let queries = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    queries++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function threadWith(replies: number, people: SessionUser[], categoryId: number) {
  const { threadId } = await makeThread(database.db, people[0]!, categoryId);
  for (let i = 0; i < replies; i++) {
    const author = people[i % people.length]!;
    // Mentions and reactions give each post the per-post data a naive loader fetches one by one.
    const created = await makeReply(database.db, author, threadId, `Reply ${i}, thanks @${people[(i + 1) % people.length]!.handle}`);
    if (i % 3 === 0) {
      const post = await database.db
        .selectFrom("posts")
        .select("id")
        .where("thread_id", "=", threadId)
        .where("post_number", "=", created.postNumber)
        .executeTakeFirstOrThrow();
      await toggleReaction(database.db, { actor: people[(i + 2) % people.length]!, postId: post.id, kind: "like" });
    }
  }
  return threadId;
}

async function countLoad(threadId: string, viewer: SessionUser | null) {
  const counted = database.db.withPlugin(counter);
  queries = 0;
  const page = (await threadRoute.loader({
    request: new Request(`http://localhost/t/${threadId}`),
    params: { id: threadId },
    context: requestContext(counted, viewer),
  })) as { posts: unknown[] };
  return { queries, posts: page.posts.length };
}

describe("thread page loader", () => {
  it("issues the same number of queries for 5 replies as for 60, signed in or not", async () => {
    const organization = await makeOrganization(database.db);
    const people: SessionUser[] = [];
    for (let i = 0; i < 6; i++) people.push(asSessionUser(await makeUser(database.db, { organizationId: organization.id })));
    const category = await makeCategory(database.db);
    const short = await threadWith(5, people, category.id);
    const long = await threadWith(60, people, category.id);
    const reader = asSessionUser(await makeUser(database.db, { organizationId: organization.id }));

    for (const viewer of [null, reader]) {
      // A first visit may write the reader's first read marker; measure a repeat visit on both.
      await countLoad(short, viewer);
      await countLoad(long, viewer);
      const few = await countLoad(short, viewer);
      const many = await countLoad(long, viewer);
      expect(many.posts).toBeGreaterThan(few.posts);
      expect(many.queries).toBe(few.queries);
      expect(many.queries).toBeLessThanOrEqual(viewer ? 8 : 6);
      console.info(`thread page loader, ${viewer ? "signed in" : "anonymous"}: ${few.queries} queries for ${few.posts} posts, ${many.queries} for ${many.posts}`);
    }
  });
});

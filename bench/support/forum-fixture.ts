/**
 * What the HTTP benchmarks need in the bench database, made once and reused by later runs:
 * a public thread with 200 replies to read, a thread to reply to, and established members
 * (joined a month ago, so the production posting limits for established members apply) with
 * a session each.
 */
import fs from "node:fs";
import { sql, type Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { seedDemo, hasUsers } from "../../db/seed/demo";
import { migrateToLatest } from "../../db/migrate";
import { reply } from "../../app/domain/forum/posts.server";
import { createThread } from "../../app/domain/forum/threads.server";
import { RENDERER_VERSION, renderMarkdown } from "../../app/domain/forum/markdown";
import { toSessionUser, createAuth } from "../../app/domain/accounts/auth.server";
import { createUser } from "../../app/domain/accounts/users.server";
import { hashPassword } from "../../app/domain/accounts/passwords.server";

const render = async (source: string) => ({ ...renderMarkdown(source), rendererVersion: RENDERER_VERSION });
const READ_TITLE = "Benchmark thread with two hundred replies";
const WRITE_TITLE = "Benchmark thread for reply creation";
const MONTH_MS = 30 * 86_400_000;

export const samplePost = fs.readFileSync(new URL("../sample-post.md", import.meta.url), "utf8");

async function writers(db: Kysely<DB>, count: number) {
  const existing = await db.selectFrom("users").selectAll().where("email", "like", "bench-writer-%@bench.invalid").execute();
  const hash = existing.length < count ? await hashPassword("bench-writer-password") : "";
  for (let i = existing.length; i < count; i++) {
    await createUser(db, {
      email: `bench-writer-${i}@bench.invalid`,
      displayName: `Bench Writer ${i}`,
      password: null,
      passwordHash: hash,
      role: "member",
      organizationId: null,
      isVendorStaff: false,
    });
  }
  // created_at is insert-only in the schema types; the bench backdates its own people once.
  await sql`update users set created_at = ${new Date(Date.now() - MONTH_MS)} where email like 'bench-writer-%@bench.invalid'`.execute(db);
  return db.selectFrom("users").selectAll().where("email", "like", "bench-writer-%@bench.invalid").orderBy("email").execute();
}

async function findOrCreateThread(db: Kysely<DB>, title: string, replies: number, actors: ReturnType<typeof toSessionUser>[]) {
  const found = await db.selectFrom("threads").select(["id", "reply_count"]).where("title", "=", title).executeTakeFirst();
  if (found && found.reply_count >= replies) return found.id;
  const category = await db.selectFrom("categories").select("id").where("visibility", "=", "public").orderBy("id").executeTakeFirstOrThrow();
  let at = Date.now() - MONTH_MS + 3600_000;
  const { threadId } = await createThread(db, { actor: actors[0]!, thread: { title, categoryId: category.id, tags: [], body: samplePost }, render, at: new Date(at) });
  for (let i = 0; i < replies; i++) {
    at += 5 * 60_000;
    await reply(db, { actor: actors[(i % (actors.length - 1)) + 1]!, threadId, body: samplePost, render, at: new Date(at) });
  }
  return threadId;
}

export async function prepareForumFixture(db: Kysely<DB>, options: { writers: number }) {
  await migrateToLatest(db);
  if (!(await hasUsers(db))) await seedDemo(db, {});
  const people = await writers(db, options.writers);
  const actors = people.map(toSessionUser);
  const readThreadId = await findOrCreateThread(db, READ_TITLE, 200, actors.slice(0, 20));
  const writeThreadId = await findOrCreateThread(db, WRITE_TITLE, 0, actors.slice(0, 2));
  const auth = createAuth(db, { secureCookies: true });
  const cookies: string[] = [];
  for (const person of people) {
    const { cookie } = await auth.startSession(person.id, { ip: "127.0.0.1", userAgent: "bench" });
    cookies.push(cookie.split(";")[0]!);
  }
  return { readThreadId, writeThreadId, cookies };
}

import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { CategoryVisibility } from "../../db/schema-parts/forum";
import { createCategory, createTag } from "../../app/domain/forum/categories.server";
import { createThread } from "../../app/domain/forum/threads.server";
import { reply } from "../../app/domain/forum/posts.server";
import { RENDERER_VERSION, renderMarkdown } from "../../app/domain/forum/markdown";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { unique } from "./factories";

/** The real renderer, called in-process (the server runs it in a worker pool). */
export const render = async (source: string) => ({ ...renderMarkdown(source), rendererVersion: RENDERER_VERSION });

export async function makeCategory(db: Kysely<DB>, visibility: CategoryVisibility = "public") {
  return createCategory(db, { name: unique("Category"), visibility }, null);
}

export async function makeTag(db: Kysely<DB>, name = unique("tag")) {
  return createTag(db, { name });
}

// Spread test posts over time so rate limits never trip unless a test means them to.
let clock = Date.now() - 30 * 86_400_000;
export const tick = () => new Date((clock += 61_000));

export async function makeThread(
  db: Kysely<DB>,
  actor: SessionUser,
  categoryId: number,
  overrides: { title?: string; body?: string; tags?: string[] } = {},
) {
  return createThread(db, {
    actor,
    thread: { title: overrides.title ?? `Question about ${unique("topic")}`, categoryId, tags: overrides.tags ?? [], body: overrides.body ?? "How do you handle this?" },
    render,
    at: tick(),
  });
}

export async function makeReply(db: Kysely<DB>, actor: SessionUser, threadId: string, body = "Here is how we did it.") {
  return reply(db, { actor, threadId, body, render, at: tick() });
}

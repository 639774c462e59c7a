import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";
import { getSettings, type ModerationSettings } from "../moderation/settings.server";

/**
 * Posting limits, counted from the posts table itself so every process agrees. New accounts
 * (first day) are held to less, as Discourse does with trust level 0.
 */
const NEW_ACCOUNT_MS = 24 * 3600_000;
const limits = {
  established: [
    { windowMs: 60_000, max: 10 },
    { windowMs: 3600_000, max: 120 },
  ],
  newcomer: [
    { windowMs: 60_000, max: 5 },
    { windowMs: 24 * 3600_000, max: 40 },
  ],
};

/**
 * Refuses a post past a posting limit. One query serves every window: the most recent posts of
 * the longest window, as many as the largest limit, hold each shorter window's posts as a prefix.
 * Callers that already read the moderation settings pass them (a promise will do). The account's
 * age comes with the session user, so the posts query is the only statement of its own.
 */
export async function assertMayPost(
  db: Kysely<DB> | Transaction<DB>,
  author: { id: string; createdAt: Date },
  now = new Date(),
  knownSettings?: Promise<ModerationSettings> | ModerationSettings,
) {
  const isNew = now.getTime() - author.createdAt.getTime() < NEW_ACCOUNT_MS;
  // Established accounts' limits are an admin setting (moderation settings); the defaults equal limits.established.
  const settings = isNew ? null : await (knownSettings ?? getSettings(db));
  const windows = settings
    ? [
        { windowMs: 60_000, max: settings.postsPerMinute },
        { windowMs: 3600_000, max: settings.postsPerHour },
      ]
    : limits.newcomer;
  const longest = Math.max(...windows.map((w) => w.windowMs));
  const recent = await db
    .selectFrom("posts")
    .select("created_at")
    .where("author_id", "=", author.id)
    .where("created_at", ">", new Date(now.getTime() - longest))
    .orderBy("created_at", "desc")
    .limit(Math.max(...windows.map((w) => w.max)))
    .execute();
  for (const { windowMs, max } of windows) {
    const since = now.getTime() - windowMs;
    const inWindow = recent.filter((post) => new Date(post.created_at).getTime() > since).slice(0, max);
    if (inWindow.length >= max) {
      const oldest = new Date(inWindow[inWindow.length - 1]!.created_at);
      const waitSeconds = Math.max(1, Math.ceil((oldest.getTime() + windowMs - now.getTime()) / 1000));
      throw new DomainError(
        `You are posting faster than ${isNew ? "new accounts may" : "we allow"}. You can post again in ${formatWait(waitSeconds)}.`,
        429,
      );
    }
  }
}

function formatWait(seconds: number) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";
import { defaultSettings, type ModerationSettings } from "../moderation/settings.server";

/**
 * Posting limits, counted from the posts table itself so every process agrees. New accounts
 * (first day) are held to less, as Discourse does with trust level 0.
 */
const NEW_ACCOUNT_MS = 24 * 3600_000;
const limits = {
  newcomer: [
    { windowMs: 60_000, max: 5 },
    { windowMs: 24 * 3600_000, max: 40 },
  ],
};
// Established accounts' limits are an admin setting (moderation settings); these are their windows.
const ESTABLISHED_WINDOWS_MS = [60_000, 3600_000] as const;

type Author = { id: string; createdAt: Date };

const isNewAccount = (author: Author, now: Date) => now.getTime() - author.createdAt.getTime() < NEW_ACCOUNT_MS;

// The one place that says which windows apply: the counts column and the check both follow it,
// so counts[i] is always window i.
function windowsFor(author: Author, now: Date, settings: ModerationSettings) {
  if (isNewAccount(author, now)) return limits.newcomer;
  const [minute, hour] = ESTABLISHED_WINDOWS_MS;
  return [
    { windowMs: minute, max: settings.postsPerMinute },
    { windowMs: hour, max: settings.postsPerHour },
  ];
}

/**
 * How many posts the author wrote in each of their limit windows, as a column of another
 * statement (the checks before a post): one index range of the longest window, counted in the
 * database, so a busy member's hour of posts never travels to the app.
 */
export function recentPostCountsColumn(author: Author, now: Date) {
  // The windows' lengths do not depend on the settings, only their limits do.
  const windows = windowsFor(author, now, defaultSettings).map((window) => window.windowMs);
  const since = (windowMs: number) => new Date(now.getTime() - windowMs);
  const counts = windows.map((windowMs) => sql`count(*) filter (where created_at > ${since(windowMs)})`);
  return sql<number[]>`(select jsonb_build_array(${sql.join(counts)}) from posts
    where author_id = ${author.id} and created_at > ${since(Math.max(...windows))})`;
}

/**
 * Refuses a post past a posting limit, given the counts read by recentPostCountsColumn. Only a
 * refusal reads more: the post whose leaving the window frees a place, for the wait it names.
 */
export async function assertWithinPostingLimits(
  db: Kysely<DB> | Transaction<DB>,
  author: Author,
  now: Date,
  settings: ModerationSettings,
  counts: number[],
) {
  const windows = windowsFor(author, now, settings);
  const full = windows.find(({ max }, i) => (counts[i] ?? 0) >= max);
  if (!full) return;
  // The max-th newest post in the window: when it leaves, a place is free.
  const freeing = await db
    .selectFrom("posts")
    .select("created_at")
    .where("author_id", "=", author.id)
    .where("created_at", ">", new Date(now.getTime() - full.windowMs))
    .orderBy("created_at", "desc")
    .offset(full.max - 1)
    .limit(1)
    .executeTakeFirst();
  const leavesAt = (freeing ? new Date(freeing.created_at).getTime() : now.getTime()) + full.windowMs;
  const waitSeconds = Math.max(1, Math.ceil((leavesAt - now.getTime()) / 1000));
  throw new DomainError(
    `You are posting faster than ${isNewAccount(author, now) ? "new accounts may" : "we allow"}. You can post again in ${formatWait(waitSeconds)}.`,
    429,
  );
}
function formatWait(seconds: number) {
  if (seconds < 90) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

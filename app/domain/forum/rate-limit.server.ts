import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { DomainError } from "../errors";
import { getSettings } from "../moderation/settings.server";

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

export async function assertMayPost(db: Kysely<DB> | Transaction<DB>, userId: string, now = new Date()) {
  const user = await db.selectFrom("users").select(["id", "created_at"]).where("id", "=", userId).executeTakeFirstOrThrow();
  const isNew = now.getTime() - new Date(user.created_at).getTime() < NEW_ACCOUNT_MS;
  // Established accounts' limits are an admin setting (moderation settings); the defaults equal limits.established.
  const settings = isNew ? null : await getSettings(db);
  const established = settings
    ? [
        { windowMs: 60_000, max: settings.postsPerMinute },
        { windowMs: 3600_000, max: settings.postsPerHour },
      ]
    : limits.established;
  for (const { windowMs, max } of isNew ? limits.newcomer : established) {
    const since = new Date(now.getTime() - windowMs);
    const recent = await db
      .selectFrom("posts")
      .select("created_at")
      .where("author_id", "=", user.id)
      .where("created_at", ">", since)
      .orderBy("created_at", "desc")
      .limit(max)
      .execute();
    if (recent.length >= max) {
      const oldest = new Date(recent[recent.length - 1]!.created_at);
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

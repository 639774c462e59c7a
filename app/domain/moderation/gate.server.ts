import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { noticeTo } from "./notices.server";
import { formatUntil, type Silence } from "./restrictions-check.server";
import { openReviewItem, reviewChanged } from "./review-items.server";
import { getSettings, type ModerationSettings } from "./settings.server";

const isStaff = (actor: SessionUser) => actor.role === "moderator" || actor.role === "admin";

/** Who may start threads and reply in a category; a category without a row lets members do both. */
export type PostingRule = { start_threads: "members" | "staff"; reply: "members" | "staff" };

/**
 * The category's posting rule as a column of a statement that has the category's id column at
 * `categoryIdColumn` (the forum reads it with its other checks before a post, in one statement).
 */
export const postingRuleColumn = (categoryIdColumn: string) =>
  sql<PostingRule | null>`(select jsonb_build_object('start_threads', start_threads, 'reply', reply)
    from category_posting_rules where category_id = ${sql.ref(categoryIdColumn)})`;

/**
 * Called by the forum before createThread/reply write, with what it read: a silenced member may
 * not post, and a category may keep starting threads or replying to staff.
 */
export function assertModerationAllowsPost(
  actor: SessionUser,
  read: { silence: Silence | undefined; rule: PostingRule | null },
  kind: "thread" | "reply",
) {
  const { silence } = read;
  if (silence) throw new DomainError(`You are silenced until ${formatUntil(silence.until)}: ${silence.reason}`, 403);
  const rule = isStaff(actor) ? null : read.rule;
  if (kind === "thread" && rule?.start_threads === "staff") {
    throw new DomainError("Only moderators start threads in this category.", 403, "categoryId");
  }
  if (kind === "reply" && rule?.reply === "staff") throw new DomainError("Only moderators reply in this category.", 403);
}

/**
 * Called by the forum after it wrote a post: when the new-account hold is on, posts of a
 * brand-new account wait hidden in the review queue until a moderator approves one of them.
 */
export async function holdIfNewAccount(
  trx: Transaction<DB>,
  actor: SessionUser,
  input: { postId: string; threadId: string; postNumber: number },
  now: Date,
  knownSettings?: ModerationSettings,
) {
  if (isStaff(actor)) return false;
  const settings = knownSettings ?? (await getSettings(trx));
  if (!settings.holdNewAccounts) return false;
  if (now.getTime() - actor.createdAt.getTime() >= settings.newAccountHours * 3600_000) return false;
  const approved = await trx
    .selectFrom("review_items")
    .innerJoin("posts", "posts.id", "review_items.post_id")
    .select("review_items.id")
    .where("posts.author_id", "=", actor.id)
    .where("review_items.resolution", "=", "approved")
    .executeTakeFirst();
  if (approved) return false;

  await trx.updateTable("posts").set({ hidden_at: now }).where("id", "=", input.postId).execute();
  if (input.postNumber === 1) await trx.updateTable("threads").set({ hidden_at: now }).where("id", "=", input.threadId).execute();
  // The recognition engine reverses the post's points on this, and restores them on approval.
  await appendEvent(trx, { type: "forum.post_hidden", actorId: null, occurredAt: now, payload: { threadId: input.threadId, postId: input.postId, authorId: actor.id } });
  const item = await openReviewItem(trx, input.postId, "held", now);
  await noticeTo(trx, { userId: actor.id, postId: input.postId, at: now, message: "Welcome! A moderator reviews the first posts of new accounts; yours will appear as soon as it is approved." });
  await reviewChanged(trx, item.id, input.postId, "pending", null, null, now);
  return true;
}

import type { Kysely } from "kysely";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { grantAward } from "../../../app/domain/moderation/awards.server";
import { flagPost } from "../../../app/domain/moderation/flags.server";
import { decideItem } from "../../../app/domain/moderation/queue.server";
import type { DB } from "../../schema";

export interface ModerationSummary {
  flaggedPosts: number;
  awards: number;
}

const flagNotes = [
  { reason: "off_topic", note: "" },
  { reason: "spam", note: "" },
  { reason: "other", note: "Names a customer and their contract value." },
] as const;

/**
 * A review queue with something in it and an audit log with a few entries, made through the
 * moderation domain functions. Nothing is hidden, locked or moved: the seeded forum stays as it
 * reads (two flags weigh less than the default threshold of three).
 */
export async function seedModeration(db: Kysely<DB>, people: readonly SessionUser[], now = new Date()): Promise<ModerationSummary> {
  const moderator = people.find((person) => person.role === "moderator");
  const members = people.filter((person) => person.role === "member" && !person.isVendorStaff);
  if (!moderator || members.length < 4) return { flaggedPosts: 0, awards: 0 };

  // Older replies in public categories, by members: a stable choice that leaves recent threads alone.
  const posts = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .innerJoin("users", "users.id", "posts.author_id")
    .select(["posts.id", "posts.author_id"])
    .where("categories.visibility", "=", "public")
    .where("posts.post_number", ">", 1)
    .where("users.role", "=", "member")
    .where("posts.hidden_at", "is", null)
    .where("posts.deleted_at", "is", null)
    .orderBy("posts.created_at")
    .orderBy("posts.id")
    .offset(10)
    .limit(3)
    .execute();

  let flagged = 0;
  for (const [index, post] of posts.entries()) {
    const flaggers = members.filter((member) => member.id !== post.author_id).slice(index * 2, index * 2 + 2);
    for (const [n, flagger] of flaggers.entries()) {
      await flagPost(db, flagger, { postId: post.id, ...flagNotes[(index + n) % flagNotes.length] }, new Date(now.getTime() - (3 - index) * 3600_000 + n * 60_000));
    }
    flagged++;
  }
  // One already settled, so the audit log and the "Settled" tab have an example.
  const settled = posts[0] && (await db.selectFrom("review_items").select("id").where("post_id", "=", posts[0].id).executeTakeFirst());
  if (settled) await decideItem(db, moderator, { itemId: settled.id, decision: "disagree", reason: "On topic for partners; keeping it." }, new Date(now.getTime() - 3600_000));

  const helper = members.find((member) => member.organizationId !== null && !posts.some((post) => post.author_id === member.id));
  let awards = 0;
  if (helper) {
    await grantAward(db, moderator, { kind: "badge", recipient: helper.handle, badge: "community-champion", reason: "Answered a dozen onboarding questions this month." }, new Date(now.getTime() - 2 * 3600_000));
    await grantAward(db, moderator, { kind: "points", recipient: helper.handle, points: 25, reason: "Ran the EMEA partner meetup Q&A thread." }, new Date(now.getTime() - 90 * 60_000));
    awards = 2;
  }
  return { flaggedPosts: flagged, awards };
}

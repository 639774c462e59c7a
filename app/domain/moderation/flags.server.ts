import { sql, type Kysely, type Transaction } from "kysely";
import { z } from "zod";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { loadPostRef } from "../forum/refs.server";
import { can } from "../policy.server";
import { flagReasonLabels, flagReasons, flagWeight } from "./flag-weight";
import { noticeTo } from "./notices.server";
import { applyPostAction } from "./post-actions.server";
import { openReviewItem, reviewChanged } from "./review-items.server";
import { activeSilence, formatUntil } from "./restrictions-check.server";
import { getSettings } from "./settings.server";

type Db = Kysely<DB> | Transaction<DB>;

export const flagSchema = z
  .object({
    postId: z.string().min(1).max(40),
    reason: z.enum(flagReasons, "Choose why you are flagging this post."),
    note: z.string().trim().max(500, "Keep the note under 500 characters.").default(""),
  })
  .refine((flag) => flag.reason !== "other" || flag.note.length > 0, { message: "Tell the moderators what is wrong.", path: ["note"] });
export type FlagInput = z.output<typeof flagSchema>;

const DAY_MS = 24 * 3600_000;

/**
 * The person's recognition level rank, as the recognition engine last wrote it
 * (`recognition_profiles.level_rank`; no row yet = newcomer, rank 0).
 */
export async function levelOf(db: Db, userId: string): Promise<number> {
  const profile = await db.selectFrom("recognition_profiles").select("level_rank").where("user_id", "=", userId).executeTakeFirst();
  return profile?.level_rank ?? 0;
}

/** Agreed flags / settled flags so far, for the weight of the next one. */
export async function flaggerRecord(db: Db, userId: string) {
  const row = await db
    .selectFrom("post_flags")
    .select((eb) => [
      eb.fn.count<number>("outcome").as("settled"),
      eb.fn.count<number>(eb.case().when("outcome", "=", "agreed").then(1).end()).as("agreed"),
    ])
    .where("flagger_id", "=", userId)
    .executeTakeFirstOrThrow();
  return { settled: Number(row.settled), agreed: Number(row.agreed) };
}

/**
 * A member flags a post: once per post, within a daily limit. When the post's open flags weigh
 * enough it is hidden pending review (forum.post_hidden) and its author is told why.
 */
export async function flagPost(db: Kysely<DB>, actor: SessionUser, input: FlagInput, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const post = await loadPostRef(trx, input.postId);
    if (!post || !can(actor, "forum.readPost", post)) throw notFound("That post");
    if (post.authorId === actor.id) throw new DomainError("You cannot flag your own post.", 403);
    if (!can(actor, "moderation.flag", post, at)) throw new DomainError("You cannot flag this post.", 403);
    const silence = await activeSilence(trx, actor.id, at);
    if (silence) throw new DomainError(`You are silenced until ${formatUntil(silence.until)} and cannot flag posts.`, 403);

    const settings = await getSettings(trx);
    const today = await trx
      .selectFrom("post_flags")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("flagger_id", "=", actor.id)
      .where("created_at", ">", new Date(at.getTime() - DAY_MS))
      .executeTakeFirstOrThrow();
    if (Number(today.n) >= settings.flagDailyLimit) {
      throw new DomainError(`You have used today's ${settings.flagDailyLimit} flags. Thank you; try again tomorrow.`, 429);
    }

    const staff = actor.role === "moderator" || actor.role === "admin";
    // A moderator's flag is a moderator's judgement: it hides at once.
    const weight = staff ? settings.flagHideThreshold : flagWeight({ ...(await flaggerRecord(trx, actor.id)), level: await levelOf(trx, actor.id) });
    const flag = await trx
      .insertInto("post_flags")
      .values({ post_id: post.id, flagger_id: actor.id, reason: input.reason, note: input.note, weight, created_at: at })
      .onConflict((oc) => oc.columns(["post_id", "flagger_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (!flag) throw new DomainError("You already flagged this post.", 409);
    await appendEvent(trx, { type: "moderation.flag_raised", actorId: actor.id, occurredAt: at, payload: { flagId: flag.id, postId: post.id, flaggerId: actor.id } });

    const item = await openReviewItem(trx, post.id, "flagged", at);
    const total = await trx
      .selectFrom("post_flags")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("weight"), eb.lit(0)).as("w"))
      .where("post_id", "=", post.id)
      .where("outcome", "is", null)
      .executeTakeFirstOrThrow();
    const flagWeightTotal = Number(total.w);
    const hide = flagWeightTotal >= settings.flagHideThreshold && !post.hiddenAt && !post.deletedAt && !item.auto_hidden;
    await trx.updateTable("review_items").set({ flag_weight: flagWeightTotal, ...(hide ? { auto_hidden: true } : {}) }).where("id", "=", item.id).execute();
    if (hide) {
      await applyPostAction(trx, null, { ...post, bodySource: "" }, "hide", `Flag weight reached ${settings.flagHideThreshold}`, at, { notify: false });
      const thread = await trx.selectFrom("threads").select("title").where("id", "=", post.thread.id).executeTakeFirstOrThrow();
      const reasons = await trx.selectFrom("post_flags").select("reason").distinct().where("post_id", "=", post.id).where("outcome", "is", null).execute();
      await noticeTo(trx, {
        userId: post.authorId,
        postId: post.id,
        at,
        message: `Your post in “${thread.title}” is hidden until a moderator reviews it: members flagged it as ${reasons.map((r) => flagReasonLabels[r.reason].toLowerCase()).join(", ")}.`,
      });
    }
    await reviewChanged(trx, item.id, post.id, "pending", item.claimed_by, actor.id, at);
    return { flagId: flag.id, hidden: hide };
  });
}

/** Whether this person already flagged these posts (for the flag button's state). */
/** A column for a post query: whether the viewer has flagged the post (one flag each). */
export function flaggedBy(viewerId: string) {
  return sql<boolean>`exists (select 1 from post_flags pf where pf.flagger_id = ${viewerId} and pf.post_id = posts.id)`;
}

export async function flaggedByViewer(db: Db, userId: string, postIds: string[]) {
  if (postIds.length === 0) return new Set<string>();
  const rows = await db.selectFrom("post_flags").select("post_id").where("flagger_id", "=", userId).where("post_id", "in", postIds).execute();
  return new Set(rows.map((row) => row.post_id));
}

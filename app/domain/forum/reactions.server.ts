import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { ReactionKind } from "../../../db/schema-parts/forum";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { can } from "../policy.server";
import { loadPostRef } from "./refs.server";

/**
 * Toggles one kind of reaction by one person on one post: on when absent, off when present.
 * The primary key (post, person, kind) makes "twice" impossible even under concurrent clicks.
 */
export async function toggleReaction(
  db: Kysely<DB>,
  input: { actor: SessionUser; postId: string; kind: ReactionKind; want?: "on" | "off"; at?: Date },
) {
  const { actor } = input;
  return db.transaction().execute(async (trx) => {
    const post = await loadPostRef(trx, input.postId);
    if (!post || !can(actor, "forum.readPost", post)) throw notFound("That post");
    if (post.authorId === actor.id) throw new DomainError("You cannot react to your own post.", 403);
    if (!can(actor, "forum.react", post)) throw new DomainError("You cannot react to this post.", 403);

    const existing = await trx
      .selectFrom("reactions")
      .select("kind")
      .where("post_id", "=", post.id)
      .where("user_id", "=", actor.id)
      .where("kind", "=", input.kind)
      .executeTakeFirst();
    const turnOn = input.want ? input.want === "on" : !existing;
    if (turnOn && existing) throw new DomainError("You already reacted this way.", 409);
    if (!turnOn && !existing) return { active: false, count: await countFor(trx, post.id) };

    if (turnOn) {
      const inserted = await trx
        .insertInto("reactions")
        .values({ post_id: post.id, user_id: actor.id, kind: input.kind, created_at: input.at ?? new Date() })
        .onConflict((oc) => oc.doNothing())
        .returning("kind")
        .executeTakeFirst();
      if (!inserted) throw new DomainError("You already reacted this way.", 409);
    } else {
      await trx.deleteFrom("reactions").where("post_id", "=", post.id).where("user_id", "=", actor.id).where("kind", "=", input.kind).execute();
    }
    await trx
      .updateTable("posts")
      .set((eb) => ({ reaction_count: eb("reaction_count", "+", turnOn ? 1 : -1) }))
      .where("id", "=", post.id)
      .execute();
    await appendEvent(trx, {
      type: turnOn ? "forum.reaction_added" : "forum.reaction_removed",
      actorId: actor.id,
      occurredAt: input.at,
      payload: { postId: post.id, threadId: post.thread.id, reactorId: actor.id, authorId: post.authorId, kind: input.kind },
    });
    return { active: turnOn, count: await countFor(trx, post.id) };
  });
}

async function countFor(db: Kysely<DB>, postId: string) {
  const rows = await db
    .selectFrom("reactions")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("post_id", "=", postId)
    .groupBy("kind")
    .execute();
  return Object.fromEntries(rows.map((row) => [row.kind, Number(row.n)])) as Partial<Record<ReactionKind, number>>;
}

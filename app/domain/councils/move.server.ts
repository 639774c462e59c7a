import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { loadReaders } from "../follow/readers.server";
import { loadThreadRef } from "../forum/refs.server";
import { authorize, can, type ThreadRef } from "../policy.server";

/**
 * Moves a thread to another category. Crossing a council boundary (into, out of, or between
 * councils) is for admins only; afterwards everyone who can no longer read the thread loses their
 * watch, bookmarks and notifications about it, so nothing stored keeps pointing at it.
 */
export async function moveThread(db: Kysely<DB>, actor: SessionUser, threadId: string, categoryId: number, reason: string | null = null) {
  return db.transaction().execute(async (trx) => {
    const thread = await loadThreadRef(trx, threadId, { lock: true });
    if (!thread || !can(actor, "forum.readThread", thread)) throw notFound("That thread");
    const target = await trx.selectFrom("categories").select(["id", "visibility", "council_id"]).where("id", "=", categoryId).executeTakeFirst();
    const targetRef = target && { id: target.id, visibility: target.visibility, councilId: target.council_id };
    if (!targetRef || !can(actor, "forum.readCategory", targetRef)) throw new DomainError("Choose a category from the list.", 400, "categoryId");
    if (targetRef.id === thread.category.id) throw new DomainError("The thread is in that category already.", 409, "categoryId");
    const crossing = thread.category.visibility === "council" || targetRef.visibility === "council";
    if (crossing) authorize(actor, "forum.moveAcrossCouncil", undefined);
    else authorize(actor, "forum.moderate", thread);

    const posts = await trx.selectFrom("posts").select("id").where("thread_id", "=", threadId).execute();
    await trx.updateTable("threads").set({ category_id: targetRef.id }).where("id", "=", threadId).execute();
    await trx.updateTable("categories").set((eb) => ({ thread_count: eb("thread_count", "-", 1), post_count: eb("post_count", "-", posts.length) })).where("id", "=", thread.category.id).execute();
    await trx.updateTable("categories").set((eb) => ({ thread_count: eb("thread_count", "+", 1), post_count: eb("post_count", "+", posts.length) })).where("id", "=", targetRef.id).execute();

    const outsiders = await dropOutsidersOfThread(trx, { ...thread, category: targetRef });
    await recordAudit(trx, {
      actorId: actor.id,
      action: "forum.thread_moved",
      targetType: "thread",
      targetId: threadId,
      reason,
      before: { categoryId: thread.category.id },
      after: { categoryId: targetRef.id },
    });
    return { outsiders };
  });
}

/**
 * After a thread changes category: everyone who can no longer read it loses their watch, read
 * marker, bookmarks and notifications about it, so nothing stored keeps pointing at it (or shows
 * its title). Every move calls this, whichever screen it comes from. Returns how many lost access.
 */
export async function dropOutsidersOfThread(trx: Kysely<DB>, moved: ThreadRef) {
  const threadId = moved.id;
  const posts = await trx.selectFrom("posts").select("id").where("thread_id", "=", threadId).execute();
  const postIds = posts.map((p) => p.id);
  const interested = new Set<string>();
  for (const row of await trx.selectFrom("thread_watches").select("user_id").where("thread_id", "=", threadId).execute()) interested.add(row.user_id);
  if (postIds.length) {
    for (const row of await trx.selectFrom("notifications").select("user_id").where("post_id", "in", postIds).execute()) interested.add(row.user_id);
    for (const row of await trx.selectFrom("bookmarks").select("user_id").where("post_id", "in", postIds).execute()) interested.add(row.user_id);
  }
  const readers = await loadReaders(trx, interested);
  const outsiders = [...interested].filter((id) => {
    const reader = readers.get(id);
    return !reader || !can(reader, "forum.readThread", moved);
  });
  if (outsiders.length) {
    await trx.deleteFrom("thread_watches").where("thread_id", "=", threadId).where("user_id", "in", outsiders).execute();
    await trx.deleteFrom("thread_reads").where("thread_id", "=", threadId).where("user_id", "in", outsiders).execute();
    if (postIds.length) {
      await trx.deleteFrom("notifications").where("post_id", "in", postIds).where("user_id", "in", outsiders).execute();
      await trx.deleteFrom("bookmarks").where("post_id", "in", postIds).where("user_id", "in", outsiders).execute();
    }
  }
  return outsiders.length;
}

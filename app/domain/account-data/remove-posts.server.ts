import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * "Also remove my posts" (docs/decisions/023): the posts are soft-deleted as a member's own
 * delete does (deleted_at; their place in the thread says "This post was deleted"), in bulk and
 * inside the deletion's transaction. A thread they started goes too unless others answered in
 * it: then it stays, so the answers keep their question's place. No forum.post_deleted events:
 * those reverse recognition, and the deletion keeps the ledger's sums.
 */
export async function removeOwnPosts(trx: Transaction<DB>, userId: string, now: Date) {
  const removed = await trx
    .updateTable("posts")
    .set({ deleted_at: now })
    .where("author_id", "=", userId)
    .where("deleted_at", "is", null)
    .returning(["id", "thread_id"])
    .execute();
  if (removed.length === 0) return 0;
  const removedIds = removed.map((row) => row.id);
  await trx.updateTable("threads").set({ accepted_post_id: null }).where("accepted_post_id", "in", removedIds).execute();
  await trx
    .updateTable("threads")
    .set({ deleted_at: now })
    .where("author_id", "=", userId)
    .where("deleted_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("posts as other")
            .select("other.id")
            .whereRef("other.thread_id", "=", "threads.id")
            .where("other.author_id", "<>", userId)
            .where("other.deleted_at", "is", null),
        ),
      ),
    )
    .execute();
  return removed.length;
}

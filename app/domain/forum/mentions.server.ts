import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { appendEvent } from "../events/outbox.server";
import { readerColumns, toReader } from "../follow/readers.server";
import { can, type ThreadRef } from "../policy.server";

/**
 * Records who a post mentions and emits a mention event for each person who may read the post;
 * a mention of someone who cannot see it (a council thread, say) tells them nothing.
 */
export async function recordMentions(
  trx: Transaction<DB>,
  input: { postId: string; thread: ThreadRef; authorId: string; handles: string[]; alreadyMentioned?: Set<string>; at?: Date },
) {
  const handles = [...new Set(input.handles.map((h) => h.toLowerCase()))].slice(0, 20);
  if (handles.length === 0) return [];
  const people = await trx
    .selectFrom("users")
    .select(readerColumns(trx))
    .where((eb) => eb(eb.fn("lower", ["handle"]), "in", handles))
    .where("deleted_at", "is", null)
    .execute();
  const notified: string[] = [];
  for (const row of people) {
    const reader = toReader(row);
    if (reader.id === input.authorId || input.alreadyMentioned?.has(reader.id)) continue;
    if (!can(reader, "forum.readThread", input.thread)) continue;
    await trx.insertInto("post_mentions").values({ post_id: input.postId, user_id: reader.id }).onConflict((oc) => oc.doNothing()).execute();
    await appendEvent(trx, {
      type: "forum.user_mentioned",
      actorId: input.authorId,
      occurredAt: input.at,
      payload: { postId: input.postId, threadId: input.thread.id, mentionedId: reader.id, authorId: input.authorId },
    });
    notified.push(reader.id);
  }
  return notified;
}

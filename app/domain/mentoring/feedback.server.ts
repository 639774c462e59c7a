import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { can } from "../policy.server";
import { eventIds, findMentorship, isParty, mentorshipRef, wrongState } from "./records.server";
import { feedbackSchema, parseInput } from "./validation";

/**
 * After a mentorship ends, each side rates the other once (1 to 5 and a comment). The mentee's
 * rating of a completed mentorship is what the recognition engine scores, so
 * `mentoring.completed` is written with it, once (docs/decisions/012-mentor-matching.md).
 */
export async function giveFeedback(db: Kysely<DB>, actor: SessionUser, publicId: string, raw: unknown, at = new Date()) {
  const parsed = parseInput(feedbackSchema, raw);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0]!;
    throw new DomainError(message!, 400, field);
  }
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    if (!isParty(actor, row)) throw new DomainError("Only the mentor and the mentee give feedback.", 403);
    if (!can(actor, "mentoring.feedback", mentorshipRef(row), at)) throw wrongState(row, "give feedback yet");
    const byMentee = actor.id === row.mentee_id;
    const inserted = await trx
      .insertInto("mentorship_feedback")
      .values({
        mentorship_id: row.id,
        author_id: actor.id,
        subject_id: byMentee ? row.mentor_id : row.mentee_id,
        rating: parsed.data.rating,
        comment: parsed.data.comment,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(["mentorship_id", "author_id"]).doNothing())
      .returning("rating")
      .executeTakeFirst();
    if (!inserted) throw new DomainError("You already gave feedback on this mentorship.", 409, "rating");
    if (byMentee && row.end_reason === "completed") {
      await appendEvent(trx, {
        type: "mentoring.completed",
        payload: { ...eventIds(row), rating: inserted.rating },
        actorId: actor.id,
        occurredAt: at,
      });
    }
    return inserted;
  });
}

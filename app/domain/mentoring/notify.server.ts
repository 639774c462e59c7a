import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import { disabledKinds } from "../follow/notifications.server";

/** The mentoring events that notify the other person of the pair. */
export const mentoringNotifyingEvents: ReadonlySet<string> = new Set([
  "mentoring.requested",
  "mentoring.accepted",
  "mentoring.declined",
  "mentoring.withdrawn",
  "mentoring.expired",
  "mentoring.session_logged",
  "mentoring.ended",
  "mentoring.completed",
]);

/**
 * A mentoring event to a notification for the other party, in the dispatcher's transaction.
 * Keyed by the event, so a redelivered event creates nothing twice; the line is written now,
 * with the names as they are, and links to the mentorship's page.
 */
export async function notifyMentoringEvent(trx: Transaction<DB>, event: DispatchedEvent): Promise<number> {
  if (!mentoringNotifyingEvents.has(event.type) || !event.type.startsWith("mentoring.")) return 0;
  const payload = event.payload as { mentorshipId: number; mentorId: string; menteeId: string; loggedBy?: string; endedBy?: string; rating?: number | null };
  const m = await trx
    .selectFrom("mentorships as m")
    .innerJoin("users as mentor", "mentor.id", "m.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "m.mentee_id")
    .select(["m.public_id", "mentor.display_name as mentor_name", "mentee.display_name as mentee_name"])
    .where("m.id", "=", payload.mentorshipId)
    .executeTakeFirst();
  if (!m) return 0;
  const name = (userId: string) => (userId === payload.mentorId ? m.mentor_name : m.mentee_name);
  const other = (userId: string) => (userId === payload.mentorId ? payload.menteeId : payload.mentorId);

  let recipient: string;
  let text: string;
  switch (event.type) {
    case "mentoring.requested":
      [recipient, text] = [payload.mentorId, `${m.mentee_name} asked you to be their mentor`];
      break;
    case "mentoring.accepted":
      [recipient, text] = [payload.menteeId, `${m.mentor_name} accepted your mentoring request`];
      break;
    case "mentoring.declined":
      [recipient, text] = [payload.menteeId, `${m.mentor_name} declined your mentoring request`];
      break;
    case "mentoring.withdrawn":
      [recipient, text] = [payload.mentorId, `${m.mentee_name} withdrew their mentoring request`];
      break;
    case "mentoring.expired":
      [recipient, text] = [payload.menteeId, `Your mentoring request to ${m.mentor_name} expired without an answer`];
      break;
    case "mentoring.session_logged":
      [recipient, text] = [other(payload.loggedBy!), `${name(payload.loggedBy!)} logged a mentoring session: please confirm it`];
      break;
    case "mentoring.ended":
      [recipient, text] = [other(payload.endedBy!), `${name(payload.endedBy!)} ended your mentorship: leave your feedback`];
      break;
    case "mentoring.completed":
      [recipient, text] = [payload.mentorId, `${m.mentee_name} completed the mentorship and rated it ${payload.rating ?? "–"}/5`];
      break;
    default:
      return 0;
  }
  if ((await disabledKinds(trx, [recipient])).get(recipient)?.has("mentoring")) return 0;
  const rows = await trx
    .insertInto("notifications")
    .values({
      user_id: recipient,
      kind: "mentoring",
      actor_id: event.actorId,
      thread_id: null,
      post_id: null,
      data: JSON.stringify({ text, href: `/mentoring/m/${m.public_id}` }),
      source_key: `event:${event.id}`,
      event_id: event.id,
      created_at: event.occurredAt,
    })
    .onConflict((oc) => oc.columns(["user_id", "kind", "source_key"]).doNothing())
    .returning("id")
    .execute();
  return rows.length;
}

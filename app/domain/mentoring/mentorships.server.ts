import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { can } from "../policy.server";
import type { RenderMarkdown } from "../forum/rendering";
import { eventIds, findMentorship, isParty, mentorshipRef, wrongState } from "./records.server";
import { assertMayWriteNote } from "./rate-limit.server";
import { endSchema, noteSchema, parseInput } from "./validation";

function firstError(errors: Partial<Record<string, string>>): never {
  const [field, message] = Object.entries(errors)[0]!;
  throw new DomainError(message!, 400, field);
}

/** Checks the actor may write in this mentorship's space now: one of the two, while active. */
export function assertParticipant(actor: SessionUser, row: Parameters<typeof mentorshipRef>[0], what: string, at: Date) {
  if (!isParty(actor, row)) throw new DomainError(`Only the mentor and the mentee can ${what}.`, 403);
  if (!can(actor, "mentoring.participate", mentorshipRef(row), at)) throw wrongState(row, what);
}

/**
 * Either side ends an active mentorship. "Not a good fit" lets the mentee be matched again:
 * that mentor drops out of their suggestions and a new request to them is refused.
 */
export async function endMentorship(db: Kysely<DB>, actor: SessionUser, publicId: string, raw: unknown, at = new Date()) {
  const parsed = parseInput(endSchema, raw);
  if (!parsed.ok) firstError(parsed.errors);
  return db.transaction().execute(async (trx) => {
    const row = await findMentorship(trx, actor, publicId, { forUpdate: true });
    assertParticipant(actor, row, "end it", at);
    const updated = await trx
      .updateTable("mentorships")
      .set({ status: "ended", end_reason: parsed.data.reason, end_note: parsed.data.note || null, ended_by: actor.id, ended_at: at })
      .where("id", "=", row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      type: "mentoring.ended",
      payload: { ...eventIds(row), endedBy: actor.id, reason: parsed.data.reason },
      actorId: actor.id,
      occurredAt: at,
    });
    return updated;
  });
}

/** A private note in the pair's space, Markdown through the one sanitizing renderer. */
export async function addNote(
  db: Kysely<DB>,
  actor: SessionUser,
  publicId: string,
  raw: unknown,
  options: { render: RenderMarkdown; at?: Date },
) {
  const at = options.at ?? new Date();
  const parsed = parseInput(noteSchema, raw);
  if (!parsed.ok) firstError(parsed.errors);
  // Checked before rendering so a stranger learns nothing and costs nothing.
  const row = await findMentorship(db, actor, publicId);
  assertParticipant(actor, row, "write notes here", at);
  const rendered = await options.render(parsed.data.body);
  return db.transaction().execute(async (trx) => {
    const locked = await findMentorship(trx, actor, publicId, { forUpdate: true });
    assertParticipant(actor, locked, "write notes here", at);
    await assertMayWriteNote(trx, actor.id, at);
    return trx
      .insertInto("mentorship_notes")
      .values({ mentorship_id: locked.id, author_id: actor.id, body: parsed.data.body, body_html: rendered.html, created_at: at })
      .returning(["id"])
      .executeTakeFirstOrThrow();
  });
}

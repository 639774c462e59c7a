import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { Rsvp } from "../../../db/schema-parts/councils";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import type { RenderMarkdown } from "../forum/rendering";
import { can, type Actor } from "../policy.server";
import { requireCouncil } from "./councils.server";
import { zonedTimeToUtc } from "./time";
import { agendaItemSchema, meetingSchema, minutesSchema, validate } from "./validation";

type Db = Kysely<DB> | Transaction<DB>;

/** The chair (or an admin) schedules a meeting in the council's time zone; never in the past. */
export async function scheduleMeeting(db: Kysely<DB>, actor: SessionUser, councilId: string, input: unknown, at = new Date()) {
  await requireCouncil(db, actor, councilId, at);
  if (!can(actor, "council.chair", { councilId }, at)) throw new DomainError("Only the chair schedules meetings.", 403);
  const fields = validate(meetingSchema, input);
  const startsAt = zonedTimeToUtc(fields.startsAt, fields.timeZone);
  if (!startsAt) throw new DomainError("Enter the date and time as shown (for example 2026-12-01T10:00).", 400, "startsAt");
  if (startsAt <= at) throw new DomainError("Choose a date and time in the future.", 400, "startsAt");
  const id = newId();
  await db
    .insertInto("council_meetings")
    .values({
      id,
      council_id: councilId,
      title: fields.title,
      starts_at: startsAt,
      time_zone: fields.timeZone,
      location: fields.location,
      call_link: fields.callLink,
      created_by: actor.id,
      created_at: at,
    })
    .execute();
  return { id };
}

async function meetingFor(db: Db, actor: Actor, meetingId: string, at: Date) {
  const meeting = await db.selectFrom("council_meetings").selectAll().where("id", "=", meetingId).executeTakeFirst();
  if (!meeting || !can(actor, "council.enter", { councilId: meeting.council_id }, at)) throw notFound("That page");
  return meeting;
}

async function chairOf(db: Db, actor: SessionUser, meetingId: string, at: Date, doing: string) {
  const meeting = await meetingFor(db, actor, meetingId, at);
  if (!can(actor, "council.chair", { councilId: meeting.council_id }, at)) throw new DomainError(`Only the chair ${doing}.`, 403);
  return meeting;
}

/** A current member of the council by handle, for agenda owners and action items. */
async function memberByHandle(db: Db, councilId: string, handle: string, at: Date, field: string) {
  const person = await db
    .selectFrom("council_members")
    .innerJoin("users", "users.id", "council_members.user_id")
    .select(["users.id", "users.display_name"])
    .where("council_members.council_id", "=", councilId)
    .where((eb) => eb(eb.fn("lower", ["users.handle"]), "=", handle.replace(/^@/, "").toLowerCase()))
    .where("council_members.ended_at", "is", null)
    .where("council_members.term_end", ">", at)
    .executeTakeFirst();
  if (!person) throw new DomainError(`@${handle.replace(/^@/, "")} is not on this council.`, 400, field);
  return person;
}

/** Agenda builder: items in order, each with an optional owner and a linked thread or proposal of this council. */
export async function addAgendaItem(db: Kysely<DB>, actor: SessionUser, meetingId: string, input: unknown, at = new Date()) {
  const meeting = await chairOf(db, actor, meetingId, at, "builds the agenda");
  const fields = validate(agendaItemSchema, input);
  const owner = fields.ownerHandle ? await memberByHandle(db, meeting.council_id, fields.ownerHandle, at, "ownerHandle") : null;
  if (fields.threadId) {
    const thread = await db
      .selectFrom("threads")
      .innerJoin("councils", "councils.category_id", "threads.category_id")
      .select("threads.id")
      .where("threads.id", "=", fields.threadId)
      .where("councils.id", "=", meeting.council_id)
      .executeTakeFirst();
    if (!thread) throw new DomainError("Link a thread of this council's space.", 400, "threadId");
  }
  if (fields.proposalId) {
    const proposal = await db.selectFrom("council_proposals").select("id").where("id", "=", fields.proposalId).where("council_id", "=", meeting.council_id).executeTakeFirst();
    if (!proposal) throw new DomainError("Link a proposal of this council.", 400, "proposalId");
  }
  return db.transaction().execute(async (trx) => {
    const last = await trx
      .selectFrom("council_agenda_items")
      .select((eb) => eb.fn.coalesce(eb.fn.max("position"), sql<number>`0`).as("n"))
      .where("meeting_id", "=", meetingId)
      .executeTakeFirstOrThrow();
    const id = newId();
    await trx
      .insertInto("council_agenda_items")
      .values({
        id,
        meeting_id: meetingId,
        position: Number(last.n) + 1,
        title: fields.title,
        owner_id: owner?.id ?? null,
        thread_id: fields.threadId || null,
        proposal_id: fields.proposalId || null,
      })
      .execute();
    return { id };
  });
}

/** Moves an agenda item one place up or down by swapping with its neighbour. */
export async function moveAgendaItem(db: Kysely<DB>, actor: SessionUser, meetingId: string, itemId: string, direction: "up" | "down", at = new Date()) {
  await chairOf(db, actor, meetingId, at, "builds the agenda");
  await db.transaction().execute(async (trx) => {
    const items = await trx.selectFrom("council_agenda_items").select(["id", "position"]).where("meeting_id", "=", meetingId).orderBy("position").forUpdate().execute();
    const index = items.findIndex((item) => item.id === itemId);
    if (index < 0) throw notFound("That agenda item");
    const other = items[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    await trx.updateTable("council_agenda_items").set({ position: other.position }).where("id", "=", itemId).execute();
    await trx.updateTable("council_agenda_items").set({ position: items[index]!.position }).where("id", "=", other.id).execute();
  });
}

export async function rsvp(db: Kysely<DB>, actor: SessionUser, meetingId: string, answer: Rsvp, at = new Date()) {
  const meeting = await meetingFor(db, actor, meetingId, at);
  if (!can(actor, "council.participate", { councilId: meeting.council_id }, at)) throw new DomainError("Only council members answer invitations to meetings.", 403);
  await db
    .insertInto("council_attendance")
    .values({ meeting_id: meetingId, user_id: actor.id, rsvp: answer, updated_at: at })
    .onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doUpdateSet({ rsvp: answer, updated_at: at }))
    .execute();
}

/**
 * The chair records who was there. The first time someone is marked present, a
 * council.meeting_attended event goes to the outbox (recognition); unmarking does not undo it here.
 */
export async function recordPresence(db: Kysely<DB>, actor: SessionUser, meetingId: string, userId: string, present: boolean, at = new Date()) {
  const meeting = await chairOf(db, actor, meetingId, at, "records attendance");
  if (meeting.starts_at > at) throw new DomainError("Record attendance once the meeting has started.", 409);
  const member = await db.selectFrom("council_members").select("user_id").where("council_id", "=", meeting.council_id).where("user_id", "=", userId).executeTakeFirst();
  if (!member) throw new DomainError("Choose a member of this council.", 400, "userId");
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom("council_attendance").select("present").where("meeting_id", "=", meetingId).where("user_id", "=", userId).forUpdate().executeTakeFirst();
    await trx
      .insertInto("council_attendance")
      .values({ meeting_id: meetingId, user_id: userId, present, updated_at: at })
      .onConflict((oc) => oc.columns(["meeting_id", "user_id"]).doUpdateSet({ present, updated_at: at }))
      .execute();
    const announced = await trx
      .selectFrom("outbox_events")
      .select("id")
      .where("type", "=", "council.meeting_attended")
      .where(sql<boolean>`payload->>'meetingId' = ${meetingId} and payload->>'memberId' = ${userId}`)
      .executeTakeFirst();
    if (present && !before?.present && !announced) {
      await appendEvent(trx, {
        type: "council.meeting_attended",
        actorId: actor.id,
        occurredAt: at,
        payload: { councilId: meeting.council_id, meetingId, memberId: userId },
      });
    }
  });
}

/** Minutes are drafted (visible to the chair and admins only) until published. */
export async function saveMinutes(db: Kysely<DB>, actor: SessionUser, meetingId: string, input: unknown, render: RenderMarkdown, at = new Date()) {
  const meeting = await chairOf(db, actor, meetingId, at, "writes the minutes");
  if (meeting.minutes_published_at) throw new DomainError("These minutes are published already.", 409);
  const { minutes } = validate(minutesSchema, input);
  const rendered = await render(minutes);
  await db
    .updateTable("council_meetings")
    .set({ minutes_source: minutes, minutes_html: rendered.html, minutes_author_id: actor.id })
    .where("id", "=", meetingId)
    .execute();
}

export async function publishMinutes(db: Kysely<DB>, actor: SessionUser, meetingId: string, at = new Date()) {
  const meeting = await chairOf(db, actor, meetingId, at, "publishes the minutes");
  if (meeting.minutes_published_at) throw new DomainError("These minutes are published already.", 409);
  if (!meeting.minutes_source.trim()) throw new DomainError("Write the minutes before publishing them.", 400, "minutes");
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("council_meetings").set({ minutes_published_at: at }).where("id", "=", meetingId).execute();
    await appendEvent(trx, {
      type: "council.minutes_published",
      actorId: actor.id,
      occurredAt: at,
      payload: { councilId: meeting.council_id, meetingId, authorId: meeting.minutes_author_id ?? actor.id },
    });
  });
}

/** A meeting page: agenda in order, attendance with quorum (a majority of current voting members), minutes. */
export async function loadMeeting(db: Db, actor: Actor, meetingId: string, at = new Date()) {
  const meeting = await meetingFor(db, actor, meetingId, at);
  const mayChair = can(actor, "council.chair", { councilId: meeting.council_id }, at);
  const [agenda, people, actionItems] = await Promise.all([
    db
      .selectFrom("council_agenda_items")
      .leftJoin("users", "users.id", "council_agenda_items.owner_id")
      .leftJoin("threads", "threads.id", "council_agenda_items.thread_id")
      .leftJoin("council_proposals", "council_proposals.id", "council_agenda_items.proposal_id")
      .select([
        "council_agenda_items.id",
        "council_agenda_items.position",
        "council_agenda_items.title",
        "users.display_name as owner_name",
        "threads.id as thread_id",
        "threads.title as thread_title",
        "council_proposals.id as proposal_id",
        "council_proposals.title as proposal_title",
      ])
      .where("council_agenda_items.meeting_id", "=", meetingId)
      .orderBy("council_agenda_items.position")
      .execute(),
    db
      .selectFrom("council_members")
      .innerJoin("users", "users.id", "council_members.user_id")
      .leftJoin("council_attendance", (join) =>
        join.onRef("council_attendance.user_id", "=", "council_members.user_id").on("council_attendance.meeting_id", "=", meetingId),
      )
      .select(["users.id", "users.display_name", "council_members.role", "council_attendance.rsvp", "council_attendance.present"])
      .where("council_members.council_id", "=", meeting.council_id)
      .where("council_members.accepted_at", "is not", null)
      .where("council_members.ended_at", "is", null)
      .where("council_members.term_end", ">", meeting.starts_at)
      .orderBy("users.display_name")
      .execute(),
    listActionItems(db, meetingId),
  ]);
  const voting = people.filter((p) => p.role !== "vendor_liaison");
  const quorum = Math.floor(voting.length / 2) + 1;
  const present = voting.filter((p) => p.present).length;
  const published = meeting.minutes_published_at !== null;
  return {
    meeting: {
      ...meeting,
      // Draft minutes are the chair's working copy; members see them once published.
      minutes_source: mayChair ? meeting.minutes_source : published ? meeting.minutes_source : "",
      minutes_html: mayChair || published ? meeting.minutes_html : "",
    },
    agenda,
    people,
    quorum: { needed: quorum, present, reached: present >= quorum },
    actionItems,
    mayChair,
    mayParticipate: can(actor, "council.participate", { councilId: meeting.council_id }, at),
  };
}

export async function listMeetings(db: Db, actor: Actor, councilId: string, at = new Date()) {
  await requireCouncil(db, actor, councilId, at);
  return db
    .selectFrom("council_meetings")
    .select(["id", "title", "starts_at", "time_zone", "minutes_published_at"])
    .where("council_id", "=", councilId)
    .orderBy("starts_at", "desc")
    .execute();
}

async function listActionItems(db: Db, meetingId: string) {
  return db
    .selectFrom("council_action_items")
    .innerJoin("users", "users.id", "council_action_items.owner_id")
    .select(["council_action_items.id", "council_action_items.title", "council_action_items.due_at", "council_action_items.done_at", "users.display_name as owner_name", "users.id as owner_id"])
    .where("council_action_items.meeting_id", "=", meetingId)
    .orderBy("council_action_items.due_at")
    .execute();
}

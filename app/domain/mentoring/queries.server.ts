import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { authorize } from "../policy.server";
import { findMentorship, isParty } from "./records.server";
import { listSessions } from "./sessions.server";

const people = (db: Kysely<DB>) =>
  db
    .selectFrom("mentorships as m")
    .innerJoin("users as mentor", "mentor.id", "m.mentor_id")
    .innerJoin("users as mentee", "mentee.id", "m.mentee_id")
    .select([
      "m.id",
      "m.public_id",
      "m.status",
      "m.message",
      "m.goals",
      "m.topics",
      "m.languages",
      "m.urgency",
      "m.decline_reason",
      "m.end_reason",
      "m.end_note",
      "m.requested_at",
      "m.expires_at",
      "m.started_at",
      "m.ended_at",
      "m.mentor_id",
      "m.mentee_id",
      "mentor.display_name as mentor_name",
      "mentor.handle as mentor_handle",
      "mentee.display_name as mentee_name",
      "mentee.handle as mentee_handle",
    ]);

/** Everything in a mentorship's private space, for its two people and admins only. */
export async function mentorshipSpace(db: Kysely<DB>, actor: SessionUser, publicId: string) {
  const { id } = await findMentorship(db, actor, publicId);
  const [mentorship, notes, sessions, feedback] = await Promise.all([
    people(db).where("m.id", "=", id).executeTakeFirstOrThrow(),
    db
      .selectFrom("mentorship_notes as n")
      .leftJoin("users as u", "u.id", "n.author_id")
      .select(["n.id", "n.body_html", "n.created_at", "n.author_id", "u.display_name as author_name"])
      .where("n.mentorship_id", "=", id)
      .orderBy("n.id", "asc")
      .execute(),
    listSessions(db, id),
    db.selectFrom("mentorship_feedback").select(["author_id", "rating", "comment", "created_at"]).where("mentorship_id", "=", id).execute(),
  ]);
  const mine = feedback.find((f) => f.author_id === actor.id) ?? null;
  const theirs = feedback.find((f) => f.author_id !== actor.id) ?? null;
  const party = isParty(actor, mentorship);
  return {
    mentorship,
    role: actor.id === mentorship.mentor_id ? ("mentor" as const) : actor.id === mentorship.mentee_id ? ("mentee" as const) : ("admin" as const),
    notes,
    sessions,
    // The other side's feedback shows once one's own is in, so neither answer colours the other.
    feedback: party
      ? { mine, theirs: mine ? theirs : null, theirsGiven: theirs !== null }
      : { mine: null, theirs: null, all: feedback, theirsGiven: false },
  };
}

/** The signed-in person's mentoring at a glance: as mentor, as mentee, and requests both ways. */
export async function mentoringDashboard(db: Kysely<DB>, actor: SessionUser) {
  const rows = await people(db)
    .where((eb) => eb.or([eb("m.mentor_id", "=", actor.id), eb("m.mentee_id", "=", actor.id)]))
    .where((eb) => eb.or([eb("m.status", "in", ["requested", "active"]), eb("m.ended_at", "is not", null)]))
    .orderBy("m.requested_at", "desc")
    .limit(200)
    .execute();
  const profile = await db.selectFrom("mentor_profiles").select(["accepting", "capacity"]).where("user_id", "=", actor.id).executeTakeFirst();
  const asMentor = rows.filter((r) => r.mentor_id === actor.id);
  const asMentee = rows.filter((r) => r.mentee_id === actor.id);
  return {
    profile: profile ?? null,
    mentees: asMentor.filter((r) => r.status === "active" || r.status === "ended"),
    mentors: asMentee.filter((r) => r.status === "active" || r.status === "ended"),
    received: asMentor.filter((r) => r.status === "requested"),
    sent: asMentee.filter((r) => r.status === "requested"),
  };
}

/** For admins: how loaded each mentor is, and the requests nobody has answered yet. */
export async function mentoringOverview(db: Kysely<DB>, actor: SessionUser) {
  authorize(actor, "mentoring.administer", undefined);
  const [load, unanswered] = await Promise.all([
    db
      .selectFrom("mentor_profiles as mp")
      .innerJoin("users as u", "u.id", "mp.user_id")
      .select([
        "mp.user_id",
        "u.display_name",
        "u.handle",
        "mp.accepting",
        "mp.capacity",
        (eb) =>
          eb.selectFrom("mentorships as m").select(sql<number>`count(*)::int`.as("n")).whereRef("m.mentor_id", "=", "mp.user_id").where("m.status", "=", "active").as("active"),
        (eb) =>
          eb.selectFrom("mentorships as m").select(sql<number>`count(*)::int`.as("n")).whereRef("m.mentor_id", "=", "mp.user_id").where("m.status", "=", "requested").as("pending"),
        (eb) =>
          eb
            .selectFrom("mentorships as m")
            .select(sql<number>`count(*)::int`.as("n"))
            .whereRef("m.mentor_id", "=", "mp.user_id")
            .where("m.status", "=", "ended")
            .where("m.end_reason", "=", "completed")
            .as("completed"),
      ])
      .orderBy("u.display_name")
      .execute(),
    people(db).where("m.status", "=", "requested").orderBy("m.requested_at", "asc").limit(200).execute(),
  ]);
  return {
    load: load.map((row) => ({ ...row, active: Number(row.active ?? 0), pending: Number(row.pending ?? 0), completed: Number(row.completed ?? 0) })),
    unanswered,
  };
}

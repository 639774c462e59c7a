import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";

/**
 * The mentoring part of the export: the person's mentor profile, and the mentorships they are
 * party to with the notes and sessions both sides read in the space. Feedback: only what they
 * wrote (the other side's is shown to them under its own rule, on the page).
 */
export async function exportMentoring(db: Kysely<DB>, userId: string) {
  const [profile, mentorships] = await Promise.all([
    db.selectFrom("mentor_profiles").select(["accepting", "capacity", "topics", "languages", "time_zone", "segments", "pitch", "created_at"]).where("user_id", "=", userId).executeTakeFirst(),
    db
      .selectFrom("mentorships")
      .innerJoin("users as mentor", "mentor.id", "mentorships.mentor_id")
      .innerJoin("users as mentee", "mentee.id", "mentorships.mentee_id")
      .select([
        "mentorships.id",
        "mentorships.status",
        "mentorships.goals",
        "mentorships.topics",
        "mentorships.message",
        "mentorships.requested_at",
        "mentorships.started_at",
        "mentorships.ended_at",
        "mentorships.end_reason",
        "mentor.handle as mentor_handle",
        "mentor.display_name as mentor_name",
        "mentee.handle as mentee_handle",
        "mentee.display_name as mentee_name",
      ])
      .where((eb) => eb.or([eb("mentorships.mentor_id", "=", userId), eb("mentorships.mentee_id", "=", userId)]))
      .orderBy("mentorships.requested_at")
      .execute(),
  ]);
  const ids = mentorships.map((m) => m.id);
  const [notes, sessions, feedback] = ids.length
    ? await Promise.all([
        db.selectFrom("mentorship_notes").select(["mentorship_id", "body", "created_at"]).select((eb) => eb("author_id", "=", userId).as("mine")).where("mentorship_id", "in", ids).orderBy("created_at").execute(),
        db.selectFrom("mentorship_sessions").select(["mentorship_id", "held_on", "duration_minutes", "topics", "summary", "confirmed_at"]).where("mentorship_id", "in", ids).orderBy("held_on").execute(),
        db.selectFrom("mentorship_feedback").select(["mentorship_id", "rating", "comment", "created_at"]).where("mentorship_id", "in", ids).where("author_id", "=", userId).execute(),
      ])
    : [[], [], []];
  return {
    mentorProfile: profile ?? null,
    mentorships: mentorships.map(({ id, ...m }) => ({
      ...m,
      notes: notes.filter((n) => n.mentorship_id === id).map(({ mentorship_id: _, ...n }) => n),
      sessions: sessions.filter((s) => s.mentorship_id === id).map(({ mentorship_id: _, ...s }) => s),
      feedbackGiven: feedback.find((f) => f.mentorship_id === id) ?? null,
    })),
  };
}

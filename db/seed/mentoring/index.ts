import type { Kysely } from "kysely";
import { SESSION_USER_COLUMNS, toSessionUser, type SessionUser } from "../../../app/domain/accounts/auth.server";
import { giveFeedback } from "../../../app/domain/mentoring/feedback.server";
import { endMentorship } from "../../../app/domain/mentoring/mentorships.server";
import { saveMentorProfile } from "../../../app/domain/mentoring/profiles.server";
import { acceptRequest, requestMentorship } from "../../../app/domain/mentoring/requests.server";
import { confirmSession, logSession } from "../../../app/domain/mentoring/sessions.server";
import type { DB } from "../../schema";
import { emailOf, type Alias } from "../forum/cast";
import { demoMentors, demoMentorships } from "./plan";

const DAY = 24 * 3600_000;

export interface MentoringSummary {
  mentors: number;
  mentorships: number;
}

/**
 * Mentor profiles and mentorships in every state, made through the domain functions (in the
 * past, with their own dates) so that their events, jobs and notifications exist as in real use.
 */
export async function seedMentoring(db: Kysely<DB>, options: { demoAccounts: boolean; now?: Date }): Promise<MentoringSummary> {
  const now = options.now ?? new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const people = new Map<Alias, { user: SessionUser; expertise: string[]; languages: string[]; timeZone: string }>();
  async function person(alias: Alias) {
    const known = people.get(alias);
    if (known) return known;
    const row = await db
      .selectFrom("users")
      .select([...SESSION_USER_COLUMNS, "expertise", "languages", "time_zone"])
      .where("email", "=", emailOf(alias, options.demoAccounts))
      .executeTakeFirstOrThrow();
    const found = { user: toSessionUser(row), expertise: row.expertise, languages: row.languages, timeZone: row.time_zone };
    people.set(alias, found);
    return found;
  }

  for (const mentor of demoMentors) {
    const { user, expertise, languages, timeZone } = await person(mentor.alias);
    await saveMentorProfile(
      db,
      user,
      { accepting: "on", capacity: String(mentor.capacity), topics: expertise, languages: languages.length ? languages : ["English"], timeZone, segments: mentor.segments, pitch: mentor.pitch },
      ago(150),
    );
  }

  for (const plan of demoMentorships) {
    const mentor = await person(plan.mentor);
    const mentee = await person(plan.mentee);
    const request = await requestMentorship(
      db,
      mentee.user,
      {
        mentorId: mentor.user.id,
        message: plan.message,
        goals: plan.goals,
        topics: mentor.expertise.slice(0, 2),
        languages: mentee.languages.join(", "),
        timeZone: mentee.timeZone,
        urgency: "normal",
      },
      ago(plan.requestedDaysAgo),
    );
    if (plan.acceptedDaysAgo === undefined) continue;
    await acceptRequest(db, mentor.user, request.public_id, ago(plan.acceptedDaysAgo));
    for (const session of plan.sessions ?? []) {
      const heldAt = ago(session.daysAgo);
      const logged = await logSession(
        db,
        mentee.user,
        request.public_id,
        { heldOn: heldAt.toISOString().slice(0, 10), durationMinutes: String(session.minutes), topics: request.topics, summary: session.summary },
        new Date(heldAt.getTime() + 3600_000),
      );
      if (!session.pending) await confirmSession(db, mentor.user, request.public_id, logged.id, new Date(heldAt.getTime() + 5 * 3600_000));
    }
    if (!plan.end) continue;
    const endedAt = ago(plan.end.daysAgo);
    await endMentorship(db, mentee.user, request.public_id, { reason: plan.end.reason }, endedAt);
    await giveFeedback(db, mentee.user, request.public_id, { rating: String(plan.end.menteeRating), comment: plan.end.comment }, new Date(endedAt.getTime() + 3600_000));
    await giveFeedback(db, mentor.user, request.public_id, { rating: String(plan.end.mentorRating) }, new Date(endedAt.getTime() + 7200_000));
  }
  return { mentors: demoMentors.length, mentorships: demoMentorships.length };
}

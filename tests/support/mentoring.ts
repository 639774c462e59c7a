import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { saveMentorProfile } from "../../app/domain/mentoring/profiles.server";
import { requestMentorship } from "../../app/domain/mentoring/requests.server";
import { asSessionUser, makeUser } from "./factories";

/** The expertise vocabulary grows from people's profiles: give one person these tags. */
export async function ensureVocabulary(db: Kysely<DB>, terms: string[] = MENTORING_TOPICS) {
  const holder = await makeUser(db);
  await db.updateTable("users").set({ expertise: terms }).where("id", "=", holder.id).execute();
}

export const MENTORING_TOPICS = ["Cloud migration", "Managed services", "Grant funding", "Security", "Networking"];

export async function makeMentor(
  db: Kysely<DB>,
  profile: Partial<{ capacity: number; topics: string[]; languages: string; timeZone: string; segments: string[]; accepting: boolean }> = {},
  user: { organizationId?: number | null } = {},
): Promise<SessionUser> {
  const mentor = asSessionUser(await makeUser(db, { organizationId: user.organizationId ?? null }));
  await saveMentorProfile(db, mentor, {
    accepting: profile.accepting === false ? "" : "on",
    capacity: String(profile.capacity ?? 2),
    topics: profile.topics ?? ["Cloud migration", "Managed services"],
    languages: profile.languages ?? "English, Spanish",
    timeZone: profile.timeZone ?? "Europe/Madrid",
    segments: profile.segments ?? ["nonprofits"],
    pitch: "Happy to help.",
  });
  return mentor;
}

export async function makeMentee(db: Kysely<DB>, organizationId: number | null = null) {
  return asSessionUser(await makeUser(db, { organizationId }));
}

export const requestInput = (mentorId: string, overrides: Record<string, unknown> = {}) => ({
  mentorId,
  message: "Could you help me plan our first migration?",
  goals: "Run our first migration project without surprises.",
  topics: ["Cloud migration"],
  languages: "English",
  timeZone: "Europe/London",
  segment: "nonprofits",
  urgency: "normal",
  ...overrides,
});

export async function makeRequest(db: Kysely<DB>, mentee: SessionUser, mentor: SessionUser, at?: Date) {
  return requestMentorship(db, mentee, requestInput(mentor.id), at);
}

export async function eventsOfType(db: Kysely<DB>, type: string) {
  return db.selectFrom("outbox_events").select(["payload", "actor_id"]).where("type", "=", type).orderBy("id").execute();
}

import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { authorize } from "../policy.server";
import { mentorProfileSchema, parseInput, type MentorProfileInput } from "./validation";
import { normalizeTerm } from "./vocabulary";

type Db = Kysely<DB> | Transaction<DB>;

export async function getMentorProfile(db: Db, userId: string) {
  return db.selectFrom("mentor_profiles").selectAll().where("user_id", "=", userId).executeTakeFirst();
}

/**
 * The topics people can offer and ask for: every expertise tag on a profile plus what mentors
 * already offer, so the list grows with the community instead of a hand-kept table.
 */
export async function expertiseVocabulary(db: Db): Promise<string[]> {
  const { rows } = await sql<{ term: string }>`
    select term from (
      select unnest(expertise) as term from users
      union select unnest(topics) from mentor_profiles
    ) terms order by lower(term)`.execute(db);
  const seen = new Map<string, string>();
  for (const { term } of rows) if (!seen.has(normalizeTerm(term))) seen.set(normalizeTerm(term), term.trim());
  return [...seen.values()];
}

/** Topics must come from the vocabulary (spelled as it spells them), so matching compares like with like. */
export async function canonicalTopics(db: Db, topics: string[], field = "topics") {
  if (topics.length === 0) return [];
  const vocabulary = new Map((await expertiseVocabulary(db)).map((term) => [normalizeTerm(term), term]));
  const unknown = topics.filter((topic) => !vocabulary.has(normalizeTerm(topic)));
  if (unknown.length) throw new DomainError(`Not in the expertise list: ${unknown.join(", ")}. Choose from the list.`, 400, field);
  return [...new Set(topics.map((topic) => vocabulary.get(normalizeTerm(topic))!))];
}

/** Creates or replaces the actor's own mentor profile. */
export async function saveMentorProfile(db: Kysely<DB>, actor: SessionUser, raw: unknown, at = new Date()) {
  authorize(actor, "mentoring.offer", undefined);
  const parsed = parseInput(mentorProfileSchema, raw);
  if (!parsed.ok) {
    const [field, message] = Object.entries(parsed.errors)[0]!;
    throw new DomainError(message!, 400, field);
  }
  const input: MentorProfileInput = parsed.data;
  const topics = await canonicalTopics(db, input.topics);
  if (input.accepting && topics.length === 0) {
    throw new DomainError("Choose at least one topic you can help with before accepting mentees.", 400, "topics");
  }
  const values = {
    accepting: input.accepting,
    capacity: input.capacity,
    topics,
    languages: input.languages,
    time_zone: input.timeZone,
    segments: input.segments,
    pitch: input.pitch,
    updated_at: at,
  };
  await db
    .insertInto("mentor_profiles")
    .values({ user_id: actor.id, ...values })
    .onConflict((oc) => oc.column("user_id").doUpdateSet(values))
    .execute();
  return getMentorProfile(db, actor.id);
}

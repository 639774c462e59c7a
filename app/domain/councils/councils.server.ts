import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { DomainError, notFound } from "../errors";
import { slugify } from "../organizations/organizations.server";
import { authorize, can, readableCouncilIds, type Actor } from "../policy.server";
import { councilSchema, termsSchema, validate } from "./validation";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * A council and its private forum category, created together: the category is where the
 * council's threads live, and the policy hides it from everyone but members and admins.
 */
export async function createCouncil(db: Kysely<DB>, actor: SessionUser, input: unknown, at = new Date()) {
  authorize(actor, "council.manage", undefined);
  const fields = validate(councilSchema, input);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom("councils").select("id").where("name", "=", fields.name).executeTakeFirst();
    if (taken) throw new DomainError("A council with this name exists already.", 409, "name");
    const id = newId();
    const category = await trx
      .insertInto("categories")
      .values({
        slug: `council-${slugify(fields.name) || "space"}-${id.slice(0, 6).toLowerCase()}`,
        name: fields.name,
        description: `Private threads of the ${fields.name}.`,
        visibility: "council",
        council_id: id,
        position: 1000,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const council = await trx
      .insertInto("councils")
      .values({
        id,
        name: fields.name,
        objective: fields.objective,
        meeting_frequency: fields.meetingFrequency,
        expected_commitment: fields.expectedCommitment,
        terms_text: fields.termsText,
        category_id: category.id,
        created_by: actor.id,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { actorId: actor.id, action: "council.created", targetType: "council", targetId: id, after: { name: fields.name } });
    return council;
  });
}

/** New confidentiality terms: a new version, which every member acknowledges again before entering. */
export async function updateTerms(db: Kysely<DB>, actor: SessionUser, councilId: string, input: unknown) {
  authorize(actor, "council.manage", undefined);
  const { termsText } = validate(termsSchema, input);
  return db.transaction().execute(async (trx) => {
    const council = await trx
      .updateTable("councils")
      .set((eb) => ({ terms_text: termsText, terms_version: eb("terms_version", "+", 1) }))
      .where("id", "=", councilId)
      .returning(["id", "terms_version"])
      .executeTakeFirst();
    if (!council) throw notFound("That council");
    await recordAudit(trx, { actorId: actor.id, action: "council.terms_changed", targetType: "council", targetId: councilId, after: { version: council.terms_version } });
    return council;
  });
}

/** Councils the actor may enter, with the actor's own role when a member. */
export async function listCouncils(db: Db, actor: Actor) {
  const readable = readableCouncilIds(actor);
  if (readable !== "all" && readable.length === 0) return [];
  let query = db.selectFrom("councils").select(["id", "name", "objective", "meeting_frequency"]).orderBy("name");
  if (readable !== "all") query = query.where("id", "in", readable);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, role: actor?.councils?.find((c) => c.councilId === row.id)?.role ?? null }));
}

export type Entry =
  | { state: "member"; council: CouncilView }
  | { state: "invited" | "acknowledge"; council: CouncilView; termStart: Date; termEnd: Date; role: string };

type CouncilView = Awaited<ReturnType<typeof loadCouncilRow>> & {};

async function loadCouncilRow(db: Db, councilId: string) {
  return db.selectFrom("councils").selectAll().where("id", "=", councilId).executeTakeFirst();
}

/**
 * The door of a council space. Members and admins enter; an invitee whose invitation is still
 * open, or a member who has not acknowledged the current terms, sees the charter and terms and
 * nothing else; everyone else gets the same 404 as for a council that does not exist.
 */
export async function enterCouncil(db: Db, actor: Actor, councilId: string, now = new Date()): Promise<Entry> {
  const council = await loadCouncilRow(db, councilId);
  if (!council) throw notFound("That page");
  if (can(actor, "council.enter", { councilId }, now)) return { state: "member", council };
  if (!actor) throw notFound("That page");
  const membership = await db
    .selectFrom("council_members")
    .select(["accepted_at", "acknowledged_version", "term_start", "term_end", "role"])
    .where("council_id", "=", councilId)
    .where("user_id", "=", actor.id)
    .where("ended_at", "is", null)
    .where("term_end", ">", now)
    .executeTakeFirst();
  if (!membership) throw notFound("That page");
  const base = { council, termStart: membership.term_start, termEnd: membership.term_end, role: membership.role };
  if (!membership.accepted_at) return { state: "invited", ...base };
  return { state: "acknowledge", ...base };
}

/** For pages below the council's front page: members and admins, or a 404. */
export async function requireCouncil(db: Db, actor: Actor, councilId: string, now = new Date()) {
  const council = await loadCouncilRow(db, councilId);
  if (!council || !can(actor, "council.enter", { councilId }, now)) throw notFound("That page");
  return council;
}

/** Invitations waiting for this person's answer or acknowledgement (home page and header). */
export async function pendingInvitations(db: Db, actor: SessionUser, now = new Date()) {
  return db
    .selectFrom("council_members")
    .innerJoin("councils", "councils.id", "council_members.council_id")
    .select(["councils.id", "councils.name", "council_members.accepted_at"])
    .where("council_members.user_id", "=", actor.id)
    .where("council_members.ended_at", "is", null)
    .where("council_members.term_end", ">", now)
    .where((eb) => eb.or([eb("council_members.accepted_at", "is", null), eb("council_members.acknowledged_version", "is distinct from", eb.ref("councils.terms_version"))]))
    .execute();
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import type { RenderMarkdown } from "../forum/rendering";
import { can, type Actor } from "../policy.server";
import { requireCouncil } from "./councils.server";
import { openVotingSchema, proposalSchema, validate } from "./validation";

type Db = Kysely<DB> | Transaction<DB>;

/** A member drafts a proposal; the body goes through the forum's sanitizing Markdown renderer. */
export async function draftProposal(
  db: Kysely<DB>,
  actor: SessionUser,
  input: { councilId: string; fields: unknown; render: RenderMarkdown; at?: Date },
) {
  const at = input.at ?? new Date();
  await requireCouncil(db, actor, input.councilId, at);
  if (!can(actor, "council.participate", { councilId: input.councilId }, at)) {
    throw new DomainError("Only council members draft proposals.", 403);
  }
  const fields = validate(proposalSchema, input.fields);
  const rendered = await input.render(fields.body);
  return db.transaction().execute(async (trx) => {
    const id = newId();
    await trx
      .insertInto("council_proposals")
      .values({
        id,
        council_id: input.councilId,
        author_id: actor.id,
        title: fields.title,
        body_source: fields.body,
        body_html: rendered.html,
        options: fields.options,
        created_at: at,
      })
      .execute();
    await appendEvent(trx, {
      type: "council.proposal_authored",
      actorId: actor.id,
      occurredAt: at,
      payload: { councilId: input.councilId, proposalId: id, authorId: actor.id },
    });
    return { id };
  });
}

async function proposalFor(db: Db, actor: Actor, proposalId: string, at: Date, lock = false) {
  let query = db.selectFrom("council_proposals").selectAll().where("id", "=", proposalId);
  if (lock) query = query.forUpdate();
  const proposal = await query.executeTakeFirst();
  // Someone who may not enter the council learns nothing, not even that the proposal exists.
  if (!proposal || !can(actor, "council.enter", { councilId: proposal.council_id }, at)) throw notFound("That page");
  return proposal;
}

/** The chair (or an admin) opens a draft for voting until a deadline; live results are their choice. */
export async function openVoting(db: Kysely<DB>, actor: SessionUser, proposalId: string, input: unknown, at = new Date()) {
  const { closesAt, liveResults } = validate(openVotingSchema, input);
  return db.transaction().execute(async (trx) => {
    const proposal = await proposalFor(trx, actor, proposalId, at, true);
    if (!can(actor, "council.chair", { councilId: proposal.council_id }, at)) throw new DomainError("Only the chair opens voting.", 403);
    if (proposal.status !== "draft") throw new DomainError("Voting on this proposal has already been opened.", 409);
    if (closesAt <= at) throw new DomainError("Set a voting deadline in the future.", 400, "closesAt");
    await trx
      .updateTable("council_proposals")
      .set({ status: "open", voting_opened_at: at, closes_at: closesAt, live_results: liveResults })
      .where("id", "=", proposalId)
      .execute();
  });
}

const isClosed = (proposal: { status: string; closes_at: Date | null }, at: Date) =>
  proposal.status === "closed" || (proposal.closes_at !== null && proposal.closes_at.getTime() <= at.getTime());

/**
 * One vote per member, which they may change until the deadline; choosing the same option again
 * is refused so a double submit is visible. Only the first vote is a recognition event.
 */
export async function castVote(db: Kysely<DB>, actor: SessionUser, proposalId: string, choice: string, at = new Date()) {
  return db.transaction().execute(async (trx) => {
    const proposal = await proposalFor(trx, actor, proposalId, at, true);
    if (!can(actor, "council.vote", { councilId: proposal.council_id }, at)) {
      throw new DomainError("Only voting members of this council vote.", 403);
    }
    if (proposal.status === "draft") throw new DomainError("Voting on this proposal has not opened yet.", 409);
    if (isClosed(proposal, at)) throw new DomainError("Voting on this proposal has closed.", 409);
    if (!proposal.options.includes(choice)) throw new DomainError("Choose one of the proposal's options.", 400, "choice");
    const existing = await trx
      .selectFrom("council_votes")
      .select("choice")
      .where("proposal_id", "=", proposalId)
      .where("user_id", "=", actor.id)
      .executeTakeFirst();
    if (existing?.choice === choice) throw new DomainError(`You have already voted "${choice}". Choose another option to change your vote.`, 409, "choice");
    if (existing) {
      await trx.updateTable("council_votes").set({ choice, changed_at: at }).where("proposal_id", "=", proposalId).where("user_id", "=", actor.id).execute();
      return { changed: true };
    }
    await trx.insertInto("council_votes").values({ proposal_id: proposalId, user_id: actor.id, choice, cast_at: at }).execute();
    await appendEvent(trx, {
      type: "council.vote_cast",
      actorId: actor.id,
      occurredAt: at,
      payload: { councilId: proposal.council_id, proposalId, voterId: actor.id },
    });
    return { changed: false };
  });
}

async function tally(db: Db, proposalId: string, options: string[]) {
  const rows = await db
    .selectFrom("council_votes")
    .select(["choice", (eb) => eb.fn.countAll<number>().as("n")])
    .where("proposal_id", "=", proposalId)
    .groupBy("choice")
    .execute();
  const counts = options.map((option) => ({ option, votes: Number(rows.find((r) => r.choice === option)?.n ?? 0) }));
  return { counts, turnout: counts.reduce((sum, c) => sum + c.votes, 0) };
}

/** Voting members on the day: the turnout's denominator. */
async function eligibleVoters(db: Db, councilId: string, at: Date) {
  const row = await db
    .selectFrom("council_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("council_id", "=", councilId)
    .where("role", "!=", "vendor_liaison")
    .where("accepted_at", "is not", null)
    .where("ended_at", "is", null)
    .where("term_start", "<=", at)
    .where("term_end", ">", at)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function outcomeOf(counts: { option: string; votes: number }[]) {
  const top = Math.max(...counts.map((c) => c.votes));
  if (top === 0) return "No votes cast";
  const leaders = counts.filter((c) => c.votes === top);
  return leaders.length > 1 ? `Tied: ${leaders.map((l) => l.option).join(" / ")}` : leaders[0]!.option;
}

async function closeLocked(trx: Transaction<DB>, proposal: { id: string; council_id: string; options: string[]; meeting_id: string | null }, meetingId: string | null, at: Date) {
  const { counts, turnout } = await tally(trx, proposal.id, proposal.options);
  await trx.updateTable("council_proposals").set({ status: "closed", closed_at: at }).where("id", "=", proposal.id).execute();
  await trx
    .insertInto("council_decisions")
    .values({
      id: newId(),
      council_id: proposal.council_id,
      proposal_id: proposal.id,
      meeting_id: meetingId ?? proposal.meeting_id,
      outcome: outcomeOf(counts),
      turnout,
      eligible: await eligibleVoters(trx, proposal.council_id, at),
      decided_at: at,
    })
    .onConflict((oc) => oc.column("proposal_id").doNothing())
    .execute();
}

/** The chair closes voting (early, or to tie the decision to a meeting); the outcome enters the log. */
export async function closeVoting(db: Kysely<DB>, actor: SessionUser, proposalId: string, input: { meetingId?: string } = {}, at = new Date()) {
  await db.transaction().execute(async (trx) => {
    const proposal = await proposalFor(trx, actor, proposalId, at, true);
    if (!can(actor, "council.chair", { councilId: proposal.council_id }, at)) throw new DomainError("Only the chair closes voting.", 403);
    if (proposal.status !== "open") throw new DomainError(proposal.status === "draft" ? "Voting has not opened yet." : "Voting has closed already.", 409);
    let meetingId: string | null = null;
    if (input.meetingId) {
      const meeting = await trx.selectFrom("council_meetings").select("id").where("id", "=", input.meetingId).where("council_id", "=", proposal.council_id).executeTakeFirst();
      if (!meeting) throw new DomainError("Choose a meeting of this council.", 400, "meetingId");
      meetingId = meeting.id;
    }
    await closeLocked(trx, proposal, meetingId, at);
  });
}

/** The scheduled job: proposals whose deadline passed are closed and logged. */
export async function closeDueProposals(db: Kysely<DB>, now = new Date()) {
  const due = await db.selectFrom("council_proposals").select("id").where("status", "=", "open").where("closes_at", "<=", now).execute();
  for (const { id } of due) {
    await db.transaction().execute(async (trx) => {
      const proposal = await trx.selectFrom("council_proposals").selectAll().where("id", "=", id).forUpdate().executeTakeFirst();
      if (proposal?.status === "open") await closeLocked(trx, proposal, null, now);
    });
  }
  return due.length;
}

/** A proposal as a member sees it: results only after close, or live if the chair chose so. */
export async function loadProposal(db: Db, actor: Actor, proposalId: string, at = new Date()) {
  const proposal = await proposalFor(db, actor, proposalId, at);
  const closed = isClosed(proposal, at);
  const author = await db.selectFrom("users").select(["handle", "display_name"]).where("id", "=", proposal.author_id).executeTakeFirst();
  const mine = actor
    ? await db.selectFrom("council_votes").select("choice").where("proposal_id", "=", proposalId).where("user_id", "=", actor.id).executeTakeFirst()
    : undefined;
  const showResults = closed || (proposal.status === "open" && proposal.live_results);
  const results = showResults ? await tally(db, proposalId, proposal.options) : null;
  const decision = await db.selectFrom("council_decisions").selectAll().where("proposal_id", "=", proposalId).executeTakeFirst();
  return {
    proposal,
    author,
    closed,
    myVote: mine?.choice ?? null,
    results: results && { ...results, eligible: decision?.eligible ?? (await eligibleVoters(db, proposal.council_id, at)) },
    decision: decision ?? null,
    mayVote: !closed && proposal.status === "open" && can(actor, "council.vote", { councilId: proposal.council_id }, at),
    mayChair: can(actor, "council.chair", { councilId: proposal.council_id }, at),
  };
}

export async function listProposals(db: Db, actor: Actor, councilId: string, at = new Date()) {
  await requireCouncil(db, actor, councilId, at);
  return db
    .selectFrom("council_proposals")
    .innerJoin("users", "users.id", "council_proposals.author_id")
    .select(["council_proposals.id", "council_proposals.title", "council_proposals.status", "council_proposals.closes_at", "council_proposals.created_at", "users.display_name as author_name"])
    .where("council_proposals.council_id", "=", councilId)
    .orderBy("council_proposals.created_at", "desc")
    .execute();
}

/** The decision log: outcomes with their proposal and, when there was one, the meeting. */
export async function decisionLog(db: Db, actor: Actor, councilId: string, at = new Date()) {
  await requireCouncil(db, actor, councilId, at);
  return db
    .selectFrom("council_decisions")
    .innerJoin("council_proposals", "council_proposals.id", "council_decisions.proposal_id")
    .leftJoin("council_meetings", "council_meetings.id", "council_decisions.meeting_id")
    .select([
      "council_decisions.id",
      "council_decisions.outcome",
      "council_decisions.turnout",
      "council_decisions.eligible",
      "council_decisions.decided_at",
      "council_proposals.id as proposal_id",
      "council_proposals.title as proposal_title",
      "council_meetings.id as meeting_id",
      "council_meetings.title as meeting_title",
    ])
    .where("council_decisions.council_id", "=", councilId)
    .orderBy("council_decisions.decided_at", "desc")
    .execute();
}

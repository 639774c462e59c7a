import type { Kysely } from "kysely";
import type { DB } from "../../schema";
import { SESSION_USER_COLUMNS, toSessionUser, type SessionUser } from "../../../app/domain/accounts/auth.server";
import { withCouncilAccess } from "../../../app/domain/councils/access.server";
import { addActionItem } from "../../../app/domain/councils/actions.server";
import { createCouncil } from "../../../app/domain/councils/councils.server";
import { addAgendaItem, publishMinutes, recordPresence, saveMinutes, scheduleMeeting } from "../../../app/domain/councils/meetings.server";
import { castVote, closeVoting, draftProposal, openVoting } from "../../../app/domain/councils/proposals.server";
import { acknowledgeTerms, inviteMember, respondToInvitation } from "../../../app/domain/councils/roster.server";
import { createThread } from "../../../app/domain/forum/threads.server";
import { reply } from "../../../app/domain/forum/posts.server";
import type { RenderMarkdown } from "../../../app/domain/forum/rendering";
import { COUNCIL_TEXT } from "./text";

const DAY = 86_400_000;

export interface CouncilSummary {
  councils: number;
  members: number;
  /** Replies in the council's private thread (the forum summary counts only the forum seed's). */
  replies: number;
}

async function person(db: Kysely<DB>, where: { email?: string; role?: "admin"; exclude?: string[]; limit?: number }) {
  let query = db.selectFrom("users").select(SESSION_USER_COLUMNS).orderBy("email");
  if (where.email) query = query.where("email", "=", where.email);
  if (where.role) query = query.where("role", "=", where.role);
  else query = query.where("organization_id", "is not", null).where("role", "=", "member");
  if (where.exclude?.length) query = query.where("id", "not in", where.exclude);
  // Demo log-in accounts other than the council one stay off the council, so their pages look as documented.
  if (!where.email && !where.role) query = query.where("email", "not like", "%@demo.partners.test");
  return (await query.limit(where.limit ?? 1).execute()).map(toSessionUser);
}

const fresh = async (db: Kysely<DB>, user: SessionUser) => (await withCouncilAccess(db, [user]))[0]!;

/**
 * The Partner Advisory Council, built through the council domain as people would: the admin
 * creates it and invites, members accept and acknowledge, a past meeting with agenda, attendance
 * and published minutes, a closed proposal with votes in the decision log, and a meeting ahead.
 */
export async function seedCouncils(db: Kysely<DB>, options: { render: RenderMarkdown; now?: Date }): Promise<CouncilSummary> {
  const now = options.now ?? new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [admin] = await person(db, { role: "admin" });
  const [demoChair] = await person(db, { email: "council@demo.partners.test" });
  const chair = demoChair ?? (await person(db, {}))[0];
  if (!admin || !chair) return { councils: 0, members: 0, replies: 0 };
  const members = await person(db, { exclude: [chair.id], limit: 3 });

  const council = await createCouncil(db, admin, COUNCIL_TEXT.charter, ago(90));
  const roster: SessionUser[] = [];
  for (const [index, someone] of [chair, ...members].entries()) {
    await inviteMember(db, admin, council.id, { handle: someone.handle, role: index === 0 ? "chair" : "member", termStart: ago(80), termEnd: new Date(now.getTime() + 640 * DAY) }, ago(85));
    await respondToInvitation(db, someone, council.id, true, ago(84));
    await acknowledgeTerms(db, someone, council.id, 1, ago(84));
    roster.push(await fresh(db, someone));
  }
  const [chairNow, ...memberNow] = roster as [SessionUser, ...SessionUser[]];

  // Posted after the forum seed's history (the posting limits count later posts too), minutes apart.
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const thread = await createThread(db, { actor: chairNow, thread: { ...COUNCIL_TEXT.thread, categoryId: council.category_id, tags: [] }, render: options.render, at: minutesAgo(50) });
  for (const [index, text] of COUNCIL_TEXT.replies.entries()) {
    const author = memberNow[index % memberNow.length] ?? chairNow;
    await reply(db, { actor: author, threadId: thread.threadId, body: text, render: options.render, at: minutesAgo(40 - 3 * index) });
  }

  const meetingAt = ago(14);
  const meeting = await scheduleMeeting(db, chairNow, council.id, { ...COUNCIL_TEXT.pastMeeting, startsAt: meetingAt.toISOString().slice(0, 16), timeZone: "UTC" }, ago(30));
  const proposal = await draftProposal(db, memberNow[0] ?? chairNow, { councilId: council.id, fields: COUNCIL_TEXT.proposal, render: options.render, at: ago(25) });
  for (const item of [
    { title: "Welcome and apologies", ownerHandle: chairNow.handle },
    { title: "Deal registration in the community sector", ownerHandle: memberNow[0]?.handle ?? "", threadId: thread.threadId },
    { title: "Vote on the MDF proposal", proposalId: proposal.id },
  ]) {
    await addAgendaItem(db, chairNow, meeting.id, item, ago(20));
  }
  await openVoting(db, chairNow, proposal.id, { closesAt: new Date(meetingAt.getTime() + 2 * 3_600_000) }, ago(20));
  for (const [index, voter] of roster.entries()) {
    await castVote(db, voter, proposal.id, index === roster.length - 1 ? "Abstain" : "Yes", ago(16));
  }
  const during = new Date(meetingAt.getTime() + 3_600_000);
  for (const present of roster.slice(0, 3)) await recordPresence(db, chairNow, meeting.id, present.id, true, during);
  await closeVoting(db, chairNow, proposal.id, { meetingId: meeting.id }, during);
  await saveMinutes(db, chairNow, meeting.id, { minutes: COUNCIL_TEXT.minutes }, options.render, ago(13));
  await publishMinutes(db, chairNow, meeting.id, ago(12));
  await addActionItem(db, chairNow, meeting.id, { title: "Share the MDF rollout plan with the channel team", ownerHandle: chairNow.handle, dueAt: new Date(now.getTime() + 7 * DAY) }, during);

  const next = new Date(now.getTime() + 45 * DAY).toISOString().slice(0, 10);
  await scheduleMeeting(db, chairNow, council.id, { ...COUNCIL_TEXT.nextMeeting, startsAt: `${next}T15:00`, timeZone: "Europe/Stockholm" }, now);
  return { councils: 1, members: roster.length, replies: COUNCIL_TEXT.replies.length };
}

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { addActionItem, myActionItems, remindDueActionItems } from "../../app/domain/councils/actions.server";
import { enterCouncil, requireCouncil, updateTerms } from "../../app/domain/councils/councils.server";
import { addAgendaItem, loadMeeting, moveAgendaItem, publishMinutes, recordPresence, saveMinutes, scheduleMeeting } from "../../app/domain/councils/meetings.server";
import { moveThread } from "../../app/domain/councils/move.server";
import { castVote, closeDueProposals, closeVoting, decisionLog, draftProposal, loadProposal, openVoting } from "../../app/domain/councils/proposals.server";
import { acknowledgeTerms, endExpiredTerms, inviteMember, listRoster, removeMember } from "../../app/domain/councils/roster.server";
import { setThreadWatch } from "../../app/domain/follow/watches.server";
import { can } from "../../app/domain/policy.server";
import { DomainError } from "../../app/domain/errors";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeThread, render } from "../support/forum";
import { days, enrol, makeCouncil, requestContext, viewer, visit } from "../support/councils";
import * as root from "../../app/root";

let database: Database;
let admin: SessionUser;
beforeAll(async () => {
  database = await createTestDatabase();
  admin = await viewer(database.db, await makeUser(database.db, { role: "admin" }));
});
afterAll(async () => {
  await database.close();
});

async function partner() {
  const organization = await makeOrganization(database.db);
  return makeUser(database.db, { organizationId: organization.id });
}

/** A council with a chair and two members, all current. */
async function councilWithMembers() {
  const council = await makeCouncil(database.db, admin);
  const chair = await enrol(database.db, admin, council.id, await partner(), { role: "chair" });
  const ana = await enrol(database.db, admin, council.id, await partner());
  const ben = await enrol(database.db, admin, council.id, await partner());
  return { council, chair, ana, ben };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const proposalFields = { title: "Raise the MDF cap", body: "We propose **more** market development funds.", options: ["Yes", "No", "Abstain"] };

describe("entering a council", () => {
  it("refuses an invitee until they accept and acknowledge the current terms, with a clear message", async () => {
    const council = await makeCouncil(database.db, admin);
    const invited = await enrol(database.db, admin, council.id, await partner(), { accept: false });
    expect((await enterCouncil(database.db, invited, council.id)).state).toBe("invited");
    const accepted = await enrol(database.db, admin, council.id, await partner(), { acknowledge: false });
    expect((await enterCouncil(database.db, accepted, council.id)).state).toBe("acknowledge");
    expect((await refusal(requireCouncil(database.db, accepted, council.id))).status).toBe(404);
    expect(await refusal(draftProposal(database.db, accepted, { councilId: council.id, fields: proposalFields, render }))).toMatchObject({ status: 404 });

    await acknowledgeTerms(database.db, accepted, council.id, 1);
    const entered = await viewer(database.db, accepted);
    expect((await enterCouncil(database.db, entered, council.id)).state).toBe("member");
  });

  it("asks everyone to acknowledge again when the terms change, and refuses an outdated version", async () => {
    const { council, ana } = await councilWithMembers();
    await updateTerms(database.db, admin, council.id, { termsText: "New, stricter terms." });
    const after = await viewer(database.db, ana);
    expect((await enterCouncil(database.db, after, council.id)).state).toBe("acknowledge");
    const stale = await refusal(acknowledgeTerms(database.db, after, council.id, 1));
    expect(stale).toMatchObject({ status: 409 });
    expect(stale.message).toMatch(/terms changed/);
    await acknowledgeTerms(database.db, after, council.id, 2);
    expect((await enterCouncil(database.db, await viewer(database.db, after), council.id)).state).toBe("member");
  });

  it("gives a stranger the same 404 as a council that does not exist", async () => {
    const council = await makeCouncil(database.db, admin);
    const stranger = await viewer(database.db, await partner());
    const real = await refusal(enterCouncil(database.db, stranger, council.id));
    const missing = await refusal(enterCouncil(database.db, stranger, "no-such-council"));
    expect([real.status, real.message]).toEqual([missing.status, missing.message]);
  });

  it("ends access at the end of the term by itself, before the job records it", async () => {
    const council = await makeCouncil(database.db, admin);
    const person = await partner();
    const member = await enrol(database.db, admin, council.id, person, { termEnd: days(1) });
    expect(can(member, "council.enter", { councilId: council.id })).toBe(true);
    // The session still carries the council, but the policy checks the term end against the clock.
    expect(can(member, "council.enter", { councilId: council.id }, days(2))).toBe(false);
    await database.db.updateTable("council_members").set({ term_start: days(-10), term_end: new Date(Date.now() - 1000) }).where("user_id", "=", person.id).execute();
    expect(can(await viewer(database.db, person), "council.enter", { councilId: council.id })).toBe(false);
    const ended = await endExpiredTerms(database.db);
    expect(ended).toContainEqual({ council_id: council.id, user_id: person.id });
    const roster = await listRoster(database.db, admin, council.id);
    expect(roster.find((r) => r.id === person.id)).toMatchObject({ end_reason: "term_ended" });
  });

  it("removes a member at once: their next request has no council, watches gone, an event in the outbox", async () => {
    const { council, ana } = await councilWithMembers();
    const thread = await makeThread(database.db, ana, council.category_id);
    await setThreadWatch(database.db, ana, thread.threadId, "watching");
    const auth = createAuth(database.db, { secureCookies: false });
    const { cookie } = await auth.startSession(ana.id, { ip: null, userAgent: null });
    expect((await auth.validate(cookie))?.user.councils?.map((c) => c.councilId)).toContain(council.id);

    await removeMember(database.db, admin, council.id, ana.id);
    const session = await auth.validate(cookie);
    expect(session?.user.councils?.map((c) => c.councilId)).not.toContain(council.id);
    expect(await database.db.selectFrom("thread_watches").selectAll().where("user_id", "=", ana.id).execute()).toEqual([]);
    const events = await database.db.selectFrom("outbox_events").select(["type", "payload"]).where("type", "=", "council.member_removed").execute();
    expect(events.map((e) => e.payload)).toContainEqual({ councilId: council.id, memberId: ana.id });
  });

  it("lets only admins invite and refuses a term that ends before it starts", async () => {
    const { council, chair } = await councilWithMembers();
    const someone = await partner();
    expect(await refusal(inviteMember(database.db, chair, council.id, { handle: someone.handle, role: "member", termStart: days(0), termEnd: days(30) }))).toMatchObject({ status: 403 });
    expect(await refusal(inviteMember(database.db, admin, council.id, { handle: someone.handle, role: "member", termStart: days(30), termEnd: days(1) }))).toMatchObject({ field: "termEnd" });
  });
});

describe("proposals and votes", () => {
  it("refuses a proposal without at least two options", async () => {
    const { council, ana } = await councilWithMembers();
    const error = await refusal(draftProposal(database.db, ana, { councilId: council.id, fields: { ...proposalFields, options: ["Yes"] }, render }));
    expect(error).toMatchObject({ status: 400, field: "options" });
    expect(error.message).toMatch(/at least two/);
  });

  it("lets each member vote once, change until close, and never after; a non-member never", async () => {
    const { council, chair, ana, ben } = await councilWithMembers();
    const { id } = await draftProposal(database.db, ana, { councilId: council.id, fields: proposalFields, render });
    expect(await refusal(castVote(database.db, ben, id, "Yes"))).toMatchObject({ status: 409 });
    expect(await refusal(openVoting(database.db, ana, id, { closesAt: days(3) }))).toMatchObject({ status: 403 });
    await openVoting(database.db, chair, id, { closesAt: days(3) });

    await castVote(database.db, ana, id, "Yes");
    const twice = await refusal(castVote(database.db, ana, id, "Yes"));
    expect(twice).toMatchObject({ status: 409 });
    expect(twice.message).toMatch(/already voted/);
    expect(await castVote(database.db, ana, id, "No")).toEqual({ changed: true });
    await castVote(database.db, ben, id, "Yes");

    const stranger = await viewer(database.db, await partner());
    expect(await refusal(castVote(database.db, stranger, id, "Yes"))).toMatchObject({ status: 404 });
    expect(await refusal(castVote(database.db, admin, id, "Yes"))).toMatchObject({ status: 403 });
    expect(await refusal(castVote(database.db, ben, id, "Maybe"))).toMatchObject({ field: "choice" });

    // Results stay hidden while voting is open (the chair did not choose live results).
    expect((await loadProposal(database.db, ben, id)).results).toBeNull();
    expect(await refusal(castVote(database.db, ben, id, "No", days(4)))).toMatchObject({ status: 409 });

    await closeVoting(database.db, chair, id);
    expect(await refusal(castVote(database.db, ben, id, "No"))).toMatchObject({ status: 409 });
    const view = await loadProposal(database.db, ben, id);
    expect(view.results?.counts).toEqual([
      { option: "Yes", votes: 1 },
      { option: "No", votes: 1 },
      { option: "Abstain", votes: 0 },
    ]);
    expect(view.results?.turnout).toBe(2);
    expect(view.results?.eligible).toBe(3);
    const votes = await database.db.selectFrom("outbox_events").select("payload").where("type", "=", "council.vote_cast").execute();
    expect(votes.filter((v) => (v.payload as { proposalId: string }).proposalId === id)).toHaveLength(2);
  });

  it("shows live results when the chair chooses, and logs a decision linked to the proposal and meeting", async () => {
    const { council, chair, ana, ben } = await councilWithMembers();
    const meeting = await scheduleMeeting(database.db, chair, council.id, { title: "Q1", startsAt: "2099-01-10T10:00", timeZone: "Europe/Paris", location: "Paris" });
    const { id } = await draftProposal(database.db, ben, { councilId: council.id, fields: { ...proposalFields, options: ["Plan A", "Plan B"] }, render });
    await openVoting(database.db, chair, id, { closesAt: days(2), liveResults: true });
    await castVote(database.db, ana, id, "Plan B");
    expect((await loadProposal(database.db, ana, id)).results?.counts).toContainEqual({ option: "Plan B", votes: 1 });
    await closeVoting(database.db, chair, id, { meetingId: meeting.id });
    expect(await decisionLog(database.db, ana, council.id)).toMatchObject([{ proposal_id: id, meeting_id: meeting.id, outcome: "Plan B", turnout: 1 }]);
  });

  it("closes proposals whose deadline passed on the scheduled run", async () => {
    const { council, chair, ana } = await councilWithMembers();
    const { id } = await draftProposal(database.db, ana, { councilId: council.id, fields: proposalFields, render });
    await openVoting(database.db, chair, id, { closesAt: days(1) });
    await castVote(database.db, ana, id, "Abstain");
    await closeDueProposals(database.db, days(2));
    expect((await loadProposal(database.db, ana, id)).decision).toMatchObject({ outcome: "Abstain" });
  });
});

describe("meetings", () => {
  it("refuses a meeting in the past, and one without a place or link", async () => {
    const { council, chair } = await councilWithMembers();
    const past = await refusal(scheduleMeeting(database.db, chair, council.id, { title: "Old", startsAt: "2020-01-01T10:00", timeZone: "UTC", location: "Here" }));
    expect(past).toMatchObject({ status: 400, field: "startsAt" });
    expect(await refusal(scheduleMeeting(database.db, chair, council.id, { title: "Nowhere", startsAt: "2099-01-01T10:00", timeZone: "UTC" }))).toMatchObject({ field: "location" });
  });

  it("stores the time in the meeting's own time zone", async () => {
    const { council, chair } = await councilWithMembers();
    const { id } = await scheduleMeeting(database.db, chair, council.id, { title: "Summer", startsAt: "2099-07-01T10:00", timeZone: "Europe/Paris", callLink: "https://call.example/x" });
    const meeting = await database.db.selectFrom("council_meetings").select("starts_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect(meeting.starts_at.toISOString()).toBe("2099-07-01T08:00:00.000Z");
  });

  it("builds an ordered agenda, records presence with quorum, and lets only the chair write and publish minutes", async () => {
    const { council, chair, ana, ben } = await councilWithMembers();
    const { id } = await scheduleMeeting(database.db, chair, council.id, { title: "Kick-off", startsAt: days(1).toISOString().slice(0, 16), timeZone: "UTC", location: "Online" });
    const thread = await makeThread(database.db, ana, council.category_id);
    await addAgendaItem(database.db, chair, id, { title: "Welcome", ownerHandle: chair.handle });
    const second = await addAgendaItem(database.db, chair, id, { title: "Pricing", threadId: thread.threadId, ownerHandle: ana.handle });
    await moveAgendaItem(database.db, chair, id, second.id, "up");
    expect((await loadMeeting(database.db, ana, id)).agenda.map((a) => a.title)).toEqual(["Pricing", "Welcome"]);
    const outsideThread = await makeThread(database.db, ana, (await makeCategory(database.db)).id);
    expect(await refusal(addAgendaItem(database.db, chair, id, { title: "x", threadId: outsideThread.threadId }))).toMatchObject({ field: "threadId" });
    expect(await refusal(addAgendaItem(database.db, ana, id, { title: "Mine" }))).toMatchObject({ status: 403 });

    const started = days(1.5);
    expect(await refusal(recordPresence(database.db, chair, id, ana.id, true))).toMatchObject({ status: 409 });
    await recordPresence(database.db, chair, id, ana.id, true, started);
    await recordPresence(database.db, chair, id, ben.id, true, started);
    await recordPresence(database.db, chair, id, ben.id, false, started);
    await recordPresence(database.db, chair, id, ben.id, true, started);
    const view = await loadMeeting(database.db, ana, id, started);
    expect(view.quorum).toEqual({ needed: 2, present: 2, reached: true });
    const attended = await database.db.selectFrom("outbox_events").select("payload").where("type", "=", "council.meeting_attended").execute();
    expect(attended.filter((e) => (e.payload as { meetingId: string }).meetingId === id)).toHaveLength(2);

    const minutesByMember = await refusal(saveMinutes(database.db, ana, id, { minutes: "My minutes" }, render));
    expect(minutesByMember).toMatchObject({ status: 403 });
    expect(minutesByMember.message).toMatch(/chair/);
    await saveMinutes(database.db, chair, id, { minutes: "## Decisions\n\nWe agreed." }, render);
    expect((await loadMeeting(database.db, ana, id)).meeting.minutes_html).toBe("");
    expect(await refusal(publishMinutes(database.db, ana, id))).toMatchObject({ status: 403 });
    await publishMinutes(database.db, chair, id);
    expect((await loadMeeting(database.db, ana, id)).meeting.minutes_html).toContain("We agreed");
    const published = await database.db.selectFrom("outbox_events").select("payload").where("type", "=", "council.minutes_published").execute();
    expect(published.map((e) => e.payload)).toContainEqual({ councilId: council.id, meetingId: id, authorId: chair.id });
  });

  it("puts action items on the owner's My council panel, reminds once before due, and drops them for a former member", async () => {
    const { council, chair, ana } = await councilWithMembers();
    const { id } = await scheduleMeeting(database.db, chair, council.id, { title: "Actions", startsAt: "2099-03-01T09:00", timeZone: "UTC", location: "Online" });
    await addActionItem(database.db, chair, id, { title: "Draft the FAQ", ownerHandle: ana.handle, dueAt: days(1) });
    expect(await refusal(addActionItem(database.db, chair, id, { title: "Late", ownerHandle: ana.handle, dueAt: days(-1) }))).toMatchObject({ field: "dueAt" });
    expect(await myActionItems(database.db, ana)).toMatchObject([{ title: "Draft the FAQ", dueSoon: true }]);
    const reminded = await remindDueActionItems(database.db);
    expect(reminded.filter((r) => r.owner_id === ana.id)).toHaveLength(1);
    expect((await remindDueActionItems(database.db)).filter((r) => r.owner_id === ana.id)).toHaveLength(0);
    await removeMember(database.db, admin, council.id, ana.id);
    expect(await myActionItems(database.db, await viewer(database.db, ana))).toEqual([]);
  });
});

describe("moving a thread across the council boundary", () => {
  it("is for admins only, and drops watches and notifications of people who can no longer read it", async () => {
    const { council, ana } = await councilWithMembers();
    const moderator = await viewer(database.db, await makeUser(database.db, { role: "moderator" }));
    const publicCategory = await makeCategory(database.db);
    const reader = await viewer(database.db, await partner());
    const thread = await makeThread(database.db, reader, publicCategory.id);
    await setThreadWatch(database.db, reader, thread.threadId, "watching");
    await setThreadWatch(database.db, ana, thread.threadId, "watching");
    expect(await refusal(moveThread(database.db, moderator, thread.threadId, council.category_id))).toMatchObject({ status: 400 });
    expect(await refusal(moveThread(database.db, ana, thread.threadId, council.category_id))).toMatchObject({ status: 403 });
    await moveThread(database.db, admin, thread.threadId, council.category_id);
    const watchers = await database.db.selectFrom("thread_watches").select("user_id").where("thread_id", "=", thread.threadId).execute();
    expect(watchers.map((w) => w.user_id)).toEqual([ana.id]);
  });
});

describe("navigation", () => {
  it("shows the Councils link to members and admins only", async () => {
    const { ana } = await councilWithMembers();
    const stranger = await viewer(database.db, await partner());
    const moderator = await viewer(database.db, await makeUser(database.db, { role: "moderator" }));
    const link = async (user: SessionUser) => JSON.parse((await visit(root.loader, { context: requestContext(database.db, user) })).body).user.councils;
    expect(await link(ana)).toBe(true);
    expect(await link(admin)).toBe(true);
    expect(await link(stranger)).toBe(false);
    expect(await link(moderator)).toBe(false);
  });
});

import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { addActionItem } from "../../app/domain/councils/actions.server";
import { addAgendaItem, publishMinutes, saveMinutes, scheduleMeeting } from "../../app/domain/councils/meetings.server";
import { castVote, closeVoting, draftProposal, openVoting } from "../../app/domain/councils/proposals.server";
import { removeMember } from "../../app/domain/councils/roster.server";
import { createDispatcher } from "../../server/dispatcher";
import { notificationsSubscriber } from "../../server/notifications-subscriber";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser, unique } from "../support/factories";
import { makeReply, makeThread, render } from "../support/forum";
import { days, enrol, makeCouncil, requestContext, viewer, visit, type Visit } from "../support/councils";

/**
 * Every route file in app/routes (new ones join automatically) and the root loader, visited by
 * people outside a council with the real ids of the council's objects in every parameter: the
 * answer must be the same as for an id that does not exist, and the canary never appears.
 */
type RouteModule = { loader?: Parameters<typeof visit>[0] };
const routeModules = import.meta.glob<RouteModule>(["../../app/routes/*.tsx", "../../app/root.tsx"]);

const CANARY = `crawlcanary${unique("x").replace(/[^a-z0-9]/gi, "")}`;
const MISSING = "doesnotexist0000";

let database: Database;
const outsiders: Record<string, SessionUser | null> = { visitor: null };
let insider: SessionUser;
/** Values to put into route parameters: ids of the council's private objects. */
const privateValues: Record<string, string> = {};
/** Public values (a member's handle): the page exists for everyone, but must show nothing private. */
const publicValues: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const organization = await makeOrganization(db);
  const partner = () => makeUser(db, { organizationId: organization.id });
  const admin = await viewer(db, await makeUser(db, { role: "admin" }));
  const council = await makeCouncil(db, admin, `Council ${CANARY}`);
  const chair = await enrol(db, admin, council.id, await partner(), { role: "chair" });
  const member = await enrol(db, admin, council.id, await partner());
  const former = await enrol(db, admin, council.id, await partner());

  const thread = await makeThread(db, chair, council.category_id, { title: `Thread ${CANARY}`, body: `Body ${CANARY} @${member.handle}` });
  const reply = await makeReply(db, member, thread.threadId, `Reply ${CANARY}`);
  const meeting = await scheduleMeeting(db, chair, council.id, { title: `Meeting ${CANARY}`, startsAt: days(3).toISOString().slice(0, 16), timeZone: "UTC", location: `Room ${CANARY}` });
  await addAgendaItem(db, chair, meeting.id, { title: `Agenda ${CANARY}`, threadId: thread.threadId, ownerHandle: member.handle });
  await saveMinutes(db, chair, meeting.id, { minutes: `Minutes ${CANARY}` }, render);
  await publishMinutes(db, chair, meeting.id);
  const actionItem = await addActionItem(db, chair, meeting.id, { title: `Action ${CANARY}`, ownerHandle: member.handle, dueAt: days(5) });
  const proposal = await draftProposal(db, member, { councilId: council.id, fields: { title: `Proposal ${CANARY}`, body: `Text ${CANARY}`, options: ["Yes", "No"] }, render });
  await openVoting(db, chair, proposal.id, { closesAt: days(2) });
  await castVote(db, member, proposal.id, "Yes");
  await castVote(db, chair, proposal.id, "No");
  await closeVoting(db, chair, proposal.id, { meetingId: meeting.id });
  const decision = await db.selectFrom("council_decisions").select("id").where("proposal_id", "=", proposal.id).executeTakeFirstOrThrow();
  const category = await db.selectFrom("categories").select("slug").where("id", "=", council.category_id).executeTakeFirstOrThrow();
  await db.insertInto("uploads").values({ id: `up${unique("u").replace(/-/g, "")}`, uploader_id: chair.id, kind: "attachment", post_id: thread.postId, width: 10, height: 10, bytes: 100, mime: "image/png" }).execute();
  const upload = await db.selectFrom("uploads").select("id").where("post_id", "=", thread.postId).executeTakeFirstOrThrow();

  const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [notificationsSubscriber({ to: () => ({ emit: () => {} }) }, db)] });
  await dispatcher.drain();
  await dispatcher.stop();
  const notification = await db.selectFrom("notifications").select("id").where("user_id", "=", member.id).where("post_id", "=", thread.postId).executeTakeFirst();

  await removeMember(db, admin, council.id, former.id);
  Object.assign(privateValues, {
    council: council.id,
    thread: thread.threadId,
    "first post": thread.postId,
    reply: reply.postId,
    meeting: meeting.id,
    proposal: proposal.id,
    decision: decision.id,
    "action item": actionItem.id,
    "category slug": category.slug,
    "category id": String(council.category_id),
    upload: upload.id,
    ...(notification ? { notification: String(notification.id) } : {}),
  });
  Object.assign(publicValues, { "member handle": member.handle, "chair handle": chair.handle });
  insider = member;
  outsiders.partner = await viewer(db, await partner());
  outsiders["former member"] = await viewer(db, former);
  outsiders["moderator (not admin)"] = await viewer(db, await makeUser(db, { role: "moderator", organizationId: organization.id }));
});

afterAll(async () => {
  await database.close();
});

/** `t.$id.($slug).tsx` -> ["id", "slug"]; a splat (`$.tsx`) -> ["*"]. */
function paramNames(file: string) {
  const name = path.basename(file, ".tsx");
  return name.split(".").flatMap((segment) => {
    const match = /^\(?\$(\w*)_?\)?$/.exec(segment);
    if (!match) return [];
    return [match[1] || "*"];
  });
}

const query = `?q=${CANARY}&title=${CANARY}&page=1`;

/**
 * Search pages echo the query back (the search field keeps what was typed): the canary as a whole
 * value or a query-string value is that echo, whereas council content always carries the canary
 * inside longer text ("Thread <canary>", "Body <canary> ...").
 */
function withoutEcho(body: string) {
  return body.replaceAll(JSON.stringify(CANARY), '"<echo>"').replaceAll(`=${CANARY}`, "=<echo>");
}

async function load(file: string) {
  return (await routeModules[file]!()).loader;
}

describe("crawl every route as someone outside the council", () => {
  it("finds the route files (so a new route is crawled without editing this test)", () => {
    const files = Object.keys(routeModules);
    expect(files.length).toBeGreaterThan(30);
    expect(files.some((f) => f.endsWith("councils.$id._index.tsx"))).toBe(true);
  });

  it.each(["visitor", "partner", "former member", "moderator (not admin)"])("%s: same answer as for a missing id, and no canary anywhere", async (who) => {
    const context = requestContext(database.db, outsiders[who] ?? null);
    const failures: string[] = [];
    let visits = 0;
    for (const file of Object.keys(routeModules).sort()) {
      const loader = await load(file);
      if (!loader) continue;
      const names = paramNames(file);
      const pathFor = (params: Record<string, string>) => `/${Object.values(params).join("/")}${query}`;
      const run = async (params: Record<string, string>): Promise<Visit> => {
        visits++;
        return visit(loader, { context, params, path: pathFor(params) });
      };
      const check = (label: string, page: Visit) => {
        if (withoutEcho(page.body).includes(CANARY)) failures.push(`${file} ${label}: canary in the answer (${page.status})`);
        if (page.status >= 500) failures.push(`${file} ${label}: status ${page.status}`);
      };
      if (names.length === 0) {
        check("", await run({}));
        continue;
      }
      const missing = await run(Object.fromEntries(names.map((n) => [n, MISSING])));
      for (const [label, value] of Object.entries(privateValues)) {
        for (const name of names) {
          const params = Object.fromEntries(names.map((n) => [n, n === name ? value : MISSING]));
          const page = await run(params);
          check(`${name}=${label}`, page);
          if (page.status !== missing.status || page.body.replaceAll(value, MISSING) !== missing.body) {
            failures.push(`${file} ${name}=${label}: ${page.status} differs from a missing id's ${missing.status}`);
          }
        }
      }
      for (const [label, value] of Object.entries(publicValues)) {
        for (const name of names) check(`${name}=${label}`, await run(Object.fromEntries(names.map((n) => [n, n === name ? value : MISSING]))));
      }
    }
    expect(failures).toEqual([]);
    expect(visits).toBeGreaterThan(100);
  });

  it("sees the canary as a member on the council's own routes (so the crawl would notice a leak)", async () => {
    const context = requestContext(database.db, insider);
    const seen = new Set<string>();
    for (const file of Object.keys(routeModules).sort()) {
      const loader = await load(file);
      const names = paramNames(file);
      if (!loader || names.length === 0) continue;
      for (const value of Object.values(privateValues)) {
        const params = Object.fromEntries(names.map((n) => [n, value]));
        const page = await visit(loader, { context, params, path: `/${value}${query}` });
        if (page.body.includes(CANARY)) seen.add(path.basename(file));
      }
    }
    for (const route of ["t.$id.($slug).tsx", "c.$slug.tsx", "councils.$id._index.tsx", "councils.$id.meetings.tsx", "councils.$id.proposals.tsx", "councils.meetings.$meetingId.tsx", "councils.proposals.$proposalId.tsx", "posts.$id.history.tsx"]) {
      expect(seen, route).toContain(route);
    }
  });
});

import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { acceptRequest } from "../../app/domain/mentoring/requests.server";
import { logSession } from "../../app/domain/mentoring/sessions.server";
import { action as spaceAction, loader as spaceLoader } from "../../app/routes/mentoring.m.$id";
import { loader as dashboardLoader } from "../../app/routes/mentoring._index";
import { action as adminAction, loader as adminLoader } from "../../app/routes/admin.mentoring";
import { loader as findLoader } from "../../app/routes/mentoring.find";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser } from "../support/factories";
import { render } from "../support/forum";
import { ensureVocabulary, makeMentee, makeMentor, makeRequest } from "../support/mentoring";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const db = () => database.db;
let mentor: SessionUser;
let mentee: SessionUser;
let stranger: SessionUser;
let admin: SessionUser;
let activeId: string;
let requestedId: string;
let sessionId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  await ensureVocabulary(db());
  mentor = await makeMentor(db(), { capacity: 3 });
  mentee = await makeMentee(db());
  stranger = await makeMentee(db());
  admin = asSessionUser(await makeUser(db(), { role: "admin" }));
  const active = await makeRequest(db(), mentee, mentor);
  await acceptRequest(db(), mentor, active.public_id);
  activeId = active.public_id;
  sessionId = (await logSession(db(), mentor, activeId, { heldOn: new Date().toISOString().slice(0, 10), durationMinutes: "30" })).id;
  requestedId = (await makeRequest(db(), await makeMentee(db()), mentor)).public_id;
});
afterAll(async () => database.close());

const context = (user: SessionUser | null) =>
  ({ db: db(), user, renderMarkdown: render, log: { info() {}, error() {} } }) as unknown as AppLoadContext;

async function statusOf(promise: Promise<unknown>) {
  try {
    const result = await promise;
    return result instanceof Response ? result.status : (result as { init?: { status?: number } })?.init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

function post(user: SessionUser, id: string, fields: Record<string, string>) {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  const request = new Request(`http://localhost/mentoring/m/${id}`, { method: "POST", body });
  return spaceAction({ request, context: context(user), params: { id } });
}

const get = (user: SessionUser | null, id: string) =>
  spaceLoader({ request: new Request(`http://localhost/mentoring/m/${id}`), context: context(user), params: { id } });

const today = new Date().toISOString().slice(0, 10);
const intents: Record<string, Record<string, string>> = {
  accept: {},
  decline: { reason: "no" },
  withdraw: {},
  note: { body: "I was here" },
  "log-session": { heldOn: today, durationMinutes: "30" },
  "confirm-session": {},
  end: { reason: "completed" },
  feedback: { rating: "5" },
};

describe("a third user on every mentorship route", () => {
  it("gets 404 from the page of an active mentorship and of an open request", async () => {
    expect(await statusOf(get(stranger, activeId))).toBe(404);
    expect(await statusOf(get(stranger, requestedId))).toBe(404);
  });

  it.each(Object.keys(intents))("gets 404 from the %s action, and nothing changes", async (intent) => {
    const before = await db().selectFrom("mentorships").select(["status"]).where("public_id", "in", [activeId, requestedId]).orderBy("id").execute();
    const notes = await db().selectFrom("mentorship_notes").select("id").execute();
    for (const id of [activeId, requestedId]) {
      const fields = { intent, ...intents[intent], ...(intent === "confirm-session" ? { sessionId: String(sessionId) } : {}) };
      expect(await statusOf(post(stranger, id, fields))).toBe(404);
    }
    expect(await db().selectFrom("mentorships").select(["status"]).where("public_id", "in", [activeId, requestedId]).orderBy("id").execute()).toEqual(before);
    expect(await db().selectFrom("mentorship_notes").select("id").execute()).toEqual(notes);
  });

  it("gets the same 404 for an id that does not exist and for a guessed number", async () => {
    expect(await statusOf(get(stranger, "AAAAAAAAAAAAAAAA"))).toBe(404);
    expect(await statusOf(get(stranger, "1"))).toBe(404);
  });

  it("does not see the pair on their own dashboard or among the admin's lists", async () => {
    const dashboard = await dashboardLoader({ request: new Request("http://localhost/mentoring"), context: context(stranger), params: {} });
    const ids = [...dashboard.mentees, ...dashboard.mentors, ...dashboard.received, ...dashboard.sent].map((m) => m.public_id);
    expect(ids).toEqual([]);
    expect(await statusOf(adminLoader({ request: new Request("http://localhost/admin/mentoring"), context: context(stranger), params: {} }))).toBe(404);
    const body = new FormData();
    body.append("topics", "99");
    expect(
      await statusOf(adminAction({ request: new Request("http://localhost/admin/mentoring", { method: "POST", body }), context: context(stranger), params: {} })),
    ).toBe(404);
  });

  it("sees in suggestions only the mentor's public card, never the mentor's mentees", async () => {
    const url = `http://localhost/mentoring/find?timeZone=UTC&topics=Cloud+migration&languages=English`;
    const page = await findLoader({ request: new Request(url), context: context(stranger), params: {} });
    const serialized = JSON.stringify(page);
    expect(serialized).not.toContain(activeId);
    expect(serialized).not.toContain(mentee.id);
    expect(page.suggestions?.some((s) => s.card.userId === mentor.id)).toBe(true);
  });

  it("a visitor who is not signed in is sent to log in", async () => {
    const thrown = await get(null, activeId).catch((response: Response) => response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toContain("/login");
  });
});

describe("the two people and admins", () => {
  it("both see the space; an admin reads it too", async () => {
    for (const user of [mentor, mentee, admin]) {
      const space = (await get(user, activeId)) as Awaited<ReturnType<typeof spaceLoader>>;
      expect(space.sessions).toHaveLength(1);
    }
  });

  it("an admin cannot write in it", async () => {
    expect(await statusOf(post(admin, activeId, { intent: "note", body: "Admin was here" }))).toBe(403);
  });

  it("a party's bad input comes back at the field with its status", async () => {
    const result = (await post(mentee, activeId, { intent: "log-session", heldOn: "2999-01-01", durationMinutes: "30" })) as unknown as {
      data: { errors: Record<string, string> };
      init: { status: number };
    };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.heldOn).toBe("Log a session once it has happened.");
  });
});

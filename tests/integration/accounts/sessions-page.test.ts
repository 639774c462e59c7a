import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { createAuth } from "../../../app/domain/accounts/auth.server";
import { publicSessionId } from "../../../app/domain/accounts/sessions.server";
import { createTestDatabase } from "../../support/database";
import { makeUser } from "../../support/factories";
import { startAppServer } from "../../support/app-server";

/** /settings/security through the real server: what a member sees and which sessions end. */
let database: Database;
let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer(database);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const DEVICES = {
  firefox: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0",
  iphone: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  linux: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
};

/** A member signed in on three devices; `cookies[0]` is the one making the requests. */
async function memberOnThreeDevices() {
  const auth = createAuth(database.db, { secureCookies: false });
  const user = await makeUser(database.db);
  const sessions = [];
  for (const [name, userAgent] of Object.entries(DEVICES)) {
    const { sessionId, cookie } = await auth.startSession(user.id, { ip: `10.1.0.${sessions.length + 1}`, userAgent });
    sessions.push({ name, id: sessionId, cookie: cookie.split(";")[0]! });
  }
  return { user, sessions };
}

const liveSessions = async (userId: string) =>
  (await database.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).map((row) => row.id).sort();

describe("the sessions page", () => {
  it("lists each session with its device, address and last use, and marks this one", async () => {
    const { user, sessions } = await memberOnThreeDevices();
    const lastWeek = new Date(Date.now() - 3 * 86_400_000);
    await database.db.updateTable("sessions").set({ last_used_at: lastWeek }).where("id", "=", sessions[1]!.id).execute();

    const response = await app.get("/settings/security", sessions[0]!.cookie);
    expect(response.status).toBe(200);
    const html = await response.text();
    const rows = html.match(/<tr>.*?<\/tr>/gs)!.slice(1);
    expect(rows).toHaveLength(3);
    const firefox = rows.find((row) => row.includes("Firefox on Windows"))!;
    expect(firefox).toContain("(this device)");
    expect(firefox).toContain("10.1.0.1");
    const iphone = rows.find((row) => row.includes("Safari on iOS"))!;
    expect(iphone).not.toContain("(this device)");
    expect(iphone).toContain(`dateTime="${lastWeek.toISOString()}"`);
    expect(iphone).toContain("3 days ago");
    expect(rows.some((row) => row.includes("Chrome on Linux"))).toBe(true);
    // Pages name sessions by a digest: the bearer ids never appear.
    for (const session of sessions) expect(html).not.toContain(session.id);
    expect(await liveSessions(user.id)).toHaveLength(3);
  });

  it("“sign out this session” ends exactly that one, and its cookie stops working", async () => {
    const { user, sessions } = await memberOnThreeDevices();
    const [here, phone, laptop] = sessions;
    const response = await app.post("/settings/security", { intent: "end-session", session: publicSessionId(phone!.id) }, here!.cookie);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("That session is signed out.");
    expect(await liveSessions(user.id)).toEqual([here!.id, laptop!.id].sort());
    const withEnded = await app.get("/settings/security", phone!.cookie);
    expect(withEnded.status).toBe(302);
    expect(withEnded.headers.get("location")).toMatch(/^\/login\?redirectTo=/);
    expect((await app.get("/settings/security", laptop!.cookie)).status).toBe(200);
  });

  it("“sign out everywhere else” ends every other session and keeps this one", async () => {
    const { user, sessions } = await memberOnThreeDevices();
    const response = await app.post("/settings/security", { intent: "end-others" }, sessions[0]!.cookie);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Signed out of 2 other sessions.");
    expect(await liveSessions(user.id)).toEqual([sessions[0]!.id]);
    expect((await app.get("/settings/security", sessions[0]!.cookie)).status).toBe(200);
    expect((await app.get("/settings/security", sessions[2]!.cookie)).status).toBe(302);
  });

  it("a member cannot end someone else's session, even knowing its public id", async () => {
    const victim = await memberOnThreeDevices();
    const attacker = await memberOnThreeDevices();
    const forged = publicSessionId(victim.sessions[1]!.id);
    const response = await app.post("/settings/security", { intent: "end-session", session: forged }, attacker.sessions[0]!.cookie);
    expect(response.status).toBe(404);
    const guessed = await app.post("/settings/security", { intent: "end-session", session: "0123456789abcdef0123" }, attacker.sessions[0]!.cookie);
    expect(guessed.status).toBe(404);
    expect(await liveSessions(victim.user.id)).toHaveLength(3);
    expect(await liveSessions(attacker.user.id)).toHaveLength(3);
  });
});

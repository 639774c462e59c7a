import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { issueToken } from "../../../app/domain/accounts/tokens.server";
import { createTestDatabase } from "../../support/database";
import { FACTORY_PASSWORD, makeUser } from "../../support/factories";
import { startAppServer } from "../../support/app-server";

/**
 * PASSWORD_LOGIN=off with single sign-on on: every way to make, recover or use a local
 * password is closed with a page that says where to sign in instead (decision 020).
 */
let database: Database;
let app: Awaited<ReturnType<typeof startAppServer>>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await startAppServer(database, {
    // Discovery happens at the first sign-in, which these tests never start.
    OIDC_ISSUER: "https://portal.example.test",
    OIDC_CLIENT_ID: "partner-community",
    OIDC_CLIENT_SECRET: "a client secret",
    PASSWORD_LOGIN: "off",
  });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const CLOSED = /local passwords are turned off/;

describe("with local passwords off", () => {
  it("the log-in page offers only single sign-on: no password form, no sign-up or reset links", async () => {
    const response = await app.get("/login");
    expect(response.status).toBe(200);
    // The page itself; the site header's own "Sign up" link is the layout's (it leads to the closed page).
    const html = (await response.text()).match(/<main.*<\/main>/s)![0];
    expect(html).toContain("Sign in with your partner portal");
    expect(html.match(/<form/g)).toHaveLength(1);
    expect(html).not.toMatch(/type="password"/);
    expect(html).not.toContain('href="/signup"');
    expect(html).not.toContain('href="/forgot-password"');
  });

  it("refuses a password log-in, even with the right password", async () => {
    const user = await makeUser(database.db);
    const response = await app.post("/login", { email: user.email, password: FACTORY_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/pc_session=[^;]/);
    expect(await database.db.selectFrom("sessions").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
  });

  it("closes sign-up with a password, both the page and the form post", async () => {
    const page = await app.get("/signup");
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(CLOSED);
    const email = `closed-${Date.now()}@example.test`;
    const post = await app.post("/signup", { email, displayName: "Closed Door", password: "a long enough password" });
    expect(post.status).toBe(403);
    expect(await database.db.selectFrom("users").select("id").where("email", "=", email).execute()).toEqual([]);
  });

  it("closes password reset: the request page, its form, and a reset link already mailed", async () => {
    const user = await makeUser(database.db);
    const page = await app.get("/forgot-password");
    expect(page.status).toBe(403);
    expect(await page.text()).toMatch(CLOSED);
    expect((await app.post("/forgot-password", { email: user.email })).status).toBe(403);
    expect(await database.db.selectFrom("jobs").select("id").where("kind", "=", "mail.send").where("payload", "@>", JSON.stringify({ userId: user.id })).execute()).toEqual([]);

    const token = await issueToken(database.db, { userId: user.id, purpose: "reset_password", email: user.email });
    const link = await app.get(`/reset-password?token=${token}`);
    expect(link.status).toBe(403);
    expect(await link.text()).toMatch(CLOSED);
    const before = (await database.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow()).password_hash;
    expect((await app.post(`/reset-password?token=${token}`, { token, password: "a brand new password", confirm: "a brand new password" })).status).toBe(403);
    const after = (await database.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow()).password_hash;
    expect(after).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { accountForIdentity, createOidc, type Oidc } from "../../../app/domain/accounts/oidc.server";
import { DomainError } from "../../../app/domain/errors";
import { createTestDatabase } from "../../support/database";
import { makeOrganization, makeUser, unique } from "../../support/factories";
import { startTestProvider, TEST_CLIENT, type TestAccount } from "../../support/oidc-provider";

const REDIRECT_URI = "http://localhost:3999/auth/oidc/callback";
let database: Database;
let provider: Awaited<ReturnType<typeof startTestProvider>>;
let oidc: Oidc;

beforeAll(async () => {
  [database, provider] = await Promise.all([createTestDatabase(), startTestProvider({ redirectUris: [REDIRECT_URI] })]);
  oidc = createOidc({ issuer: new URL(provider.issuer), ...TEST_CLIENT, orgClaim: "partner_org", redirectUri: REDIRECT_URI });
});
afterAll(async () => {
  await Promise.all([database?.close(), provider?.close()]);
});

/** Follows the provider's redirects as a browser would (with its cookies) until it sends us back. */
async function authorize(startUrl: string) {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") } });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, value] = pair.split("=");
      jar.set(name, value);
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`provider answered ${response.status}: ${await response.text()}`);
    url = new URL(location, url).href;
    if (url.startsWith(REDIRECT_URI)) return new URL(url);
  }
  throw new Error("too many redirects");
}

async function signIn(account: TestAccount) {
  provider.signInAs(account);
  const { url, token } = await oidc.begin(database.db, "/latest");
  expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");
  const callback = await authorize(url);
  const { identity, redirectTo } = await oidc.finish(database.db, callback, token);
  expect(redirectTo).toBe("/latest");
  return accountForIdentity(database.db, identity);
}

const account = (overrides: Partial<TestAccount> = {}): TestAccount => ({
  sub: unique("sub"),
  email: `${unique("sso")}@portal.example.test`,
  emailVerified: true,
  name: "Portal Person",
  ...overrides,
});

describe("single sign-on through a real OpenID provider", () => {
  it("creates the account on first sign-in, in the organization the claim names, and finds it again later", async () => {
    const organization = await makeOrganization(database.db);
    const person = account({ organization: organization.slug });
    const first = await signIn(person);
    expect(first.outcome).toBe("created");
    const user = await database.db.selectFrom("users").selectAll().where("id", "=", first.userId).executeTakeFirstOrThrow();
    expect(user).toMatchObject({ email: person.email, display_name: "Portal Person", organization_id: organization.id, password_hash: null });
    // A later sign-in with a changed email still finds the account by (issuer, subject).
    const again = await signIn({ ...person, email: `${unique("moved")}@portal.example.test` });
    expect(again).toEqual({ userId: first.userId, outcome: "signed-in" });
    const audit = await database.db.selectFrom("audit_log").select("action").where("target_id", "=", first.userId).execute();
    expect(audit.map((row) => row.action)).toContain("account.sso_created");
  });

  it("links an existing account by verified email", async () => {
    const existing = await makeUser(database.db);
    const result = await signIn(account({ email: existing.email.toUpperCase() }));
    expect(result).toEqual({ userId: existing.id, outcome: "linked" });
  });

  it("refuses to link by an email the provider has not verified", async () => {
    const existing = await makeUser(database.db);
    const error = await signIn(account({ email: existing.email, emailVerified: false })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/not verified/);
    const links = await database.db.selectFrom("oidc_identities").select("subject").where("user_id", "=", existing.id).execute();
    expect(links).toEqual([]);
  });

  it("refuses a callback whose state was tampered with, and a callback without this browser's cookie", async () => {
    provider.signInAs(account());
    const { url, token } = await oidc.begin(database.db, "/");
    const callback = await authorize(url);
    callback.searchParams.set("state", "forged");
    await expect(oidc.finish(database.db, callback, token)).rejects.toThrow(/Single sign-on failed/);
    // The pending login was spent by the failed attempt: replaying the real callback fails too.
    await expect(oidc.finish(database.db, callback, token)).rejects.toThrow(/expired/);
    await expect(oidc.finish(database.db, callback, null)).rejects.toThrow(/expired/);
  });
});

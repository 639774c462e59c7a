import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { logIn, signUp, WRONG_CREDENTIALS } from "../../app/domain/accounts/signup.server";
import { changeRole, getUser, updateProfile } from "../../app/domain/accounts/users.server";
import { createInvitation } from "../../app/domain/organizations/invitations.server";
import { DomainError } from "../../app/domain/errors";
import { createTestDatabase } from "../support/database";
import { FACTORY_PASSWORD, makeOrganization, makeUser, unique } from "../support/factories";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const signupInput = (overrides: Partial<Parameters<typeof signUp>[1]> = {}) => ({
  email: `${unique("new")}@example.test`,
  displayName: "New Partner",
  password: "a-long-enough-password",
  organizationId: null,
  invitation: "",
  ...overrides,
});

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe("sign-up", () => {
  it("leaves a new account unaffiliated, with its sign-up event in the outbox", async () => {
    const { user, outcome } = await signUp(database.db, signupInput());
    expect(outcome).toBe("unaffiliated");
    expect(user.organization_id).toBeNull();
    const events = await database.db.selectFrom("outbox_events").select(["type", "payload"]).where("actor_id", "=", user.id).execute();
    expect(events).toEqual([{ type: "user.signed_up", payload: { userId: user.id, organizationId: null } }]);
  });

  it("files a join request when an organization is chosen, without joining it yet", async () => {
    const organization = await makeOrganization(database.db);
    const { user, outcome } = await signUp(database.db, signupInput({ organizationId: organization.id }));
    expect(outcome).toBe("requested");
    expect((await getUser(database.db, user.id)).organization_id).toBeNull();
    const request = await database.db.selectFrom("join_requests").selectAll().where("user_id", "=", user.id).executeTakeFirstOrThrow();
    expect(request).toMatchObject({ organization_id: organization.id, status: "pending" });
  });

  it("joins at once through an invitation link, which then cannot be used again", async () => {
    const organization = await makeOrganization(database.db);
    const admin = await makeUser(database.db, { role: "partner_admin", organizationId: organization.id });
    const { token } = await createInvitation(database.db, { organizationId: organization.id, createdBy: admin.id });
    const { user, outcome } = await signUp(database.db, signupInput({ invitation: token }));
    expect(outcome).toBe("joined");
    expect((await getUser(database.db, user.id)).organization_id).toBe(organization.id);

    const second = signupInput({ invitation: token });
    const refusal = await refusalOf(signUp(database.db, second));
    expect(refusal.field).toBe("invitation");
    // Nothing half-written: the refused sign-up left no account behind.
    const leftover = await database.db.selectFrom("users").select("id").where("email", "=", second.email).execute();
    expect(leftover).toEqual([]);
  });

  it("refuses an invitation addressed to someone else, and an expired one", async () => {
    const organization = await makeOrganization(database.db);
    const admin = await makeUser(database.db, { role: "partner_admin", organizationId: organization.id });
    const { token } = await createInvitation(database.db, { organizationId: organization.id, createdBy: admin.id, email: "invited@example.test" });
    expect((await refusalOf(signUp(database.db, signupInput({ invitation: token })))).field).toBe("email");

    const old = await createInvitation(database.db, {
      organizationId: organization.id,
      createdBy: admin.id,
      now: new Date(Date.now() - 30 * 86_400_000),
    });
    expect((await refusalOf(signUp(database.db, signupInput({ invitation: old.token })))).field).toBe("invitation");
  });

  it("refuses a duplicate email whatever its case, at the email field with 400", async () => {
    const email = `${unique("dup")}@example.test`;
    await signUp(database.db, signupInput({ email }));
    const refusal = await refusalOf(signUp(database.db, signupInput({ email: email.toUpperCase() })));
    expect(refusal).toMatchObject({ status: 400, field: "email" });
  });

  it("gives each person a unique handle from their display name", async () => {
    const a = await signUp(database.db, signupInput({ displayName: "Ana María López" }));
    const b = await signUp(database.db, signupInput({ displayName: "Ana Maria Lopez" }));
    expect(a.user.handle).toBe("ana-maria-lopez");
    expect(b.user.handle).toBe("ana-maria-lopez-2");
  });
});

describe("log-in", () => {
  it("accepts the right password and answers the same for a wrong password and an unknown email", async () => {
    const user = await makeUser(database.db);
    const ip = unique("ip");
    await expect(logIn(database.db, { email: user.email, password: FACTORY_PASSWORD, ip })).resolves.toMatchObject({ id: user.id });
    const wrong = await refusalOf(logIn(database.db, { email: user.email, password: "not-the-password", ip }));
    const unknown = await refusalOf(logIn(database.db, { email: `${unique("nobody")}@example.test`, password: "whatever-it-is", ip }));
    expect(wrong.message).toBe(WRONG_CREDENTIALS);
    expect(unknown.message).toBe(WRONG_CREDENTIALS);
    expect(wrong.status).toBe(unknown.status);
  });

  it("slows repeated failures from one address with a growing delay, without locking the account elsewhere", async () => {
    const user = await makeUser(database.db);
    const attacker = unique("ip");
    for (let i = 0; i < 5; i++) {
      await refusalOf(logIn(database.db, { email: user.email, password: `guess-${i}-guess`, ip: attacker }));
    }
    const throttled = await refusalOf(logIn(database.db, { email: user.email, password: FACTORY_PASSWORD, ip: attacker }));
    expect(throttled.status).toBe(429);
    expect(throttled.message).toMatch(/Try again in \d+ seconds?/);
    // The owner, from their own address, is not locked out by the stranger's guesses.
    await expect(logIn(database.db, { email: user.email, password: FACTORY_PASSWORD, ip: unique("ip") })).resolves.toMatchObject({ id: user.id });
  });
});

describe("profile and roles", () => {
  it("saves profile fields and records the change as an event", async () => {
    const user = await makeUser(database.db);
    await updateProfile(database.db, user.id, {
      displayName: "Renamed Person",
      title: "Solutions architect",
      bio: "I help partners move to the cloud.",
      timeZone: "Europe/Lisbon",
      languages: ["English", "Portuguese"],
    });
    expect(await getUser(database.db, user.id)).toMatchObject({
      display_name: "Renamed Person",
      title: "Solutions architect",
      time_zone: "Europe/Lisbon",
      languages: ["English", "Portuguese"],
    });
    const types = await database.db.selectFrom("outbox_events").select("type").where("actor_id", "=", user.id).execute();
    expect(types.map((t) => t.type)).toContain("user.profile_updated");
  });

  it("changes a role with an audit row and event in the same transaction", async () => {
    const admin = await makeUser(database.db, { role: "admin", isVendorStaff: true });
    const user = await makeUser(database.db);
    expect(await changeRole(database.db, { actorId: admin.id, userId: user.id, role: "moderator" })).toBe(true);
    expect((await getUser(database.db, user.id)).role).toBe("moderator");
    const audit = await database.db.selectFrom("audit_log").selectAll().where("target_id", "=", user.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_id: admin.id, action: "user.role_changed", before: { role: "member" }, after: { role: "moderator" } });
  });

  it("refuses to make someone without an organization a partner admin, changing nothing", async () => {
    const admin = await makeUser(database.db, { role: "admin", isVendorStaff: true });
    const user = await makeUser(database.db);
    const refusal = await refusalOf(changeRole(database.db, { actorId: admin.id, userId: user.id, role: "partner_admin" }));
    expect(refusal.field).toBe("role");
    expect((await getUser(database.db, user.id)).role).toBe("member");
    const audit = await database.db.selectFrom("audit_log").select("id").where("target_id", "=", user.id).execute();
    expect(audit).toEqual([]);
  });
});

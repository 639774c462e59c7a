import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clearOfStepEnd, codeAt } from "../../support/two-factor";
import type { Database } from "../../../db/client";
import { createAuth } from "../../../app/domain/accounts/auth.server";
import { completeChallenge, startChallenge } from "../../../app/domain/accounts/login-challenge.server";
import {
  confirmEnrolment,
  disableTwoFactor,
  enrolmentRedirect,
  regenerateRecoveryCodes,
  REQUIRE_TWO_FACTOR_KEY,
  sealPlainSecrets,
  startEnrolment,
  twoFactorStatus,
  verifySecondFactor,
} from "../../../app/domain/accounts/two-factor.server";
import { DomainError } from "../../../app/domain/errors";
import { createSecretBox } from "../../../app/domain/accounts/secret-box.server";
import { createTestDatabase } from "../../support/database";
import { asSessionUser, FACTORY_PASSWORD, makeUser } from "../../support/factories";

let database: Database;
const box = createSecretBox("a test key that is long enough to derive from");
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}


async function enrolled() {
  const user = asSessionUser(await makeUser(database.db));
  const { secret } = await startEnrolment(database.db, box, user);
  await clearOfStepEnd();
  const recoveryCodes = await confirmEnrolment(database.db, box, user, await codeAt(secret, -1));
  return { user, secret, recoveryCodes };
}

async function auditActions(userId: string) {
  const rows = await database.db.selectFrom("audit_log").select("action").where("actor_id", "=", userId).orderBy("id").execute();
  return rows.map((row) => row.action);
}

describe("two-factor enrolment", () => {
  it("turns on only after a correct code, and gives ten recovery codes stored hashed", async () => {
    const user = asSessionUser(await makeUser(database.db));
    const { secret, uri, qrDataUrl } = await startEnrolment(database.db, box, user);
    expect(uri).toContain(`secret=${secret}`);
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);

    const wrong = await refusal(confirmEnrolment(database.db, box, user, "000000"));
    expect(wrong.field).toBe("code");
    expect((await twoFactorStatus(database.db, user.id)).enabled).toBe(false);

    const codes = await confirmEnrolment(database.db, box, user, await codeAt(secret));
    expect(codes).toHaveLength(10);
    expect(await twoFactorStatus(database.db, user.id)).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    const stored = await database.db.selectFrom("user_recovery_codes").select("code_hash").where("user_id", "=", user.id).execute();
    expect(stored.map((row) => row.code_hash)).not.toContain(codes[0].replace("-", ""));
    expect(await auditActions(user.id)).toContain("account.two_factor_enabled");
  });
});

describe("the second login step", () => {
  it("signs in with a current code once; the same code cannot be replayed", async () => {
    const { user, secret } = await enrolled();
    const code = await codeAt(secret);
    const token = await startChallenge(database.db, user.id, "/latest");
    expect(await completeChallenge(database.db, box, token, code)).toEqual({ userId: user.id, redirectTo: "/latest" });
    // The challenge is spent, and the code is too.
    expect((await refusal(completeChallenge(database.db, box, token, code))).message).toMatch(/expired/);
    const again = await startChallenge(database.db, user.id, "/");
    expect((await refusal(completeChallenge(database.db, box, again, code))).field).toBe("code");
  });

  it("accepts each recovery code once", async () => {
    const { user, recoveryCodes } = await enrolled();
    const first = await startChallenge(database.db, user.id, "/");
    await completeChallenge(database.db, box, first, recoveryCodes[3].toUpperCase());
    const second = await startChallenge(database.db, user.id, "/");
    await refusal(completeChallenge(database.db, box, second, recoveryCodes[3]));
    expect((await twoFactorStatus(database.db, user.id)).recoveryCodesLeft).toBe(9);
    expect(await auditActions(user.id)).toContain("account.recovery_code_used");
  });

  it("stops guessing: after five wrong codes even the right one waits", async () => {
    const { user, secret } = await enrolled();
    for (let i = 0; i < 5; i++) {
      await refusal(verifySecondFactor(database.db, box, user.id, "123456", { allowRecovery: true }));
    }
    const blocked = await refusal(verifySecondFactor(database.db, box, user.id, await codeAt(secret), { allowRecovery: true }));
    expect(blocked.status).toBe(429);
  });

  it("counts per person: signing in again with the password does not buy five more guesses", async () => {
    const { user, secret } = await enrolled();
    for (let i = 0; i < 5; i++) {
      const token = await startChallenge(database.db, user.id, "/");
      await refusal(completeChallenge(database.db, box, token, "123456"));
    }
    const fresh = await startChallenge(database.db, user.id, "/");
    expect((await refusal(completeChallenge(database.db, box, fresh, await codeAt(secret)))).status).toBe(429);
  });

  it("counts wrong codes at enrolment too", async () => {
    const user = asSessionUser(await makeUser(database.db));
    const { secret } = await startEnrolment(database.db, box, user);
    for (let i = 0; i < 5; i++) await refusal(confirmEnrolment(database.db, box, user, "000000"));
    expect((await refusal(confirmEnrolment(database.db, box, user, await codeAt(secret)))).status).toBe(429);
    expect((await twoFactorStatus(database.db, user.id)).enabled).toBe(false);
  });

  it("spends a challenge after five tries, so one cookie cannot keep guessing", async () => {
    const { user } = await enrolled();
    const token = await startChallenge(database.db, user.id, "/");
    for (let i = 0; i < 5; i++) await refusal(completeChallenge(database.db, box, token, "99999-99999"));
    expect((await refusal(completeChallenge(database.db, box, token, "99999-99999"))).message).toMatch(/expired/);
  });
});

describe("recovery codes and turning off", () => {
  it("regenerates codes (old ones stop working) and audits it", async () => {
    const { user, secret, recoveryCodes } = await enrolled();
    const fresh = await regenerateRecoveryCodes(database.db, box, user, { code: await codeAt(secret) });
    expect(fresh).not.toContain(recoveryCodes[0]);
    await refusal(verifySecondFactor(database.db, box, user.id, recoveryCodes[0], { allowRecovery: true }));
    expect(await verifySecondFactor(database.db, box, user.id, fresh[0], { allowRecovery: true })).toBe("recovery");
    expect(await auditActions(user.id)).toContain("account.recovery_codes_regenerated");
  });

  it("asks for the password, refuses a wrong one, and is refused while required", async () => {
    const { user } = await enrolled();
    expect((await refusal(disableTwoFactor(database.db, box, user, { password: "not-it" }, { required: false }))).field).toBe("password");
    expect((await refusal(disableTwoFactor(database.db, box, user, { password: FACTORY_PASSWORD }, { required: true }))).status).toBe(403);
    await disableTwoFactor(database.db, box, user, { password: FACTORY_PASSWORD }, { required: false });
    expect(await twoFactorStatus(database.db, user.id)).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect(await auditActions(user.id)).toContain("account.two_factor_disabled");
  });
});

describe("required for staff", () => {
  it("sends moderators without 2FA to enrolment only while an admin requires it; members never", async () => {
    const moderator = asSessionUser(await makeUser(database.db, { role: "moderator" }));
    const member = asSessionUser(await makeUser(database.db));
    expect(await enrolmentRedirect(database.db, moderator, "/latest")).toBeNull();
    await database.db.insertInto("moderation_settings").values({ key: REQUIRE_TWO_FACTOR_KEY, value: JSON.stringify(true) }).execute();
    try {
      expect(await enrolmentRedirect(database.db, moderator, "/latest")).toBe("/settings/two-factor?required=1");
      expect(await enrolmentRedirect(database.db, moderator, "/settings/two-factor.data")).toBeNull();
      expect(await enrolmentRedirect(database.db, member, "/latest")).toBeNull();
      expect(await enrolmentRedirect(database.db, { ...moderator, twoFactorEnabled: true }, "/latest")).toBeNull();
    } finally {
      await database.db.deleteFrom("moderation_settings").where("key", "=", REQUIRE_TWO_FACTOR_KEY).execute();
    }
  });

  it("the session knows whether 2FA is on", async () => {
    const { user } = await enrolled();
    const auth = createAuth(database.db, { secureCookies: false });
    const { cookie } = await auth.startSession(user.id, { ip: null, userAgent: null });
    const session = await auth.validate(cookie.split(";")[0]);
    expect(session?.user.twoFactorEnabled).toBe(true);
  });
});

describe("the secret at rest", () => {
  const storedSecret = async (userId: string) =>
    (await database.db.selectFrom("user_two_factor").select("secret").where("user_id", "=", userId).executeTakeFirstOrThrow()).secret;

  it("is stored encrypted: the seed is not in the row, and another key or another account's row cannot open it", async () => {
    const { user, secret } = await enrolled();
    const stored = await storedSecret(user.id);
    expect(stored).toMatch(/^v1\./);
    expect(stored).not.toContain(secret);
    expect(box.open(stored, user.id)).toBe(secret);
    expect(() => createSecretBox("some other key that is also long enough!!").open(stored, user.id)).toThrow();
    expect(() => box.open(stored, "another-user-id")).toThrow();
  });

  it("still reads a seed stored in plain before encryption, and start-up seals it without breaking sign-in", async () => {
    const { user, secret } = await enrolled();
    await database.db.updateTable("user_two_factor").set({ secret }).where("user_id", "=", user.id).execute();
    expect(await verifySecondFactor(database.db, box, user.id, await codeAt(secret), { allowRecovery: false })).toBe("totp");

    expect(await sealPlainSecrets(database.db, box)).toBeGreaterThanOrEqual(1);
    expect(await storedSecret(user.id)).toMatch(/^v1\./);
    expect(await sealPlainSecrets(database.db, box)).toBe(0);
    expect(await verifySecondFactor(database.db, box, user.id, await codeAt(secret, 1), { allowRecovery: false })).toBe("totp");
  });
});

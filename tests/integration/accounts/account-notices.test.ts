import pino from "pino";
import { clearOfStepEnd, codeAt } from "../../support/two-factor";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { changePassword } from "../../../app/domain/accounts/recovery.server";
import { confirmEmailChange, requestEmailChange } from "../../../app/domain/accounts/email.server";
import { confirmEnrolment, disableTwoFactor, regenerateRecoveryCodes, startEnrolment } from "../../../app/domain/accounts/two-factor.server";
import { accountForIdentity } from "../../../app/domain/accounts/oidc.server";
import { createSecretBox } from "../../../app/domain/accounts/secret-box.server";
import { createScheduler } from "../../../server/scheduler";
import { createMail } from "../../../server/mail";
import { createTestDatabase } from "../../support/database";
import { asSessionUser, FACTORY_PASSWORD, makeUser } from "../../support/factories";
import { linkIn, startSmtpSink } from "../../support/mail";

/**
 * Issue 8: every account change is in the audit log and told to the address the account had
 * before the change, so someone who took over the account cannot hide what they did.
 */
const quiet = pino({ level: "silent" });
const box = createSecretBox("a test key that is long enough to derive from");
let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mail: ReturnType<typeof createMail>;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
  mail = createMail({ mail: { smtpUrl: smtp.url, from: "Partner Community <no-reply@community.example.test>" }, publicOrigin: "https://community.example.test" }, database.db);
});
afterAll(async () => {
  mail.close();
  await smtp.close();
  await database.close();
});
beforeEach(async () => {
  await database.db.deleteFrom("jobs").where("kind", "like", "mail.%").execute();
  await database.db.deleteFrom("mail_requests").execute();
  smtp.inbox.length = 0;
});

async function sendDue() {
  const scheduler = createScheduler({ database, log: quiet, handlers: mail.handlers, workerId: "notices-test" });
  await scheduler.runDue();
  await scheduler.stop();
}

async function audited(userId: string) {
  const rows = await database.db.selectFrom("audit_log").select("action").where("target_id", "=", userId).orderBy("id").execute();
  return rows.map((row) => row.action);
}


async function withTwoFactor(user: SessionUser) {
  const { secret } = await startEnrolment(database.db, box, user);
  await clearOfStepEnd();
  await confirmEnrolment(database.db, box, user, await codeAt(secret, -1));
  return secret;
}

const changes: Array<{ name: string; action: string; subject: string; change: (user: SessionUser) => Promise<void> }> = [
  {
    name: "a password change",
    action: "account.password_changed",
    subject: "Your password was changed",
    change: (user) => changePassword(database.db, { userId: user.id, currentPassword: FACTORY_PASSWORD, newPassword: "a brand new password", keepSessionId: "none" }),
  },
  {
    name: "turning two-factor authentication on",
    action: "account.two_factor_enabled",
    subject: "Two-factor authentication is on",
    change: async (user) => void (await withTwoFactor(user)),
  },
  {
    name: "new recovery codes",
    action: "account.recovery_codes_regenerated",
    subject: "New recovery codes were made",
    change: async (user) => {
      const secret = await withTwoFactor(user);
      await regenerateRecoveryCodes(database.db, box, user, { code: await codeAt(secret) });
    },
  },
  {
    name: "turning two-factor authentication off",
    action: "account.two_factor_disabled",
    subject: "Two-factor authentication was turned off",
    change: async (user) => {
      await withTwoFactor(user);
      await disableTwoFactor(database.db, box, user, { password: FACTORY_PASSWORD }, { required: false });
    },
  },
  {
    name: "linking single sign-on by verified email",
    action: "account.sso_linked",
    subject: "Single sign-on was linked to your account",
    change: async (user) => {
      const identity = { issuer: "https://portal.example.test", subject: `sub-${user.id}`, email: user.email, emailVerified: true, name: null, organization: null };
      expect((await accountForIdentity(database.db, identity)).outcome).toBe("linked");
    },
  },
];

describe("every account change is audited and mailed to the account's address", () => {
  for (const { name, action, subject, change } of changes) {
    it(name, async () => {
      const user = asSessionUser(await makeUser(database.db));
      await change(user);
      expect(await audited(user.id)).toContain(action);
      await sendDue();
      expect(smtp.to(user.email).map((m) => m.subject)).toContain(subject);
      const notice = smtp.to(user.email).find((m) => m.subject === subject)!;
      expect(notice.text).toContain("If this was not you");
      expect(notice.headers.get("list-unsubscribe")).toBeUndefined();
    });
  }

  it("an email change, told to the old address, not the new one", async () => {
    const user = asSessionUser(await makeUser(database.db));
    const newEmail = `moved-${Date.now()}@example.test`;
    await requestEmailChange(database.db, { userId: user.id, password: FACTORY_PASSWORD, newEmail, ip: "10.9.0.1" });
    await sendDue();
    const { token } = linkIn(smtp.to(newEmail)[0]!, "/settings/email/confirm?token=");
    await confirmEmailChange(database.db, token);
    await sendDue();
    expect(await audited(user.id)).toEqual(expect.arrayContaining(["account.email_change_requested", "account.email_changed"]));
    expect(smtp.to(user.email).map((m) => m.subject)).toEqual(["A change of email address was requested", "Your email address was changed"]);
    expect(smtp.to(newEmail).map((m) => m.subject)).toEqual(["Confirm your new email address"]);
  });

  it("a first sign-in that creates an account is audited but mails no notice (there is no earlier address)", async () => {
    const email = `new-sso-${Date.now()}@example.test`;
    const { userId, outcome } = await accountForIdentity(database.db, { issuer: "https://portal.example.test", subject: `sub-${email}`, email, emailVerified: true, name: "New Person", organization: null });
    expect(outcome).toBe("created");
    expect(await audited(userId)).toContain("account.sso_created");
    await sendDue();
    expect(smtp.to(email)).toEqual([]);
  });
});

import pino from "pino";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { changePassword, requestPasswordReset, resetPassword } from "../../app/domain/accounts/recovery.server";
import { confirmEmailChange, isEmailVerified, requestEmailChange, sendVerification, verifyEmail } from "../../app/domain/accounts/email.server";
import { checkToken, issueToken } from "../../app/domain/accounts/tokens.server";
import { verifyPassword } from "../../app/domain/accounts/passwords.server";
import { removeMember } from "../../app/domain/councils/roster.server";
import { reply } from "../../app/domain/forum/posts.server";
import { startConversation } from "../../app/domain/messages/conversations.server";
import { mailPreferences, setMailPreferences } from "../../app/domain/mail/preferences.server";
import { queueDigests } from "../../app/domain/mail/digest.server";
import { readUnsubscribeToken } from "../../app/domain/mail/unsubscribe.server";
import { createDispatcher } from "../../server/dispatcher";
import { createScheduler } from "../../server/scheduler";
import { createMail } from "../../server/mail";
import { notificationsSubscriber } from "../../server/notifications-subscriber";
import { createTestDatabase } from "../support/database";
import { asSessionUser, FACTORY_PASSWORD, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeThread, render } from "../support/forum";
import { enrol, makeCouncil, viewer } from "../support/councils";
import { linkIn, rawHeader, startSmtpSink } from "../support/mail";

const ORIGIN = "https://community.example.test";
const quiet = pino({ level: "silent" });

let database: Database;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let mail: ReturnType<typeof createMail>;
let admin: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
  mail = createMail({ mail: { smtpUrl: smtp.url, from: "Partner Community <no-reply@community.example.test>" }, publicOrigin: ORIGIN }, database.db);
  admin = await viewer(database.db, await makeUser(database.db, { role: "admin" }));
});
afterAll(async () => {
  mail.close();
  await smtp.close();
  await database.close();
});
beforeEach(async () => {
  // Each test starts with no pending mail and its own inbox.
  await database.db.deleteFrom("jobs").where("kind", "like", "mail.%").execute();
  await database.db.deleteFrom("mail_requests").execute();
  smtp.inbox.length = 0;
});

/** Runs the mail jobs that are due, as the server's scheduler does. */
async function sendDue() {
  const scheduler = createScheduler({ database, log: quiet, handlers: mail.handlers, workerId: "mail-test" });
  await scheduler.runDue();
  await scheduler.stop();
}

/** Feeds pending outbox events to the notifications subscriber, then to mail (as server/app.ts orders them). */
async function dispatch() {
  const dispatcher = createDispatcher({
    database,
    log: quiet,
    subscribers: [notificationsSubscriber({ to: () => ({ emit: () => true }) }, database.db), mail.subscriber],
  });
  const deadline = Date.now() + 10_000;
  await dispatcher.drain();
  while ((await dispatcher.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.drain();
  }
  await dispatcher.stop();
}

async function person(options: { verified?: boolean } = {}) {
  const organization = await makeOrganization(database.db);
  const row = await makeUser(database.db, { organizationId: organization.id });
  if (options.verified !== false) {
    await database.db.insertInto("email_verifications").values({ user_id: row.id, email: row.email }).execute();
  }
  return asSessionUser(row);
}

async function sessionsOf(userId: string) {
  return database.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute();
}

async function addSession(userId: string) {
  const id = `s-${Math.random().toString(36).slice(2)}`;
  await database.db.insertInto("sessions").values({ id, user_id: userId, expires_at: new Date(Date.now() + 86_400_000), ip: null, user_agent: null }).execute();
  return id;
}

describe("password reset by mail", () => {
  it("arrives over SMTP with text and HTML parts linking to PUBLIC_URL; the link works once and ends every session", async () => {
    const user = await person();
    await addSession(user.id);
    await addSession(user.id);
    await requestPasswordReset(database.db, { email: user.email.toUpperCase(), ip: "10.0.0.1" });
    await sendDue();

    const [message] = smtp.to(user.email);
    expect(message?.subject).toBe("Reset your password");
    expect(message?.from?.text).toContain("no-reply@community.example.test");
    const { url, token } = linkIn(message!, "/reset-password?token=");
    expect(url.origin).toBe(ORIGIN);
    expect(message!.html).toContain(`${ORIGIN}/reset-password?token=${token}`);
    // A reset is account mail, not a subscription: no unsubscribe header.
    expect(message!.headers.has("list-unsubscribe")).toBe(false);

    // Only a hash is stored.
    const stored = await database.db.selectFrom("account_tokens").select("token_hash").where("user_id", "=", user.id).execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(token);

    expect(await resetPassword(database.db, { token, password: "a brand new password" })).toEqual({ ok: true, userId: user.id });
    const row = await database.db.selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash!, "a brand new password")).toBe(true);
    expect(await sessionsOf(user.id)).toEqual([]);
    expect(await resetPassword(database.db, { token, password: "another new password" })).toEqual({ ok: false, problem: "used" });

    // The address hears about it, and the audit log has both steps.
    await sendDue();
    expect(smtp.to(user.email).map((m) => m.subject)).toEqual(["Reset your password", "Your password was reset"]);
    const audit = await database.db.selectFrom("audit_log").select("action").where("target_id", "=", user.id).orderBy("id").execute();
    expect(audit.map((a) => a.action)).toEqual(["account.password_reset_requested", "account.password_reset"]);
  });

  it("says nothing about whether an address has an account, and limits requests either way", async () => {
    const user = await person();
    const unknown = "nobody-here@example.test";
    await expect(requestPasswordReset(database.db, { email: unknown, ip: "10.0.0.2" })).resolves.toBeUndefined();
    await expect(requestPasswordReset(database.db, { email: user.email, ip: "10.0.0.2" })).resolves.toBeUndefined();
    await sendDue();
    expect(smtp.inbox.map((m) => m.to && smtp.to(unknown).length)).toEqual([0]);
    for (let i = 0; i < 2; i++) {
      await requestPasswordReset(database.db, { email: unknown, ip: "10.0.0.3" });
      await requestPasswordReset(database.db, { email: user.email, ip: "10.0.0.3" });
    }
    // The fourth request within the hour is refused, with the same words for both addresses.
    const refusals = await Promise.allSettled([
      requestPasswordReset(database.db, { email: unknown, ip: "10.0.0.4" }),
      requestPasswordReset(database.db, { email: user.email, ip: "10.0.0.4" }),
    ]);
    expect(refusals.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    const [a, b] = refusals.map((r) => (r as PromiseRejectedResult).reason as { message: string; status: number });
    expect(a!.status).toBe(429);
    expect(a!.message).toBe(b!.message);
  });

  it("refuses expired and forged links, each with its own reason", async () => {
    const user = await person();
    const token = await issueToken(database.db, { userId: user.id, purpose: "reset_password", email: user.email });
    await database.db.updateTable("account_tokens").set({ expires_at: sql`now() - interval '1 minute'` }).where("user_id", "=", user.id).execute();
    expect(await resetPassword(database.db, { token, password: "a brand new password" })).toEqual({ ok: false, problem: "expired" });
    expect(await checkToken(database.db, "reset_password", `${token.slice(0, -2)}xx`)).toEqual({ ok: false, problem: "invalid" });
    expect(await checkToken(database.db, "reset_password", "<script>")).toEqual({ ok: false, problem: "invalid" });
    // A verification token is no reset token.
    const verify = await issueToken(database.db, { userId: user.id, purpose: "verify_email", email: user.email });
    expect(await resetPassword(database.db, { token: verify, password: "a brand new password" })).toEqual({ ok: false, problem: "invalid" });
  });

  it("lasts one hour", async () => {
    const user = await person();
    await issueToken(database.db, { userId: user.id, purpose: "reset_password", email: user.email });
    const row = await database.db
      .selectFrom("account_tokens")
      .select(sql<number>`extract(epoch from expires_at - created_at)::int`.as("seconds"))
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(Number(row.seconds)).toBe(3600);
  });
});

describe("email verification and change", () => {
  it("verifies through the mailed link once; a resend is limited", async () => {
    const user = await person({ verified: false });
    expect(await isEmailVerified(database.db, user.id)).toBe(false);
    await sendVerification(database.db, user.id);
    await sendDue();
    const [message] = smtp.to(user.email);
    expect(message?.subject).toBe("Confirm your email address");
    const { token } = linkIn(message!, "/verify-email?token=");
    expect(await verifyEmail(database.db, token)).toEqual({ ok: true, userId: user.id });
    expect(await isEmailVerified(database.db, user.id)).toBe(true);
    expect(await verifyEmail(database.db, token)).toEqual({ ok: false, problem: "used" });

    for (let i = 0; i < 3; i++) await sendVerification(database.db, user.id, { ip: "10.0.1.1" });
    await expect(sendVerification(database.db, user.id, { ip: "10.0.1.1" })).rejects.toMatchObject({ status: 429 });
  });

  it("changes the address only when the new one confirms, and tells the old one", async () => {
    const user = await person();
    const oldEmail = user.email;
    const newEmail = `moved-${Date.now()}@example.test`;
    await expect(requestEmailChange(database.db, { userId: user.id, password: "wrong password", newEmail, ip: "10.0.2.1" })).rejects.toMatchObject({ field: "password" });
    await requestEmailChange(database.db, { userId: user.id, password: FACTORY_PASSWORD, newEmail, ip: "10.0.2.1" });
    await sendDue();
    expect(smtp.to(oldEmail).map((m) => m.subject)).toEqual(["A change of email address was requested"]);
    const [confirmation] = smtp.to(newEmail);
    expect(confirmation?.subject).toBe("Confirm your new email address");
    // Nothing changed yet.
    expect((await database.db.selectFrom("users").select("email").where("id", "=", user.id).executeTakeFirstOrThrow()).email).toBe(oldEmail);

    const { token } = linkIn(confirmation!, "/settings/email/confirm?token=");
    expect(await confirmEmailChange(database.db, token)).toEqual({ ok: true, userId: user.id, email: newEmail });
    expect((await database.db.selectFrom("users").select("email").where("id", "=", user.id).executeTakeFirstOrThrow()).email).toBe(newEmail);
    expect(await isEmailVerified(database.db, user.id)).toBe(true);
    expect(await confirmEmailChange(database.db, token)).toEqual({ ok: false, problem: "used" });
    await sendDue();
    expect(smtp.to(oldEmail).map((m) => m.subject)).toEqual(["A change of email address was requested", "Your email address was changed"]);
    const audit = await database.db.selectFrom("audit_log").select(["action", "before", "after"]).where("target_id", "=", user.id).where("action", "=", "account.email_changed").executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ before: { email: oldEmail }, after: { email: newEmail } });
  });

  it("changing the password asks for the current one, keeps this session and ends the others", async () => {
    const user = await person();
    const here = await addSession(user.id);
    await addSession(user.id);
    await expect(
      changePassword(database.db, { userId: user.id, currentPassword: "not it at all", newPassword: "a brand new password", keepSessionId: here }),
    ).rejects.toMatchObject({ field: "currentPassword" });
    expect(await sessionsOf(user.id)).toHaveLength(2);
    await changePassword(database.db, { userId: user.id, currentPassword: FACTORY_PASSWORD, newPassword: "a brand new password", keepSessionId: here });
    expect(await sessionsOf(user.id)).toEqual([{ id: here }]);
    await sendDue();
    expect(smtp.to(user.email).map((m) => m.subject)).toEqual(["Your password was changed"]);
  });
});

describe("notification mail", () => {
  it("is never sent about a council post to someone who left the council between queueing and sending", async () => {
    const council = await makeCouncil(database.db, admin);
    const author = await enrol(database.db, admin, council.id, await person());
    const leaving = await enrol(database.db, admin, council.id, await person());
    const staying = await enrol(database.db, admin, council.id, await person());
    const secretTitle = `Pricing change for next year ${Date.now()}`;
    const thread = await makeThread(database.db, author, council.category_id, { title: secretTitle });
    for (const member of [leaving, staying]) {
      await database.db.insertInto("thread_watches").values({ user_id: member.id, thread_id: thread.threadId, level: "watching" }).execute();
      await setMailPreferences(database.db, member.id, { watching: "immediately" });
    }
    await reply(database.db, { actor: author, threadId: thread.threadId, body: "The confidential numbers are attached.", render, at: new Date() });
    await dispatch();
    const queued = await database.db.selectFrom("jobs").select("payload").where("kind", "=", "mail.send").execute();
    expect(queued).toHaveLength(2);

    await removeMember(database.db, admin, council.id, leaving.id);
    await sendDue();
    expect(smtp.to(leaving.email)).toEqual([]);
    const [kept] = smtp.to(staying.email);
    expect(kept?.subject).toContain(secretTitle);
    expect(smtp.inbox.some((m) => `${m.text}${m.html}`.includes(secretTitle) && !smtp.to(staying.email).includes(m))).toBe(false);
  });

  it("is not sent to someone who, between queueing and sending, turned it off or moved to an unverified address", async () => {
    const [author, turnsOff, moves, keeps] = [await person(), await person(), await person(), await person()];
    const category = await makeCategory(database.db);
    const thread = await makeThread(database.db, author, category.id, { title: `Renewal playbook ${Date.now()}` });
    for (const member of [turnsOff, moves, keeps]) {
      await database.db.insertInto("thread_watches").values({ user_id: member.id, thread_id: thread.threadId, level: "watching" }).execute();
      await setMailPreferences(database.db, member.id, { watching: "immediately" });
    }
    await reply(database.db, { actor: author, threadId: thread.threadId, body: "Here is what worked for us.", render, at: new Date() });
    await dispatch();

    await setMailPreferences(database.db, turnsOff.id, { watching: "never" });
    const unverified = `moved-${Date.now()}@example.test`;
    await database.db.updateTable("users").set({ email: unverified }).where("id", "=", moves.id).execute();
    await sendDue();
    expect(smtp.to(turnsOff.email)).toEqual([]);
    expect(smtp.to(unverified)).toEqual([]);
    expect(smtp.to(moves.email)).toEqual([]);
    expect(smtp.to(keeps.email).map((m) => m.subject)).toEqual([expect.stringContaining("Renewal playbook")]);
  });

  it("mails a direct message with a signed one-click unsubscribe link and headers", async () => {
    const sender = await person();
    const recipient = await person();
    const unverified = await person({ verified: false });
    await startConversation(database.db, { actor: sender, raw: { to: `${recipient.handle} ${unverified.handle}`, body: "Can we talk about the renewal?" }, render, at: new Date() });
    await dispatch();
    await sendDue();
    expect(smtp.to(unverified.email)).toEqual([]);
    const [message] = smtp.to(recipient.email);
    expect(message?.subject).toBe(`${sender.displayName} sent you a message`);
    expect(message?.text).toContain("Can we talk about the renewal?");
    expect(rawHeader(message!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const header = String(rawHeader(message!, "List-Unsubscribe"));
    const { url, token } = linkIn(message!, "/unsubscribe?token=");
    expect(header).toContain(url.toString());
    expect(await readUnsubscribeToken(database.db, token)).toEqual({ userId: recipient.id, scope: "message" });
    expect(await readUnsubscribeToken(database.db, `${token}x`)).toBeNull();
  });

  it("retries a send that fails, and the person's action still succeeds", async () => {
    const broken = createMail({ mail: { smtpUrl: "smtp://127.0.0.1:1", from: "x <x@example.test>" }, publicOrigin: ORIGIN }, database.db);
    const user = await person();
    await expect(requestPasswordReset(database.db, { email: user.email, ip: "10.0.3.1" })).resolves.toBeUndefined();
    const scheduler = createScheduler({ database, log: quiet, handlers: broken.handlers, workerId: "broken" });
    await scheduler.runDue();
    await scheduler.stop();
    broken.close();
    const job = await database.db
      .selectFrom("jobs")
      .select(["attempts", "max_attempts", "failed_at", "completed_at", "last_error", sql<boolean>`run_at > now()`.as("later")])
      .where("kind", "=", "mail.send")
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ attempts: 1, max_attempts: 6, failed_at: null, completed_at: null, later: true });
    expect(job.last_error).toBeTruthy();
  });
});

describe("digests", () => {
  it("list what the reader may still see, never a council thread they left, and never a message's words", async () => {
    const council = await makeCouncil(database.db, admin);
    const author = await enrol(database.db, admin, council.id, await person());
    const reader = await enrol(database.db, admin, council.id, await person());
    await setMailPreferences(database.db, reader.id, { watching: "daily", message: "daily" });
    const publicCategory = await makeCategory(database.db);
    const secretTitle = `Council secret ${Date.now()}`;
    const publicTitle = `Public question ${Date.now()}`;
    const secret = await makeThread(database.db, author, council.category_id, { title: secretTitle });
    const open = await makeThread(database.db, author, publicCategory.id, { title: publicTitle });
    for (const threadId of [secret.threadId, open.threadId]) {
      await database.db.insertInto("thread_watches").values({ user_id: reader.id, thread_id: threadId, level: "watching" }).execute();
      await reply(database.db, { actor: author, threadId, body: "News in this thread.", render, at: new Date() });
    }
    await startConversation(database.db, { actor: author, raw: { to: reader.handle, body: "Private words about the deal" }, render, at: new Date() });
    await dispatch();
    // Daily cadence: nothing goes right away.
    await sendDue();
    expect(smtp.to(reader.email)).toEqual([]);

    await removeMember(database.db, admin, council.id, reader.id);
    const end = new Date(Date.now() + 60_000);
    expect(await queueDigests(database.db, "daily", end)).toBeGreaterThan(0);
    await sendDue();
    const [digest] = smtp.to(reader.email);
    expect(digest?.subject).toMatch(/daily Partner Community digest: 2 new/);
    const body = `${digest!.text}\n${digest!.html}`;
    expect(body).toContain(publicTitle);
    expect(body).toContain("1 unread direct message");
    expect(body).not.toContain(secretTitle);
    expect(body).not.toContain("Private words");
    expect(rawHeader(digest!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    const { token } = linkIn(digest!, "/unsubscribe?token=");
    expect(await readUnsubscribeToken(database.db, token)).toEqual({ userId: reader.id, scope: "digest" });

    // The same slot queued again sends nothing twice.
    await queueDigests(database.db, "daily", end);
    await sendDue();
    expect(smtp.to(reader.email)).toHaveLength(1);
    expect((await mailPreferences(database.db, reader.id)).watching).toBe("daily");
  });
});

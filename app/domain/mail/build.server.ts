import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { issueToken } from "../accounts/tokens.server";
import { emailVerifiedColumn, isEmailVerified } from "../accounts/email.server";
import { loadReaders } from "../follow/readers.server";
import { visibleNotificationsForMail } from "../follow/notifications.server";
import { blockedBetween, participantIdsOf } from "../messages/access.server";
import { can } from "../policy.server";
import { renderMail, type MailContent, type RenderedMail } from "./compose";
import { isMailKind, mailKindLabels } from "./kinds";
import { cadenceFor, mailPreferencesColumn, preferencesFrom } from "./preferences.server";
import type { AccountChange, MailPayload } from "./queue.server";
import { unsubscribeToken } from "./unsubscribe.server";
import { buildDigest } from "./digest.server";
import { notificationLine } from "./lines";

/**
 * What a queued mail says, decided when the job runs: the recipient, their preference and what
 * they may see are read now, so someone who left a council in the meantime gets nothing of it.
 * Returns null when there is nothing (any more) to send.
 */
export interface BuiltMail extends RenderedMail {
  to: string;
  headers: Record<string, string>;
}

type Db = Kysely<DB>;

const changeText: Record<AccountChange, { subject: string; line: string }> = {
  email_changed: { subject: "Your email address was changed", line: "The email address of your Partner Community account was changed, and this address no longer receives its mail." },
  email_change_requested: { subject: "A change of email address was requested", line: "Someone signed in to your Partner Community account asked to move it to another email address. Nothing changes until the new address is confirmed." },
  password_changed: { subject: "Your password was changed", line: "The password of your Partner Community account was changed, and every other session was signed out." },
  password_reset: { subject: "Your password was reset", line: "The password of your Partner Community account was reset through a link mailed to this address, and every session was signed out." },
  account_deleted: { subject: "Your account was deleted", line: "Your Partner Community account was deleted at your request: your personal data is gone and you can no longer sign in. This is the last message we send to this address." },
  two_factor_enabled: { subject: "Two-factor authentication is on", line: "Two-factor authentication was turned on for your Partner Community account: signing in now asks for a code from an authenticator app." },
  two_factor_disabled: { subject: "Two-factor authentication was turned off", line: "Two-factor authentication was turned off for your Partner Community account: signing in no longer asks for a code." },
  recovery_codes_regenerated: { subject: "New recovery codes were made", line: "New two-factor recovery codes were made for your Partner Community account, and the old ones no longer work." },
  sso_linked: { subject: "Single sign-on was linked to your account", line: "Your Partner Community account can now be signed in to through your partner portal (single sign-on), because it confirmed this email address." },
};

const NOT_YOU = "If this was not you, reset your password at once and tell an administrator.";

export async function buildMail(db: Db, payload: MailPayload, origin: string): Promise<BuiltMail | null> {
  const url = (path: string) => new URL(path, origin).toString();
  switch (payload.type) {
    case "verify_email": {
      const user = await findUser(db, payload.userId);
      if (!user || (await isEmailVerified(db, user.id))) return null;
      const token = await issueToken(db, { userId: user.id, purpose: "verify_email", email: user.email });
      return account(user.email, {
        subject: "Confirm your email address",
        paragraphs: [`Hello ${user.display_name},`, "Confirm that this is your email address for the Partner Community. The link works once, for 48 hours."],
        action: { label: "Confirm my email address", url: url(`/verify-email?token=${token}`) },
        footer: "You get this because this address was used to sign up. If it was not you, ignore this message.",
      });
    }
    case "change_email": {
      const user = await findUser(db, payload.userId);
      if (!user) return null;
      const token = await issueToken(db, { userId: user.id, purpose: "change_email", email: payload.newEmail });
      return account(payload.newEmail, {
        subject: "Confirm your new email address",
        paragraphs: [`Hello ${user.display_name},`, "Confirm that your Partner Community account should use this address from now on. The link works once, for 24 hours."],
        action: { label: "Use this email address", url: url(`/settings/email/confirm?token=${token}`) },
        footer: "You get this because someone asked to move a Partner Community account to this address. If it was not you, ignore this message.",
      });
    }
    case "reset_password": {
      const user = await findUser(db, payload.userId);
      if (!user) return null;
      const token = await issueToken(db, { userId: user.id, purpose: "reset_password", email: user.email });
      return account(user.email, {
        subject: "Reset your password",
        paragraphs: [`Hello ${user.display_name},`, "Someone asked to reset the password of your Partner Community account. The link works once, for one hour; using it signs out every session."],
        action: { label: "Choose a new password", url: url(`/reset-password?token=${token}`) },
        footer: "If you did not ask for this, ignore this message: your password stays as it is.",
      });
    }
    case "account_notice": {
      const user = await findUser(db, payload.userId);
      if (!user) return null;
      const text = changeText[payload.change];
      // A deleted account's name is gone too; the notice goes to the address it had (decision 023).
      if (payload.change === "account_deleted") {
        return account(payload.to, { subject: text.subject, paragraphs: ["Hello,", text.line, "If this was not you, tell an administrator at once."], footer: "Security notices about your account cannot be turned off." });
      }
      return account(payload.to, {
        subject: text.subject,
        paragraphs: [`Hello ${user.display_name},`, text.line, NOT_YOU],
        action: { label: "Reset my password", url: url("/forgot-password") },
        footer: "Security notices about your account cannot be turned off.",
      });
    }
    case "notification":
      return notificationMail(db, payload.notificationId, url);
    case "message":
      return messageMail(db, payload.messageId, payload.recipientId, url);
    case "digest": {
      const digest = await buildDigest(db, payload, url);
      if (!digest) return null;
      return personal(db, digest.to, digest.userId, "digest", digest.content, url);
    }
  }
}

async function findUser(db: Db, userId: string) {
  return db.selectFrom("users").select(["id", "email", "display_name"]).where("id", "=", userId).executeTakeFirst();
}

function account(to: string, content: MailContent): BuiltMail {
  return { to, headers: {}, ...renderMail(content) };
}

/** Mail someone may turn off: a signed one-click unsubscribe link, in the body and the headers (RFC 8058). */
async function personal(db: Db, to: string, userId: string, scope: string, content: MailContent, url: (path: string) => string): Promise<BuiltMail> {
  const link = url(`/unsubscribe?token=${await unsubscribeToken(db, userId, scope)}`);
  return {
    to,
    headers: { "List-Unsubscribe": `<${link}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
    ...renderMail({ ...content, unsubscribeUrl: link }),
  };
}

/** Mail about things people read goes to verified addresses only: sign-up alone must not make us mail a stranger. */
async function reachableReader(db: Db, userId: string) {
  if (!(await isEmailVerified(db, userId))) return null;
  return (await loadReaders(db, [userId])).get(userId) ?? null;
}

async function notificationMail(db: Db, notificationId: number, url: (path: string) => string) {
  // The recipient's choices and whether their address is verified come with the notification.
  const row = await db
    .selectFrom("notifications")
    .select([
      "user_id",
      "kind",
      mailPreferencesColumn("notifications.user_id").as("mail_preferences"),
      emailVerifiedColumn("notifications.user_id").as("email_verified"),
    ])
    .where("id", "=", notificationId)
    .executeTakeFirst();
  if (!row || !isMailKind(row.kind)) return null;
  if (preferencesFrom(row.mail_preferences)[row.kind] !== "immediately" || !row.email_verified) return null;
  const reader = (await loadReaders(db, [row.user_id])).get(row.user_id);
  if (!reader) return null;
  const [visible] = await visibleNotificationsForMail(db, reader, { id: notificationId });
  if (!visible || visible.read_at) return null;
  const line = notificationLine(visible);
  return personal(db, reader.email, reader.id, row.kind, {
    subject: line,
    paragraphs: [`Hello ${reader.displayName},`, line],
    action: { label: "Open it", url: url(`/notifications/${notificationId}`) },
    footer: `You get this because “${mailKindLabels[row.kind].label}” mail is set to arrive right away. Change it at ${url("/settings/email-notifications")}.`,
  }, url);
}

async function messageMail(db: Db, messageId: string, recipientId: string, url: (path: string) => string) {
  const message = await db
    .selectFrom("messages")
    .innerJoin("users as authors", "authors.id", "messages.author_id")
    .select(["messages.conversation_id", "messages.author_id", "messages.body_source", "authors.display_name as author_name"])
    .where("messages.id", "=", messageId)
    .executeTakeFirst();
  if (!message || message.author_id === recipientId) return null;
  if ((await cadenceFor(db, recipientId, "message")) !== "immediately") return null;
  const reader = await reachableReader(db, recipientId);
  if (!reader) return null;
  // Still in the conversation, not muted it, and neither blocked the other: checked now, not when queued.
  const participantIds = await participantIdsOf(db, message.conversation_id);
  if (!can(reader, "messages.read", { participantIds })) return null;
  const membership = await db
    .selectFrom("conversation_participants")
    .select(["muted", "last_read_at"])
    .where("conversation_id", "=", message.conversation_id)
    .where("user_id", "=", reader.id)
    .executeTakeFirst();
  if (!membership || membership.muted) return null;
  if ((await blockedBetween(db, reader.id, [message.author_id])).length > 0) return null;
  const excerpt = message.body_source.length > 500 ? `${message.body_source.slice(0, 500)}…` : message.body_source;
  return personal(db, reader.email, reader.id, "message", {
    subject: `${message.author_name} sent you a message`,
    paragraphs: [`Hello ${reader.displayName},`, `${message.author_name} wrote:`, excerpt],
    action: { label: "Reply", url: url(`/messages/${message.conversation_id}`) },
    footer: `You get this because direct message mail is set to arrive right away. Change it at ${url("/settings/email-notifications")}.`,
  }, url);
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { scheduleJob } from "../scheduler/jobs.server";

/**
 * Mail is a background job (docs/decisions/004 and 019): the action that asks for it only adds a
 * row in its own transaction, so a mail server that is down never fails what the person did.
 * Payloads hold ids, never content or tokens: the job reads what to say, and checks that the
 * recipient may still see it, when it runs.
 */
export const MAIL_JOB = "mail.send";

export type AccountChange =
  | "email_changed"
  | "password_changed"
  | "password_reset"
  | "email_change_requested"
  | "two_factor_enabled"
  | "two_factor_disabled"
  | "recovery_codes_regenerated"
  | "sso_linked"
  | "account_deleted";

export type MailPayload =
  | { type: "verify_email"; userId: string }
  | { type: "change_email"; userId: string; newEmail: string }
  | { type: "reset_password"; userId: string }
  | { type: "account_notice"; userId: string; to: string; change: AccountChange }
  | { type: "notification"; notificationId: number }
  | { type: "message"; messageId: string; recipientId: string }
  | { type: "digest"; userId: string; period: "daily" | "weekly"; from: string; to: string };

/** Six attempts over about a quarter of an hour (30 s doubling), then the job is marked failed. */
export const MAIL_MAX_ATTEMPTS = 6;

export function queueMail(db: Kysely<DB> | Transaction<DB>, payload: MailPayload, uniqueKey?: string) {
  return scheduleJob(db, { kind: MAIL_JOB, payload, uniqueKey, maxAttempts: MAIL_MAX_ATTEMPTS });
}

import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as a JSON string (both drivers), read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type TokenPurpose = "verify_email" | "reset_password" | "change_email";
export type MailCadence = "immediately" | "daily" | "weekly" | "never";

export interface EmailVerificationsTable {
  user_id: string;
  email: string;
  verified_at: Timestamp;
}

export interface AccountTokensTable {
  id: Generated<number>;
  user_id: string;
  purpose: TokenPurpose;
  token_hash: string;
  /** The address the token was mailed to (for change_email: the new address). */
  email: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface MailRequestsTable {
  id: Generated<number>;
  key: string;
  created_at: CreatedAt;
}

export interface MailOutboxTable {
  id: Generated<number>;
  message_key: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  headers: Json<Record<string, string>>;
  created_at: CreatedAt;
}

export interface MailPreferencesTable {
  user_id: string;
  kind: string;
  cadence: MailCadence;
}

export interface AppSecretsTable {
  name: string;
  value: string;
  created_at: CreatedAt;
}

export interface MailTables {
  email_verifications: EmailVerificationsTable;
  account_tokens: AccountTokensTable;
  mail_requests: MailRequestsTable;
  mail_outbox: MailOutboxTable;
  mail_preferences: MailPreferencesTable;
  app_secrets: AppSecretsTable;
}

export type AccountTokenRow = Selectable<AccountTokensTable>;
export type MailOutboxRow = Selectable<MailOutboxTable>;

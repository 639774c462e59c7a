import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // Which address a person proved they read. Verified means this row's email equals users.email,
  // so an email change un-verifies without touching the users table.
  sql`create table email_verifications (
    user_id text primary key references users (id) on delete cascade,
    email text not null,
    verified_at timestamptz not null default now()
  )`,
  // Accounts that existed before mail did were vouched for by whoever created them.
  sql`insert into email_verifications (user_id, email, verified_at) select id, email, created_at from users`,
  // Verification, reset and change-of-address tokens: only a SHA-256 of the random token is kept.
  sql`create table account_tokens (
    id integer generated always as identity primary key,
    user_id text not null references users (id) on delete cascade,
    purpose text not null check (purpose in ('verify_email', 'reset_password', 'change_email')),
    token_hash text not null unique,
    email text not null,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    used_at timestamptz
  )`,
  sql`create index account_tokens_user on account_tokens (user_id, purpose)`,
  // Requests that send mail (reset, resend), counted per key (address, account) for rate limits.
  sql`create table mail_requests (
    id integer generated always as identity primary key,
    key text not null,
    created_at timestamptz not null default now()
  )`,
  sql`create index mail_requests_key on mail_requests (key, created_at desc)`,
  // With no SMTP_URL, delivered mail lands here and admins read it at /admin/mail.
  sql`create table mail_outbox (
    id integer generated always as identity primary key,
    message_key text not null unique,
    to_address text not null,
    subject text not null,
    text_body text not null,
    html_body text not null,
    headers jsonb not null default '{}',
    created_at timestamptz not null default now()
  )`,
  // Per kind of notification: how it reaches the inbox. No row means the kind's default.
  sql`create table mail_preferences (
    user_id text not null references users (id) on delete cascade,
    kind text not null,
    cadence text not null check (cadence in ('immediately', 'daily', 'weekly', 'never')),
    primary key (user_id, kind)
  )`,
  // Keys the app makes for itself on first use (the unsubscribe link signing key).
  sql`create table app_secrets (
    name text primary key,
    value text not null,
    created_at timestamptz not null default now()
  )`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of ["app_secrets", "mail_preferences", "mail_outbox", "mail_requests", "account_tokens", "email_verifications"]) {
    await sql`drop table if exists ${sql.table(table)} cascade`.execute(db);
  }
}

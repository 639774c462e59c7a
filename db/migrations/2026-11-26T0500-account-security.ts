import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
const statements = [
  // Written at most every few minutes per session (docs/decisions/020-account-security.md).
  sql`alter table sessions add column last_used_at timestamptz`,
  sql`update sessions set last_used_at = created_at`,
  // A deleted account keeps its row (posts and ledger rows point at it) without personal data.
  sql`alter table users add column deleted_at timestamptz`,

  // TOTP: one secret per person; enabled_at null while enrolment waits for a first code.
  // last_time_step refuses a code seen before (a shoulder-surfed code cannot be replayed).
  sql`create table user_two_factor (
    user_id text primary key references users (id) on delete cascade,
    secret text not null,
    enabled_at timestamptz,
    last_time_step bigint,
    created_at timestamptz not null default now()
  )`,
  sql`create table user_recovery_codes (
    user_id text not null references users (id) on delete cascade,
    code_hash text not null,
    used_at timestamptz,
    primary key (user_id, code_hash)
  )`,
  // The half-finished login between the password and the second factor: no session exists yet.
  sql`create table two_factor_challenges (
    id_hash text primary key,
    user_id text not null references users (id) on delete cascade,
    redirect_to text not null default '/',
    attempts integer not null default 0,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
  )`,

  // OpenID Connect: an account is linked to (issuer, subject), never to an email that can change.
  sql`create table oidc_identities (
    issuer text not null,
    subject text not null,
    user_id text not null references users (id) on delete cascade,
    created_at timestamptz not null default now(),
    primary key (issuer, subject)
  )`,
  sql`create index oidc_identities_user on oidc_identities (user_id)`,
  sql`create table oidc_logins (
    id_hash text primary key,
    state text not null,
    nonce text not null,
    code_verifier text not null,
    redirect_to text not null default '/',
    expires_at timestamptz not null
  )`,
];

export async function up(db: Kysely<unknown>) {
  for (const statement of statements) await statement.execute(db);
}

export async function down(db: Kysely<unknown>) {
  for (const table of ["oidc_logins", "oidc_identities", "two_factor_challenges", "user_recovery_codes", "user_two_factor"]) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
  await sql`alter table users drop column if exists deleted_at`.execute(db);
  await sql`alter table sessions drop column if exists last_used_at`.execute(db);
}

import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** bigint comes back from pg as a string; compared and stored as one. */
type BigIntText = ColumnType<string, string | number | bigint, string | number | bigint>;

export interface UserTwoFactorTable {
  user_id: string;
  secret: string;
  enabled_at: Timestamp | null;
  last_time_step: BigIntText | null;
  created_at: CreatedAt;
}

export interface UserRecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface TwoFactorChallengesTable {
  id_hash: string;
  user_id: string;
  redirect_to: Generated<string>;
  attempts: Generated<number>;
  expires_at: Timestamp;
  created_at: CreatedAt;
}

export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: CreatedAt;
}

export interface OidcLoginsTable {
  id_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  redirect_to: Generated<string>;
  expires_at: Timestamp;
}

export interface AccountSecurityTables {
  user_two_factor: UserTwoFactorTable;
  user_recovery_codes: UserRecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_logins: OidcLoginsTable;
}

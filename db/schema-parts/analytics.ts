import type { ColumnType, Generated } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns: read back as Date at 00:00 UTC, written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<Date, string, string>;
/** numeric comes back as text from pg (exact money); written as a number or text. */
type Money = ColumnType<string, number | string, number | string>;
type TextArray = ColumnType<string[], string[], string[]>;
type Json<T> = ColumnType<T, string, string>;

export type PeriodKind = "month" | "quarter";

export interface ProgramImportsTable {
  id: Generated<number>;
  file_name: string;
  actor_id: string | null;
  rows_imported: number;
  rows_skipped: number;
  periods: TextArray;
  created_at: CreatedAt;
}

export interface ProgramPerformanceTable {
  organization_id: number;
  period_kind: PeriodKind;
  period_start: DateColumn;
  revenue: Money;
  registered_deals: number;
  won_deals: number;
  certifications: number;
  tier: string;
  import_id: number | null;
}

export interface AnalyticsEngagementMonthlyTable {
  organization_id: number;
  month: DateColumn;
  points: number;
  active_members: number;
  accepted_answers: number;
  mentoring_sessions: number;
  council_contributions: number;
}

export interface AnalyticsCrossOrgAnswersTable {
  helper_organization_id: number;
  helped_organization_id: number;
  month: DateColumn;
  answers: number;
}

export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  scopes: TextArray;
  prefix: string;
  secret_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface ApiRequestsTable {
  api_key_id: number;
  idempotency_key: string;
  request_hash: string;
  status: number;
  response: Json<unknown>;
  outbox_event_id: number | null;
  created_at: CreatedAt;
}

export interface ApiRateWindowsTable {
  api_key_id: number;
  window_start: Timestamp;
  requests: number;
}

export interface ExternalIdentitiesTable {
  system: string;
  external_id: string;
  user_id: string | null;
  organization_id: number | null;
}

export interface AnalyticsTables {
  program_imports: ProgramImportsTable;
  program_performance: ProgramPerformanceTable;
  analytics_engagement_monthly: AnalyticsEngagementMonthlyTable;
  analytics_cross_org_answers: AnalyticsCrossOrgAnswersTable;
  api_keys: ApiKeysTable;
  api_requests: ApiRequestsTable;
  api_rate_windows: ApiRateWindowsTable;
  external_identities: ExternalIdentitiesTable;
}

import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** `date` columns: read back as Date at 00:00 UTC (pg) and written as 'YYYY-MM-DD'. */
type DateColumn = ColumnType<Date, string, string>;
/** bigint counters come back as text from pg; the engine converts. */
type BigCount = ColumnType<string | number, number, number>;
/** jsonb: written as a JSON string (both drivers), read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type RecognitionPeriod = "all" | "year" | "month" | "week";
export type BadgeTier = "bronze" | "silver" | "gold";

export interface RecognitionRuleVersionsTable {
  version: number;
  effective_at: Timestamp;
  /** Parsed and validated by app/domain/recognition/rules.ts (RuleSet). */
  rules: Json<unknown>;
  created_by: string | null;
  note: Generated<string>;
  created_at: CreatedAt;
}

export interface RecognitionLedgerTable {
  id: Generated<string>;
  /** The outbox event that produced the row (for a reversal: the event that reversed it). */
  event_id: number;
  /** Rule key (rules.ts), or "reversal", or "moderator_award". */
  rule: string;
  rule_version: number | null;
  user_id: string;
  /** The recipient's organization when the points were earned. */
  organization_id: number | null;
  /** Negative for reversals. */
  points: number;
  /** A reversal names its original by (event_id, rule, user_id = this row's user_id). */
  reverses_event_id: number | null;
  reverses_rule: string | null;
  /** Who caused it: the reactor, the person who accepted, the moderator. */
  actor_id: string | null;
  thread_id: string | null;
  post_id: string | null;
  category_id: number | null;
  /** Set for council activity: explain it as "council contribution" to non-members. */
  council_id: string | null;
  /** "mentorship", "council_proposal", "council_meeting", "award". */
  subject_type: string | null;
  subject_id: string | null;
  /** A moderator's reason; "capped" notes when a daily cap or pair limit cut the points. */
  note: string | null;
  occurred_at: Timestamp;
  created_at: CreatedAt;
}

export interface RecognitionProfilesTable {
  user_id: string;
  organization_id: number | null;
  vendor_staff: boolean;
  joined_at: Timestamp;
  points: number;
  level: string;
  level_rank: number;
  level_changed_at: Timestamp | null;
  updated_at: Timestamp;
  /** From one sequence, new on every write: orders a loaded score against a toast's. */
  version: Generated<number>;
}

export interface RecognitionUserPointsTable {
  period: RecognitionPeriod;
  period_start: DateColumn;
  user_id: string;
  points: number;
}

export interface RecognitionOrgPointsTable {
  period: RecognitionPeriod;
  period_start: DateColumn;
  organization_id: number;
  points: number;
}

export interface RecognitionBadgeGrantsTable {
  id: Generated<string>;
  user_id: string;
  badge: string;
  tier: BadgeTier | null;
  reason: string;
  event_id: number;
  award_id: number | null;
  awarded_by: string | null;
  granted_at: Timestamp;
  revoked_at: Timestamp | null;
  revoked_event_id: number | null;
}

export interface RecognitionLevelChangesTable {
  id: Generated<string>;
  user_id: string;
  event_id: number;
  from_level: string;
  to_level: string;
  occurred_at: Timestamp;
}

export interface RecognitionCountersTable {
  user_id: string;
  metric: string;
  value: BigCount;
}

export interface RecognitionDailyTable {
  user_id: string;
  day: DateColumn;
  key: string;
  value: number;
}

export interface RecognitionReactionsTable {
  post_id: string;
  reactor_id: string;
  author_id: string;
  kinds: ColumnType<string[], string[], string[]>;
  counted: boolean;
}

export interface RecognitionThreadsTable {
  thread_id: string;
  author_id: string;
  newcomer_first: boolean;
  welcomed: boolean;
}

export interface RecognitionProcessedTable {
  event_id: number;
}

export interface RecognitionTables {
  recognition_rule_versions: RecognitionRuleVersionsTable;
  recognition_ledger: RecognitionLedgerTable;
  recognition_profiles: RecognitionProfilesTable;
  recognition_user_points: RecognitionUserPointsTable;
  recognition_org_points: RecognitionOrgPointsTable;
  recognition_badge_grants: RecognitionBadgeGrantsTable;
  recognition_level_changes: RecognitionLevelChangesTable;
  recognition_counters: RecognitionCountersTable;
  recognition_daily: RecognitionDailyTable;
  recognition_reactions: RecognitionReactionsTable;
  recognition_threads: RecognitionThreadsTable;
  recognition_processed: RecognitionProcessedTable;
}

export type RecognitionLedgerRow = Selectable<RecognitionLedgerTable>;
export type RecognitionProfileRow = Selectable<RecognitionProfilesTable>;
export type RecognitionBadgeGrantRow = Selectable<RecognitionBadgeGrantsTable>;

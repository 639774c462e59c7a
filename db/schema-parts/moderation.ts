import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as a JSON string, read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type FlagReason = "spam" | "off_topic" | "inappropriate" | "other";
export type FlagOutcome = "agreed" | "disagreed";
export type ReviewKind = "flagged" | "held";
export type ReviewStatus = "pending" | "deferred" | "agreed" | "disagreed";
export type ReviewResolution = "hidden" | "deleted" | "restored" | "approved";
export type PostingAudience = "members" | "staff";
export type AwardKind = "points" | "badge";

export interface ModerationSettingsTable {
  key: string;
  value: Json<unknown>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface PostFlagsTable {
  id: Generated<number>;
  post_id: string;
  flagger_id: string;
  reason: FlagReason;
  note: Generated<string>;
  weight: number;
  outcome: FlagOutcome | null;
  created_at: CreatedAt;
}

export interface ReviewItemsTable {
  id: Generated<number>;
  post_id: string;
  kind: ReviewKind;
  status: Generated<ReviewStatus>;
  flag_weight: Generated<number>;
  auto_hidden: Generated<boolean>;
  claimed_by: string | null;
  claimed_at: Timestamp | null;
  settled_by: string | null;
  settled_at: Timestamp | null;
  resolution: ReviewResolution | null;
  created_at: CreatedAt;
}

export interface UserSilencesTable {
  user_id: string;
  until: Timestamp;
  reason: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ModerationNoticesTable {
  id: Generated<number>;
  user_id: string;
  post_id: string | null;
  message: string;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface CategoryPostingRulesTable {
  category_id: number;
  start_threads: Generated<PostingAudience>;
  reply: Generated<PostingAudience>;
}

export interface RecognitionAwardsTable {
  id: Generated<number>;
  recipient_id: string;
  moderator_id: string | null;
  kind: AwardKind;
  points: number | null;
  badge: string | null;
  reason: string;
  post_id: string | null;
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revoke_reason: string | null;
}

export interface ModerationTables {
  moderation_settings: ModerationSettingsTable;
  post_flags: PostFlagsTable;
  review_items: ReviewItemsTable;
  user_silences: UserSilencesTable;
  moderation_notices: ModerationNoticesTable;
  category_posting_rules: CategoryPostingRulesTable;
  recognition_awards: RecognitionAwardsTable;
}

export type ReviewItem = Selectable<ReviewItemsTable>;
export type RecognitionAward = Selectable<RecognitionAwardsTable>;

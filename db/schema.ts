import type { FollowTables } from "./schema-parts/follow";
import type { ForumTables } from "./schema-parts/forum";
import type { UploadsTables } from "./schema-parts/uploads";
import type { MentoringTables } from "./schema-parts/mentoring";
import type { DirectoryTables } from "./schema-parts/directory";
import type { ModerationTables } from "./schema-parts/moderation";
import type { CouncilTables } from "./schema-parts/councils";
import type { RecognitionTables } from "./schema-parts/recognition";
import type { MailTables } from "./schema-parts/mail";
import type { AnalyticsTables } from "./schema-parts/analytics";
import type { AccountSecurityTables } from "./schema-parts/accounts";
import type { AccountDataTables } from "./schema-parts/account-data";
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Json<T = unknown> = ColumnType<T, T, T>;

export type Role = "member" | "partner_admin" | "moderator" | "admin";
export type PartnerTier = "registered" | "silver" | "gold" | "platinum";

export interface OrganizationsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  tier: PartnerTier;
  regions: TextArray;
  countries: TextArray;
  specializations: TextArray;
  certifications: TextArray;
  community_sector: Generated<boolean>;
  segments: TextArray;
  website: string | null;
  description: Generated<string>;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  email: string;
  handle: string;
  display_name: string;
  password_hash: string | null;
  role: Generated<Role>;
  organization_id: number | null;
  is_vendor_staff: Generated<boolean>;
  title: Generated<string>;
  bio: Generated<string>;
  time_zone: Generated<string>;
  languages: TextArray;
  expertise: TextArray;
  region: string | null;
  suspended_until: Date | null;
  suspension_reason: string | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Set when the person deleted their account: the row stays, anonymized (accounts migration). */
  deleted_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  expires_at: Timestamp;
  created_at: CreatedAt;
  ip: string | null;
  user_agent: string | null;
  /** Refreshed at most every few minutes, not on every request (accounts migration). */
  last_used_at: Timestamp | null;
}

export interface InvitationsTable {
  id: Generated<number>;
  organization_id: number;
  token_hash: string;
  email: string | null;
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  accepted_by: string | null;
  accepted_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export type JoinRequestStatus = "pending" | "approved" | "declined" | "cancelled";

export interface JoinRequestsTable {
  id: Generated<number>;
  user_id: string;
  organization_id: number;
  message: Generated<string>;
  status: Generated<JoinRequestStatus>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
}

export interface OutboxEventsTable {
  id: Generated<number>;
  /** xid8 as text: compared in SQL, never as a JS number. */
  txid: Generated<string>;
  type: string;
  payload: Json;
  actor_id: string | null;
  occurred_at: CreatedAt;
  dispatched_at: Timestamp | null;
  /** Failed deliveries so far; after the dispatcher's limit the event is dead-lettered. */
  attempts: Generated<number>;
  last_error: string | null;
  retry_at: Timestamp | null;
  failed_at: Timestamp | null;
}

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  payload: Json;
  run_at: Timestamp;
  unique_key: string | null;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  completed_at: Timestamp | null;
  failed_at: Timestamp | null;
  last_error: string | null;
  created_at: CreatedAt;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  before: Json | null;
  after: Json | null;
  created_at: CreatedAt;
  /** The category the action concerned, so the log can hide council content (moderation migration). */
  category_id: number | null;
}

export interface DB extends ForumTables, FollowTables, UploadsTables, MentoringTables, DirectoryTables, ModerationTables, CouncilTables, RecognitionTables, MailTables, AnalyticsTables, AccountSecurityTables, AccountDataTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  join_requests: JoinRequestsTable;
  login_throttle: LoginThrottleTable;
  outbox_events: OutboxEventsTable;
  jobs: JobsTable;
  audit_log: AuditLogTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type NewOrganization = Insertable<OrganizationsTable>;
export type UserRow = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type OutboxEventRow = Selectable<OutboxEventsTable>;
export type JobRow = Selectable<JobsTable>;

import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
/** jsonb: written as a JSON string (both drivers), read back parsed. */
type Json<T> = ColumnType<T, string, string>;

export type MentorshipStatus = "requested" | "declined" | "expired" | "withdrawn" | "active" | "ended";
export type MentorshipEndReason = "completed" | "not_a_good_fit" | "other";
export type MentoringUrgency = "low" | "normal" | "high";

/** Read by the peer directory ("available as mentor"): keep these column names. */
export interface MentorProfilesTable {
  user_id: string;
  accepting: Generated<boolean>;
  capacity: Generated<number>;
  topics: TextArray;
  languages: TextArray;
  time_zone: Generated<string>;
  segments: TextArray;
  pitch: Generated<string>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface MentorshipsTable {
  id: Generated<number>;
  public_id: string;
  mentor_id: string;
  mentee_id: string;
  status: Generated<MentorshipStatus>;
  message: Generated<string>;
  goals: Generated<string>;
  topics: TextArray;
  languages: TextArray;
  urgency: Generated<MentoringUrgency>;
  decline_reason: string | null;
  end_reason: MentorshipEndReason | null;
  end_note: string | null;
  ended_by: string | null;
  requested_at: Timestamp;
  expires_at: Timestamp;
  responded_at: Timestamp | null;
  started_at: Timestamp | null;
  ended_at: Timestamp | null;
}

export interface MentorshipNotesTable {
  id: Generated<number>;
  mentorship_id: number;
  author_id: string | null;
  body: string;
  /** Rendered and sanitized by the Markdown pipeline when saved. */
  body_html: string;
  created_at: CreatedAt;
}

export interface MentorshipSessionsTable {
  id: Generated<number>;
  mentorship_id: number;
  /** A calendar date (yyyy-mm-dd): the day the session was held. */
  held_on: ColumnType<string, string, string>;
  duration_minutes: number;
  topics: TextArray;
  summary: Generated<string>;
  logged_by: string | null;
  mentor_confirmed_at: Timestamp | null;
  mentee_confirmed_at: Timestamp | null;
  confirmed_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface MentorshipFeedbackTable {
  mentorship_id: number;
  author_id: string;
  subject_id: string;
  rating: number;
  comment: Generated<string>;
  created_at: CreatedAt;
}

export interface MentoringSettingsTable {
  id: number;
  weights: Json<Record<string, number>>;
  updated_by: string | null;
  updated_at: Timestamp;
}

export interface MentoringTables {
  mentor_profiles: MentorProfilesTable;
  mentorships: MentorshipsTable;
  mentorship_notes: MentorshipNotesTable;
  mentorship_sessions: MentorshipSessionsTable;
  mentorship_feedback: MentorshipFeedbackTable;
  mentoring_settings: MentoringSettingsTable;
}

export type MentorProfileRow = Selectable<MentorProfilesTable>;
export type MentorshipRow = Selectable<MentorshipsTable>;
export type MentorshipSessionRow = Selectable<MentorshipSessionsTable>;

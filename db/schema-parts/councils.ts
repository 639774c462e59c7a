import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type TextArray = ColumnType<string[], string[], string[]>;

export type CouncilRole = "chair" | "member" | "vendor_liaison";
export type MembershipEndReason = "removed" | "term_ended" | "declined";
export type ProposalStatus = "draft" | "open" | "closed";
export type Rsvp = "yes" | "no" | "maybe";

export interface CouncilsTable {
  id: string;
  name: string;
  objective: string;
  meeting_frequency: string;
  expected_commitment: string;
  terms_text: string;
  terms_version: Generated<number>;
  category_id: number;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CouncilMembersTable {
  council_id: string;
  user_id: string;
  role: CouncilRole;
  term_start: Timestamp;
  term_end: Timestamp;
  invited_by: string | null;
  invited_at: Timestamp;
  accepted_at: Timestamp | null;
  acknowledged_version: number | null;
  acknowledged_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: MembershipEndReason | null;
}

export interface CouncilMeetingsTable {
  id: string;
  council_id: string;
  title: string;
  starts_at: Timestamp;
  time_zone: string;
  location: Generated<string>;
  call_link: Generated<string>;
  minutes_source: Generated<string>;
  minutes_html: Generated<string>;
  minutes_published_at: Timestamp | null;
  minutes_author_id: string | null;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface CouncilProposalsTable {
  id: string;
  council_id: string;
  author_id: string;
  title: string;
  body_source: string;
  body_html: string;
  options: TextArray;
  status: Generated<ProposalStatus>;
  live_results: Generated<boolean>;
  voting_opened_at: Timestamp | null;
  closes_at: Timestamp | null;
  closed_at: Timestamp | null;
  meeting_id: string | null;
  created_at: CreatedAt;
}

export interface CouncilVotesTable {
  proposal_id: string;
  user_id: string;
  choice: string;
  cast_at: Timestamp;
  changed_at: Timestamp | null;
}

export interface CouncilDecisionsTable {
  id: string;
  council_id: string;
  proposal_id: string;
  meeting_id: string | null;
  outcome: string;
  turnout: number;
  eligible: number;
  decided_at: Timestamp;
}

export interface CouncilAgendaItemsTable {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  owner_id: string | null;
  thread_id: string | null;
  proposal_id: string | null;
}

export interface CouncilAttendanceTable {
  meeting_id: string;
  user_id: string;
  rsvp: Rsvp | null;
  present: Generated<boolean>;
  updated_at: Timestamp;
}

export interface CouncilActionItemsTable {
  id: string;
  meeting_id: string;
  council_id: string;
  title: string;
  owner_id: string;
  due_at: Timestamp;
  done_at: Timestamp | null;
  reminded_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface CouncilTables {
  councils: CouncilsTable;
  council_members: CouncilMembersTable;
  council_meetings: CouncilMeetingsTable;
  council_proposals: CouncilProposalsTable;
  council_votes: CouncilVotesTable;
  council_decisions: CouncilDecisionsTable;
  council_agenda_items: CouncilAgendaItemsTable;
  council_attendance: CouncilAttendanceTable;
  council_action_items: CouncilActionItemsTable;
}

export type CouncilRow = Selectable<CouncilsTable>;
export type CouncilMemberRow = Selectable<CouncilMembersTable>;
export type CouncilMeetingRow = Selectable<CouncilMeetingsTable>;
export type CouncilProposalRow = Selectable<CouncilProposalsTable>;

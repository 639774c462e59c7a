import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

// users.directory_search and organizations.directory_search are generated tsvector columns,
// used only through raw SQL in app/domain/directory/search.server.ts, so they have no type here.

export interface UserFollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: CreatedAt;
}

export interface OrganizationFollowsTable {
  follower_id: string;
  organization_id: number;
  created_at: CreatedAt;
}

export interface ConversationsTable {
  id: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_message_at: Timestamp;
}

export interface ConversationParticipantsTable {
  conversation_id: string;
  user_id: string;
  joined_at: CreatedAt;
  last_read_at: Timestamp | null;
  muted: Generated<boolean>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  author_id: string;
  body_source: string;
  body_html: string;
  created_at: CreatedAt;
}

export interface UserBlocksTable {
  blocker_id: string;
  blocked_id: string;
  created_at: CreatedAt;
}

export interface MessageReportsTable {
  id: Generated<number>;
  message_id: string;
  reporter_id: string;
  reason: Generated<string>;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
  resolved_by: string | null;
}

export interface DirectoryTables {
  user_follows: UserFollowsTable;
  organization_follows: OrganizationFollowsTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  user_blocks: UserBlocksTable;
  message_reports: MessageReportsTable;
}

export type MessageRow = Selectable<MessagesTable>;

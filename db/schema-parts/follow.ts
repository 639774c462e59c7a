import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: written as a JSON string (both drivers), read back parsed. */
type Json<T> = ColumnType<T, string | undefined, string>;

export type NotificationKind =
  | "reply"
  | "mention"
  | "quote"
  | "reaction"
  | "accepted"
  | "watching"
  | "reminder"
  | "mentoring"
  // recognition (badge granted, level reached): about a person, not a post
  | "badge"
  | "level"
  // council: an action item of a council the recipient is a current member of (data.councilId)
  | "council"
  // message: someone wrote in a direct conversation of the recipient's (data.conversationId); never the words
  | "message";
export type WatchLevel = "watching" | "normal" | "muted";

export interface NotificationData {
  /** reaction: the reaction kind; reminder: the bookmark's note. */
  reaction?: string;
  note?: string;
  /** mentoring and council: the line to show and where it leads. */
  text?: string;
  /** council: whose council it is; shown only while the reader may still enter it. */
  councilId?: string;
  /** message: the conversation; shown only while the reader is in it. */
  conversationId?: string;
  /** badge and level: what to say and where it leads (they have no post). */
  message?: string;
  href?: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  user_id: string;
  kind: NotificationKind;
  actor_id: string | null;
  thread_id: string | null;
  post_id: string | null;
  data: Json<NotificationData>;
  source_key: string;
  event_id: number | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
}

export interface NotificationPreferencesTable {
  user_id: string;
  kind: NotificationKind;
  enabled: boolean;
}

export interface ThreadWatchesTable {
  user_id: string;
  thread_id: string;
  level: WatchLevel;
  updated_at: Timestamp;
}

export interface CategoryWatchesTable {
  user_id: string;
  category_id: number;
  level: WatchLevel;
  updated_at: Timestamp;
}

export interface ThreadReadsTable {
  user_id: string;
  thread_id: string;
  last_read_post_number: number;
  updated_at: Timestamp;
}

export interface BookmarksTable {
  id: Generated<number>;
  user_id: string;
  post_id: string;
  note: Generated<string>;
  remind_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface FollowTables {
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  thread_watches: ThreadWatchesTable;
  category_watches: CategoryWatchesTable;
  thread_reads: ThreadReadsTable;
  bookmarks: BookmarksTable;
}

export type NotificationRow = Selectable<NotificationsTable>;
export type BookmarkRow = Selectable<BookmarksTable>;

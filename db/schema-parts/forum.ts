import type { ColumnType, Generated, Selectable } from "kysely";

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Search = ColumnType<string, never, never>;
type Json<T = unknown> = ColumnType<T, T, T>;

export type CategoryVisibility = "public" | "members" | "staff" | "council";
export type ReactionKind = "like" | "thanks" | "insightful";

export interface CategoriesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  color: Generated<string>;
  visibility: Generated<CategoryVisibility>;
  council_id: string | null;
  community_sector: Generated<boolean>;
  thread_count: Generated<number>;
  post_count: Generated<number>;
  last_posted_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
}

export interface ThreadsTable {
  id: string;
  category_id: number;
  author_id: string;
  title: string;
  slug: string;
  reply_count: Generated<number>;
  accepted_post_id: string | null;
  pinned_at: Timestamp | null;
  locked_at: Timestamp | null;
  hidden_at: Timestamp | null;
  deleted_at: Timestamp | null;
  last_posted_at: Timestamp;
  last_post_id: string | null;
  created_at: CreatedAt;
  search: Search;
}

export interface ThreadTagsTable {
  thread_id: string;
  tag_id: number;
}

export interface PostsTable {
  id: string;
  thread_id: string;
  /** The thread's category, set by a trigger (migration 2026-12-06T2300): never written by the app. */
  category_id: Generated<number>;
  post_number: number;
  author_id: string;
  reply_to_post_id: string | null;
  body_source: string;
  body_html: string;
  renderer_version: number;
  reaction_count: Generated<number>;
  edit_count: Generated<number>;
  edited_at: Timestamp | null;
  hidden_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  search: Search;
}

export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: string;
  revision: number;
  editor_id: string;
  title: string | null;
  body_source: string;
  created_at: CreatedAt;
}

export interface ReactionsTable {
  post_id: string;
  user_id: string;
  kind: ReactionKind;
  created_at: CreatedAt;
}

export interface PostMentionsTable {
  post_id: string;
  user_id: string;
}

export interface DraftsTable {
  user_id: string;
  key: string;
  title: Generated<string>;
  body: Generated<string>;
  data: Json;
  updated_at: Timestamp;
}

export interface ForumTables {
  categories: CategoriesTable;
  tags: TagsTable;
  threads: ThreadsTable;
  thread_tags: ThreadTagsTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  reactions: ReactionsTable;
  post_mentions: PostMentionsTable;
  drafts: DraftsTable;
}

export type Category = Selectable<CategoriesTable>;
export type Thread = Selectable<ThreadsTable>;
export type Post = Selectable<PostsTable>;

import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import type { PostPermissions } from "../../components/post";
import { authorMutedBy } from "../account-data/mutes.server";
import { notFound } from "../errors";
import { threadFollowState } from "../follow/thread-state.server";
import { markThreadRead } from "../follow/reads.server";
import { dividerBeforePost } from "../../components/follow/unread";
import { flaggedBy } from "../moderation/flags.server";
import { can, visiblePosts, visibleThreads, type Actor, type PostRef, type ThreadRef } from "../policy.server";
import { threadPageRange } from "./queries.server";

interface ThreadRow {
  id: string;
  author_id: string;
  locked_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
  category_id: number;
  category_visibility: ThreadRef["category"]["visibility"];
  category_council_id: string | null;
}

export function threadRefOf(thread: ThreadRow): ThreadRef {
  return {
    id: thread.id,
    authorId: thread.author_id,
    lockedAt: thread.locked_at,
    hiddenAt: thread.hidden_at,
    deletedAt: thread.deleted_at,
    category: { id: thread.category_id, visibility: thread.category_visibility, councilId: thread.category_council_id },
  };
}

/** What a viewer may do with one post of a thread page; the page and the reader's parts both ask here. */
export function postPermissions(actor: Actor, post: PostRef, flagged: boolean): PostPermissions {
  return {
    canReact: can(actor, "forum.react", post),
    canEdit: can(actor, "forum.editPost", post),
    canDelete: can(actor, "forum.deletePost", post),
    canAccept: can(actor, "forum.acceptAnswer", post.thread),
    canQuote: can(actor, "forum.reply", post.thread),
    canFlag: can(actor, "moderation.flag", post),
    flagged,
    canModerate: can(actor, "forum.moderate", post.thread),
  };
}

export type ReaderParts = Awaited<ReturnType<typeof readerParts>>;

/**
 * The parts of one thread page that belong to its reader (decision 044): their rights on each
 * post, their own reactions, mutes, flags and bookmarks, their following and the unread divider.
 * A page rendered for an audience (decision 043) holds everything else; the browser asks for
 * these alone, in four statements, instead of the whole page again. Reading them moves the
 * reader's read marker, as reading the page does. `postIds` lets the browser see when the
 * reader's page is not the audience's (their own hidden posts), and read it whole instead.
 */
export async function readerParts(db: Kysely<DB>, reader: SessionUser, threadId: string, requestedPage: number) {
  const thread = await db
    .selectFrom("threads")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select([
      "threads.id",
      "threads.author_id",
      "threads.reply_count",
      "threads.locked_at",
      "threads.hidden_at",
      "threads.deleted_at",
      "categories.id as category_id",
      "categories.visibility as category_visibility",
      "categories.council_id as category_council_id",
    ])
    .where("threads.id", "=", threadId)
    .where(visibleThreads(reader))
    .executeTakeFirst();
  if (!thread) throw notFound("That thread");
  const threadRef = threadRefOf(thread);
  const { page, firstNumber, lastNumber } = threadPageRange(thread.reply_count, requestedPage);
  const posts = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select([
      "posts.id",
      "posts.post_number",
      "posts.author_id",
      "posts.hidden_at",
      "posts.deleted_at",
      authorMutedBy(reader.id).as("author_muted"),
      flaggedBy(reader.id).as("flagged"),
      sql<string[]>`(select coalesce(json_agg(r.kind order by r.kind), '[]'::json) from reactions r where r.post_id = posts.id and r.user_id = ${reader.id})`.as(
        "my_reactions",
      ),
    ])
    .where("posts.thread_id", "=", thread.id)
    .where("posts.post_number", ">=", firstNumber)
    .where("posts.post_number", "<=", lastNumber)
    .where(visiblePosts(reader))
    .orderBy("posts.post_number")
    .execute();
  const postNumbers = posts.map((post) => post.post_number);
  const follow = await threadFollowState(db, reader, thread.id, { postIds: posts.map((post) => post.id) });
  const lastOnPage = postNumbers.at(-1) ?? 0;
  if (lastOnPage > follow.lastReadPostNumber) await markThreadRead(db, reader, thread.id, lastOnPage);
  return {
    threadId: thread.id,
    page,
    postIds: posts.map((post) => post.id),
    viewerId: reader.id,
    canReply: can(reader, "forum.reply", threadRef),
    follow: {
      level: follow.level,
      levelSource: follow.levelSource,
      bookmarks: follow.bookmarks,
      dividerBefore: dividerBeforePost(follow.lastReadPostNumber, postNumbers),
    },
    posts: Object.fromEntries(
      posts.map((post) => {
        const postRef: PostRef = { id: post.id, authorId: post.author_id, hiddenAt: post.hidden_at, deletedAt: post.deleted_at, thread: threadRef };
        return [post.id, { permissions: postPermissions(reader, postRef, post.flagged), authorMuted: post.author_muted, myReactions: post.my_reactions }];
      }),
    ),
  };
}

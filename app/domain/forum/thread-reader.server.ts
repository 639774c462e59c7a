import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import type { PostPermissions } from "../../components/post";
import { authorMutedBy } from "../account-data/mutes.server";
import { notFound } from "../errors";
import { followFromColumns, readerFollowColumns } from "../follow/thread-state.server";
import { bookmarkColumn } from "../follow/bookmarks.server";
import { markThreadRead } from "../follow/reads.server";
import { dividerBeforePost } from "../../components/follow/unread";
import { flaggedBy } from "../moderation/flags.server";
import { can, visiblePosts, visibleThreads, type Actor, type PostRef } from "../policy.server";
import { threadPageRange } from "./queries.server";
import { THREAD_REF_COLUMNS, toThreadRef } from "./refs.server";
import { firstPostOfPage, POSTS_PER_PAGE } from "./posts.server";

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
 * these alone instead of the whole page again. One statement reads them with the thread beside
 * each post (a page the reader can see nothing of takes a second, for the thread alone).
 * Reading them moves the reader's read marker, as reading the page does. `postIds` lets the
 * browser see when the reader's page is not the audience's (their own hidden posts), and read
 * it whole instead.
 */
export async function readerParts(db: Kysely<DB>, reader: SessionUser, threadId: string, requestedPage: number) {
  const page = Math.max(1, requestedPage);
  const firstNumber = firstPostOfPage(page);
  const posts = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select([...THREAD_REF_COLUMNS, "threads.reply_count"])
    .select(readerFollowColumns(reader.id))
    .select([
      "posts.id as post_id",
      "posts.post_number",
      "posts.author_id as post_author_id",
      "posts.hidden_at as post_hidden_at",
      "posts.deleted_at as post_deleted_at",
      authorMutedBy(reader.id).as("author_muted"),
      flaggedBy(reader.id).as("flagged"),
      bookmarkColumn(reader.id).as("bookmark"),
      sql<string[]>`(select coalesce(json_agg(r.kind order by r.kind), '[]'::json) from reactions r where r.post_id = posts.id and r.user_id = ${reader.id})`.as(
        "my_reactions",
      ),
    ])
    .where("posts.thread_id", "=", threadId)
    .where("posts.post_number", ">=", firstNumber)
    .where("posts.post_number", "<", firstNumber + POSTS_PER_PAGE)
    .where(visiblePosts(reader))
    .orderBy("posts.post_number")
    .execute();
  const thread =
    posts[0] ??
    (await db
      .selectFrom("threads")
      .innerJoin("categories", "categories.id", "threads.category_id")
      .select([...THREAD_REF_COLUMNS, "threads.reply_count"])
      .select(readerFollowColumns(reader.id))
      .where("threads.id", "=", threadId)
      .where(visibleThreads(reader))
      .executeTakeFirst());
  if (!thread) throw notFound("That thread");
  // Past the thread's end, the page shows its last page, as the page's loader does.
  const shown = threadPageRange(thread.reply_count, page).page;
  if (posts.length === 0 && shown !== page) return readerParts(db, reader, threadId, shown);
  const threadRef = toThreadRef(thread);
  const follow = followFromColumns(thread);
  const postNumbers = posts.map((post) => post.post_number);
  const lastOnPage = postNumbers.at(-1) ?? 0;
  if (lastOnPage > follow.lastReadPostNumber) await markThreadRead(db, reader, threadRef.id, lastOnPage);
  return {
    threadId: threadRef.id,
    page,
    postIds: posts.map((post) => post.post_id),
    viewerId: reader.id,
    canReply: can(reader, "forum.reply", threadRef),
    follow: {
      level: follow.level,
      levelSource: follow.levelSource,
      bookmarks: Object.fromEntries(posts.flatMap((post) => (post.bookmark ? [[post.post_id, post.bookmark]] : []))),
      dividerBefore: dividerBeforePost(follow.lastReadPostNumber, postNumbers),
    },
    posts: Object.fromEntries(
      posts.map((post) => {
        const postRef: PostRef = { id: post.post_id, authorId: post.post_author_id, hiddenAt: post.post_hidden_at, deletedAt: post.post_deleted_at, thread: threadRef };
        return [post.post_id, { permissions: postPermissions(reader, postRef, post.flagged), authorMuted: post.author_muted, myReactions: post.my_reactions }];
      }),
    ),
  };
}

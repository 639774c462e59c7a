import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError, notFound } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { recordAudit } from "../audit.server";
import { can, type ThreadRef } from "../policy.server";
import { settleInOrder } from "../../utils/settle";
import { linkUploadsToPost } from "../uploads/uploads.server";
import { recordMentions } from "./mentions.server";
import { assertMayPostNow, postingCheckColumns } from "./posting-checks.server";
import { holdIfNewAccount } from "../moderation/gate.server";
import { discardDraftStatement } from "../follow/drafts.server";
import { replyDraftKey } from "../follow/draft-keys";
import { loadPostRef, loadThreadRef, threadRefQuery, toThreadRef } from "./refs.server";
import type { RenderMarkdown } from "./rendering";

export const POSTS_PER_PAGE = 20;

/**
 * Adds a reply. Everything that takes no lock runs first and side by side: rendering, and one
 * statement for the thread as it stands with the posting limits and moderation rules. The
 * transaction then locks the thread row, checks the policy again against the locked row, and
 * writes in as few statements as it can, so concurrent replies to one thread wait on that lock as briefly as possible
 * (docs/decisions/031-reply-write-path.md). The lock keeps post numbers gapless and counts exact.
 */
export async function reply(
  db: Kysely<DB>,
  input: { actor: SessionUser; threadId: string; body: string; replyToPostId?: string; render: RenderMarkdown; at?: Date },
) {
  const { actor } = input;
  const now = input.at ?? new Date();
  const rendering = input.render(input.body);
  const checks = threadRefQuery(db)
    .select(postingCheckColumns(actor, now, "categories.id"))
    .where("threads.id", "=", input.threadId)
    .executeTakeFirst()
    .then((row) => {
      assertMayReply(actor, row ? toThreadRef(row) : null);
      return assertMayPostNow(db, actor, row!, "reply", now);
    });
  await settleInOrder([rendering, checks]);
  const [rendered, knownSettings] = await Promise.all([rendering, checks]);
  return db.transaction().execute(async (trx) => {
    const thread = assertMayReply(actor, await loadThreadRef(trx, input.threadId, { lock: true }));
    const replyTo = input.replyToPostId
      ? await trx.selectFrom("posts").select("id").where("id", "=", input.replyToPostId).where("thread_id", "=", thread.id).executeTakeFirst()
      : undefined;
    const postId = newId();
    // One statement: the post, numbered after the thread's last (read under the lock taken above), both counters, and the draft.
    const { post_number: postNumber } = await trx
      // Published, so the composer's unsent copy goes with the same commit.
      .with("discarded_draft", (q) => discardDraftStatement(q, actor.id, replyDraftKey(thread.id)))
      .with("new_post", (q) =>
        q
          .insertInto("posts")
          .values({
            id: postId,
            thread_id: thread.id,
            post_number: sql<number>`(select coalesce(max(post_number), 0) + 1 from posts where thread_id = ${thread.id})`,
            author_id: actor.id,
            reply_to_post_id: replyTo?.id ?? null,
            body_source: input.body,
            body_html: rendered.html,
            renderer_version: rendered.rendererVersion,
            created_at: now,
          })
          .returning("post_number"),
      )
      .with("thread_counts", (q) =>
        q
          .updateTable("threads")
          .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_posted_at: now, last_post_id: postId }))
          .where("id", "=", thread.id),
      )
      .with("category_counts", (q) =>
        q
          .updateTable("categories")
          .set((eb) => ({ post_count: eb("post_count", "+", 1), last_posted_at: now }))
          .where("id", "=", thread.category.id),
      )
      .selectFrom("new_post")
      .select("post_number")
      .executeTakeFirstOrThrow();
    await linkUploadsToPost(trx, postId, rendered.html);
    await appendEvent(trx, {
      type: "forum.reply_posted",
      actorId: actor.id,
      occurredAt: now,
      payload: { threadId: thread.id, postId, categoryId: thread.category.id, authorId: actor.id },
    });
    await holdIfNewAccount(trx, actor, { postId, threadId: thread.id, postNumber }, now, knownSettings);
    await recordMentions(trx, { postId, thread, authorId: actor.id, handles: rendered.references.mentions, at: now });
    return { postId, postNumber, page: pageOf(postNumber) };
  });
}

/** The thread, when the actor may reply to it; otherwise the refusal they see. */
function assertMayReply(actor: SessionUser, thread: ThreadRef | null): ThreadRef {
  if (!thread || !can(actor, "forum.readThread", thread)) throw notFound("That thread");
  if (thread.lockedAt && !can(actor, "forum.reply", thread)) {
    throw new DomainError("This thread is locked: no new replies.", 403);
  }
  if (!can(actor, "forum.reply", thread)) throw new DomainError("You cannot reply here.", 403);
  return thread;
}

export function pageOf(postNumber: number) {
  return Math.ceil(postNumber / POSTS_PER_PAGE);
}

/** The number of the first post on a page of a thread. */
export function firstPostOfPage(page: number) {
  return (page - 1) * POSTS_PER_PAGE + 1;
}

/** Edits keep every earlier version: revision rows hold what the post said before each edit. */
export async function editPost(
  db: Kysely<DB>,
  input: { actor: SessionUser; postId: string; body: string; title?: string; render: RenderMarkdown },
) {
  const { actor } = input;
  const rendered = await input.render(input.body);
  return db.transaction().execute(async (trx) => {
    const post = await loadPostRef(trx, input.postId);
    if (!post || !can(actor, "forum.readPost", post)) throw notFound("That post");
    if (!can(actor, "forum.editPost", post)) {
      throw new DomainError(post.thread.lockedAt ? "This thread is locked: posts cannot be edited." : "You can only edit your own posts.", 403);
    }
    const current = await trx
      .selectFrom("posts")
      .innerJoin("threads", "threads.id", "posts.thread_id")
      .select(["posts.body_source", "posts.edit_count", "posts.post_number", "threads.title"])
      .where("posts.id", "=", post.id)
      .forUpdate("posts")
      .executeTakeFirstOrThrow();
    const newTitle = post.postNumber === 1 && input.title && input.title !== current.title ? input.title : undefined;
    if (current.body_source === input.body && !newTitle) return { changed: false };
    await trx
      .insertInto("post_revisions")
      .values({
        post_id: post.id,
        revision: current.edit_count + 1,
        editor_id: actor.id,
        title: newTitle ? current.title : null,
        body_source: current.body_source,
      })
      .execute();
    await trx
      .updateTable("posts")
      .set({
        body_source: input.body,
        body_html: rendered.html,
        renderer_version: rendered.rendererVersion,
        edit_count: current.edit_count + 1,
        edited_at: new Date(),
      })
      .where("id", "=", post.id)
      .execute();
    if (newTitle) await trx.updateTable("threads").set({ title: newTitle }).where("id", "=", post.thread.id).execute();
    await linkUploadsToPost(trx, post.id, rendered.html, { editorId: actor.id });
    await appendEvent(trx, {
      type: "forum.post_edited",
      actorId: actor.id,
      payload: { threadId: post.thread.id, postId: post.id, editorId: actor.id },
    });
    // A moderator editing someone else's words is a moderator action: audited with both versions.
    if (actor.id !== post.authorId) {
      await recordAudit(trx, { actorId: actor.id, action: "post.edited", targetType: "post", targetId: post.id, before: { title: newTitle ? current.title : undefined, body: current.body_source }, after: { title: newTitle, body: input.body }, categoryId: post.thread.category.id });
    }
    const before = await trx.selectFrom("post_mentions").select("user_id").where("post_id", "=", post.id).execute();
    await recordMentions(trx, {
      postId: post.id,
      thread: post.thread,
      authorId: post.authorId,
      handles: rendered.references.mentions,
      alreadyMentioned: new Set(before.map((row) => row.user_id)),
    });
    return { changed: true };
  });
}

/** Soft delete: the post keeps its place (and number) so the thread still reads in order. */
export async function deletePost(db: Kysely<DB>, input: { actor: SessionUser; postId: string }) {
  return db.transaction().execute(async (trx) => {
    const post = await loadPostRef(trx, input.postId);
    if (!post || !can(input.actor, "forum.readPost", post)) throw notFound("That post");
    if (!can(input.actor, "forum.deletePost", post)) throw new DomainError("You can only delete your own posts.", 403);
    await trx.updateTable("posts").set({ deleted_at: new Date() }).where("id", "=", post.id).execute();
    if (post.postNumber === 1) {
      await trx.updateTable("threads").set({ deleted_at: new Date() }).where("id", "=", post.thread.id).execute();
    }
    const thread = await trx.selectFrom("threads").select("accepted_post_id").where("id", "=", post.thread.id).executeTakeFirstOrThrow();
    if (thread.accepted_post_id === post.id) {
      await trx.updateTable("threads").set({ accepted_post_id: null }).where("id", "=", post.thread.id).execute();
    }
    await appendEvent(trx, {
      type: "forum.post_deleted",
      actorId: input.actor.id,
      payload: { threadId: post.thread.id, postId: post.id, authorId: post.authorId },
    });
    if (input.actor.id !== post.authorId) {
      await recordAudit(trx, { actorId: input.actor.id, action: "post.deleted", targetType: "post", targetId: post.id, before: { deleted: false }, after: { deleted: true }, categoryId: post.thread.category.id });
    }
  });
}

/** Earlier versions of a post, newest first, for those who may read the post. */
export async function postHistory(db: Kysely<DB>, actor: SessionUser | null, postId: string) {
  const post = await loadPostRef(db, postId);
  if (!post || !can(actor, "forum.readPost", post)) throw notFound("That post");
  // A deleted post's words stay with moderators, in its history too.
  if (post.deletedAt && !can(actor, "forum.moderate", post.thread)) throw notFound("That post");
  const current = await db.selectFrom("posts").select(["body_source", "edited_at", "edit_count"]).where("id", "=", post.id).executeTakeFirstOrThrow();
  const revisions = await db
    .selectFrom("post_revisions")
    .innerJoin("users", "users.id", "post_revisions.editor_id")
    .select(["post_revisions.revision", "post_revisions.title", "post_revisions.body_source", "post_revisions.created_at", "users.display_name as editor_name"])
    .where("post_revisions.post_id", "=", post.id)
    .orderBy("post_revisions.revision", "desc")
    .execute();
  return { threadId: post.thread.id, current, revisions };
}

import type { Kysely } from "kysely";
import { discardDraft } from "../follow/drafts.server";
import { NEW_THREAD_DRAFT_KEY } from "../follow/draft-keys";
import type { DB } from "../../../db/schema";
import { newId } from "../../utils/ids.server";
import type { SessionUser } from "../accounts/auth.server";
import { DomainError } from "../errors";
import { appendEvent } from "../events/outbox.server";
import { slugify } from "../organizations/organizations.server";
import { can, type ThreadRef } from "../policy.server";
import { linkUploadsToPost } from "../uploads/uploads.server";
import { recordMentions } from "./mentions.server";
import { assertMayPostNow, postingCheckColumns } from "./posting-checks.server";
import { holdIfNewAccount } from "../moderation/gate.server";
import type { RenderMarkdown } from "./rendering";
import type { NewThreadInput } from "./validation";

/**
 * Opens a thread with its first post. Rendering happens before the transaction (it may take a
 * worker's time); everything else (thread, post, tags, counts, mentions, events) commits together
 * or not at all.
 */
export async function createThread(
  db: Kysely<DB>,
  input: { actor: SessionUser; thread: NewThreadInput; render: RenderMarkdown; at?: Date },
) {
  const { actor, thread: fields } = input;
  const rendered = await input.render(fields.body);
  return db.transaction().execute(async (trx) => {
    const now = input.at ?? new Date();
    const category = await trx
      .selectFrom("categories")
      .select(["id", "visibility", "council_id"])
      .select(postingCheckColumns(actor, now, "categories.id"))
      .where("id", "=", fields.categoryId)
      .executeTakeFirst();
    const categoryRef = category && { id: category.id, visibility: category.visibility, councilId: category.council_id };
    if (!categoryRef || !can(actor, "forum.readCategory", categoryRef)) {
      throw new DomainError("Choose a category from the list.", 400, "categoryId");
    }
    if (!can(actor, "forum.createThread", categoryRef)) {
      throw new DomainError("You cannot start threads in this category.", 403, "categoryId");
    }
    const settings = await assertMayPostNow(trx, actor, category, "thread", now);

    const tags = fields.tags.length
      ? await trx.selectFrom("tags").select(["id", "slug"]).where("slug", "in", fields.tags).execute()
      : [];
    const unknown = fields.tags.filter((slug) => !tags.some((tag) => tag.slug === slug));
    if (unknown.length) {
      throw new DomainError(`Unknown tag${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}. Choose from the suggested tags.`, 400, "tags");
    }

    const threadId = newId();
    const postId = newId();
    await trx
      .insertInto("threads")
      .values({
        id: threadId,
        category_id: categoryRef.id,
        author_id: actor.id,
        title: fields.title,
        slug: slugify(fields.title) || "thread",
        last_posted_at: now,
        last_post_id: postId,
        created_at: now,
      })
      .execute();
    await trx
      .insertInto("posts")
      .values({
        id: postId,
        thread_id: threadId,
        post_number: 1,
        author_id: actor.id,
        body_source: fields.body,
        body_html: rendered.html,
        renderer_version: rendered.rendererVersion,
        created_at: now,
      })
      .execute();
    await linkUploadsToPost(trx, postId, rendered.html);
    if (tags.length) {
      await trx.insertInto("thread_tags").values(tags.map((tag) => ({ thread_id: threadId, tag_id: tag.id }))).execute();
    }
    await trx
      .updateTable("categories")
      .set((eb) => ({ thread_count: eb("thread_count", "+", 1), post_count: eb("post_count", "+", 1), last_posted_at: now }))
      .where("id", "=", categoryRef.id)
      .execute();
    await appendEvent(trx, {
      type: "forum.thread_created",
      actorId: actor.id,
      occurredAt: now,
      payload: { threadId, postId, categoryId: categoryRef.id, authorId: actor.id },
    });
    await holdIfNewAccount(trx, actor, { postId, threadId, postNumber: 1 }, now, settings);
    const threadRef: ThreadRef = { id: threadId, authorId: actor.id, category: categoryRef, lockedAt: null, hiddenAt: null, deletedAt: null };
    await recordMentions(trx, { postId, thread: threadRef, authorId: actor.id, handles: rendered.references.mentions, at: now });
    // Published, so the composer's unsent copy goes with the same commit.
    await discardDraft(trx, actor.id, NEW_THREAD_DRAFT_KEY);
    return { threadId, postId, slug: slugify(fields.title) || "thread" };
  });
}

import { sql, type Transaction } from "kysely";
import { jsonArrayFrom } from "kysely/helpers/postgres";
import type { DB } from "../../../db/schema";
import type { NotificationData } from "../../../db/schema-parts/follow";
import type { DispatchedEvent } from "../events/catalogue";
import { referencesInHtml } from "../forum/markdown";
import { loadPostRef, postRefQuery, toPostRef, type LoadedPostRef } from "../forum/refs.server";
import { can } from "../policy.server";
import type { NotificationKind, WatchLevel } from "./kinds";
import { disabledKindsColumn, insertNotifications } from "./notifications.server";
import { readerColumns, toReader } from "./readers.server";
import { watchLevelsFor, watchLevelsFrom, watchRowsColumn } from "./watches.server";
import { mentoringNotifyingEvents, notifyMentoringEvent } from "../mentoring/notify.server";
import { messageNotifyingEvents, notifyMessageEvent } from "../messages/notify.server";
import { hasMutedColumn } from "../account-data/mutes.server";

/** The event types that can notify anyone. */
export const notifyingEvents: ReadonlySet<string> = new Set([
  "forum.thread_created",
  "forum.reply_posted",
  "forum.user_mentioned",
  "forum.reaction_added",
  "forum.answer_accepted",
  ...mentoringNotifyingEvents,
  ...messageNotifyingEvents,
]);

/**
 * Forum events to notifications (docs/decisions/009-notifications.md). Runs inside the
 * dispatcher's transaction; every row has a unique (user, kind, source) key, so handling an
 * event twice creates nothing twice. Returns how many notifications were created.
 */
export async function notifyForEvent(trx: Transaction<DB>, event: DispatchedEvent): Promise<number> {
  const base = { eventId: event.id, at: event.occurredAt };
  switch (event.type) {
    case "forum.thread_created":
    case "forum.reply_posted":
      return newPost(trx, { ...base, postId: event.payload.postId, actorId: event.payload.authorId });
    case "forum.user_mentioned": {
      const { postId, mentionedId, authorId } = event.payload;
      return deliver(trx, { ...base, postId, actorId: authorId, sourceKey: `post:${postId}` }, new Map([[mentionedId, ["mention"]]]));
    }
    case "forum.reaction_added": {
      // Once per person and post, whatever they toggle: a reaction clicked off and on is no news.
      const { postId, reactorId, authorId, kind } = event.payload;
      const source = { ...base, postId, actorId: reactorId, sourceKey: `reaction:${postId}:${reactorId}`, data: { reaction: kind } };
      return deliver(trx, source, new Map([[authorId, ["reaction"]]]));
    }
    case "forum.answer_accepted": {
      const { postId, answerAuthorId } = event.payload;
      return deliver(trx, { ...base, postId, actorId: event.actorId, sourceKey: `post:${postId}` }, new Map([[answerAuthorId, ["accepted"]]]));
    }
    case "messages.sent":
      return notifyMessageEvent(trx, event);
    default:
      return notifyMentoringEvent(trx, event);
  }
}

interface Source {
  postId: string;
  actorId: string | null;
  sourceKey: string;
  eventId: number;
  at: Date;
  data?: NotificationData;
}

/**
 * One notification per person for a new post, of the most specific kind they qualify for and
 * have not turned off: mention, then quote, then reply, then watching.
 */
async function newPost(trx: Transaction<DB>, input: { postId: string; actorId: string; eventId: number; at: Date }) {
  // The policy's reference, the body (for quotes), the parent's author, the mentions and who
  // watches the thread or its category: one statement.
  const post = await postRefQuery(trx)
    .leftJoin("posts as parent", "parent.id", "posts.reply_to_post_id")
    .select((eb) => [
      "posts.body_html",
      "parent.author_id as parent_author_id",
      jsonArrayFrom(eb.selectFrom("post_mentions").select("post_mentions.user_id").whereRef("post_mentions.post_id", "=", "posts.id")).as("mentioned"),
      watchRowsColumn(trx).as("watch_rows"),
    ])
    .where("posts.id", "=", input.postId)
    .executeTakeFirst();
  if (!post) return 0;
  const { quotedPostIds } = referencesInHtml(post.body_html);
  const levels = watchLevelsFrom(post.watch_rows);
  const quoted = quotedPostIds.length ? await trx.selectFrom("posts").select("author_id").where("id", "in", quotedPostIds).execute() : [];
  const kinds = new Map<string, NotificationKind[]>();
  const add = (userId: string | null, kind: NotificationKind) => {
    if (!userId) return;
    const list = kinds.get(userId) ?? [];
    if (!list.includes(kind)) list.push(kind);
    kinds.set(userId, list);
  };
  for (const row of post.mentioned) add(row.user_id, "mention");
  for (const row of quoted) add(row.author_id, "quote");
  if (post.post_number > 1) add(post.thread_author_id, "reply");
  add(post.parent_author_id, "reply");
  for (const [userId, level] of levels) if (level === "watching") add(userId, "watching");
  return deliver(trx, { ...input, sourceKey: `post:${post.id}` }, kinds, { levels, post: toPostRef(post) });
}

/**
 * Creates the notifications that survive the checks made at this moment: never to the actor,
 * never about a thread the recipient muted nor from someone they muted, only if the recipient may read the post, and only
 * of a kind they have not turned off.
 */
async function deliver(
  trx: Transaction<DB>,
  source: Source,
  candidates: Map<string, NotificationKind[]>,
  known: { levels: Map<string, WatchLevel>; post: LoadedPostRef } | null = null,
) {
  if (source.actorId) candidates.delete(source.actorId);
  if (candidates.size === 0) return 0;
  const post = known?.post ?? (await loadPostRef(trx, source.postId));
  if (!post || post.deletedAt) return 0;
  const [recipients, levels] = await Promise.all([
    loadRecipients(trx, [...candidates.keys()], source.actorId),
    known?.levels ?? watchLevelsFor(trx, { id: post.thread.id, categoryId: post.thread.category.id }),
  ]);
  const rows = [];
  for (const [userId, wanted] of candidates) {
    const recipient = recipients.get(userId);
    if (!recipient || levels.get(userId) === "muted" || recipient.mutedActor || !can(recipient.reader, "forum.readPost", post)) continue;
    const kind = wanted.find((k) => !recipient.disabledKinds.includes(k));
    if (!kind) continue;
    rows.push({ ...source, userId, kind, threadId: post.thread.id });
  }
  return insertNotifications(trx, rows);
}

/** Each candidate as the policy sees them now, the kinds they turned off and whether they muted the actor: one statement. */
async function loadRecipients(trx: Transaction<DB>, userIds: string[], actorId: string | null) {
  const rows = await trx
    .selectFrom("users")
    .select(readerColumns(trx))
    .select([disabledKindsColumn("users.id").as("disabled_kinds"), (actorId ? hasMutedColumn(actorId, "users.id") : sql<boolean>`false`).as("muted_actor")])
    .where("id", "in", userIds)
    .execute();
  return new Map(rows.map((row) => [row.id, { reader: toReader(row), disabledKinds: row.disabled_kinds, mutedActor: row.muted_actor }]));
}

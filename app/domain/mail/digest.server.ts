import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { isEmailVerified } from "../accounts/email.server";
import { visibleNotificationsForMail } from "../follow/notifications.server";
import { loadReaders } from "../follow/readers.server";
import { scheduleRecurring, type JobHandler } from "../scheduler/jobs.server";
import type { MailContent } from "./compose";
import { mailKinds, type MailKind } from "./kinds";
import { notificationLine } from "./lines";
import { mailPreferences } from "./preferences.server";
import { queueMail } from "./queue.server";

/**
 * Daily and weekly digests. A recurring job per period (decision 004) finds who had anything in
 * the period that just ended and queues one mail job per person; each of those builds its list
 * when it runs, through the notification centre's own visibility rule, so a digest never names
 * a council thread or a conversation its reader may not see by then. Direct messages appear only
 * as a count, never their words.
 */
const DAY = 24 * 3600_000;
export const DIGEST_PERIODS = { daily: DAY, weekly: 7 * DAY } as const;
export type DigestPeriod = keyof typeof DIGEST_PERIODS;
export const digestJobKind = (period: DigestPeriod) => `mail.digest.${period}`;

type Db = Kysely<DB>;

/** Queues a digest job for everyone who received notifications or messages in [from, to). */
export async function queueDigests(db: Db, period: DigestPeriod, to: Date) {
  const from = new Date(to.getTime() - DIGEST_PERIODS[period]);
  const { rows } = await sql<{ user_id: string }>`
    select user_id from notifications where created_at >= ${from} and created_at < ${to} and read_at is null
    union
    select p.user_id from messages m
      join conversation_participants p on p.conversation_id = m.conversation_id and p.user_id <> m.author_id
      where m.created_at >= ${from} and m.created_at < ${to}`.execute(db);
  for (const { user_id } of rows) {
    await queueMail(
      db,
      { type: "digest", userId: user_id, period, from: from.toISOString(), to: to.toISOString() },
      `mail:digest:${period}:${user_id}@${to.toISOString()}`,
    );
  }
  return rows.length;
}

export function digestJobHandler(period: DigestPeriod): JobHandler {
  return async (job, ctx) => {
    // Successor first, so a failed run does not end the chain.
    await scheduleRecurring(ctx.db, { kind: job.kind, everyMs: DIGEST_PERIODS[period], after: job.run_at });
    await queueDigests(ctx.db, period, new Date(job.run_at));
  };
}

export async function buildDigest(
  db: Db,
  payload: { userId: string; period: DigestPeriod; from: string; to: string },
  url: (path: string) => string,
): Promise<{ to: string; userId: string; content: MailContent } | null> {
  const preferences = await mailPreferences(db, payload.userId);
  const kinds = new Set<MailKind>(mailKinds.filter((kind) => preferences[kind] === payload.period));
  if (kinds.size === 0 || !(await isEmailVerified(db, payload.userId))) return null;
  const reader = (await loadReaders(db, [payload.userId])).get(payload.userId);
  if (!reader) return null;
  const window = { from: new Date(payload.from), to: new Date(payload.to) };
  const notifications = (await visibleNotificationsForMail(db, reader, window)).filter(
    // Direct messages are counted below, not listed one notification at a time.
    (n) => n.kind !== "message" && kinds.has(n.kind as MailKind) && !n.read_at,
  );
  const items = notifications.map((n) => ({ text: notificationLine(n), url: url(`/notifications/${n.id}`) }));
  if (kinds.has("message")) {
    const unread = await unreadMessageCount(db, reader.id, window);
    if (unread > 0) items.push({ text: `${unread} unread direct message${unread === 1 ? "" : "s"}`, url: url("/messages") });
  }
  if (items.length === 0) return null;
  const label = payload.period === "daily" ? "daily" : "weekly";
  return {
    to: reader.email,
    userId: reader.id,
    content: {
      subject: `Your ${label} Partner Community digest: ${items.length} new`,
      paragraphs: [`Hello ${reader.displayName},`, `Here is what happened for you since ${window.from.toUTCString()}.`],
      items,
      action: { label: "Open your notifications", url: url("/notifications") },
      footer: `You get this because some of your mail is set to the ${label} digest. Change it at ${url("/settings/email-notifications")}.`,
    },
  };
}

/** Messages others wrote in conversations the reader is still in, has not muted and has not read. */
async function unreadMessageCount(db: Db, userId: string, window: { from: Date; to: Date }) {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from messages m
    join conversation_participants p on p.conversation_id = m.conversation_id and p.user_id = ${userId}
    where m.author_id <> ${userId} and not p.muted
      and m.created_at >= ${window.from} and m.created_at < ${window.to}
      and (p.last_read_at is null or p.last_read_at < m.created_at)
      and not exists (select 1 from user_blocks b where (b.blocker_id = ${userId} and b.blocked_id = m.author_id)
                                                  or (b.blocker_id = m.author_id and b.blocked_id = ${userId}))`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { assertModerationAllowsPost, postingRuleColumn, type PostingRule } from "../moderation/gate.server";
import { activeSilenceColumn, silenceFrom } from "../moderation/restrictions-check.server";
import { settingsFrom, storedSettingsColumn } from "../moderation/settings.server";
import { assertWithinPostingLimits, recentPostCountsColumn } from "./rate-limit.server";

/**
 * What must hold before anyone posts (the posting limits, a silence, the category's posting
 * rule, the settings behind them), read as columns of the statement that reads the thread or
 * category: five round trips before every reply were one each. Each domain still owns its
 * column and its rule; they only travel together, as the header's counts do.
 */
export function postingCheckColumns(actor: SessionUser, now: Date, categoryIdColumn: string) {
  return [
    storedSettingsColumn().as("stored_settings"),
    activeSilenceColumn(actor.id, now).as("silence"),
    postingRuleColumn(categoryIdColumn).as("posting_rule"),
    recentPostCountsColumn(actor, now).as("recent_post_counts"),
  ];
}

export type PostingCheckRow = {
  stored_settings: Record<string, unknown> | null;
  silence: { until: string; reason: string } | null;
  posting_rule: PostingRule | null;
  recent_post_counts: number[] | null;
};

/** Refuses the post as the checks run one after another would: limits first, then moderation. Returns the settings read. */
export async function assertMayPostNow(
  db: Kysely<DB> | Transaction<DB>,
  actor: SessionUser,
  row: PostingCheckRow,
  kind: "thread" | "reply",
  now: Date,
) {
  const settings = settingsFrom(row.stored_settings);
  await assertWithinPostingLimits(db, actor, now, settings, row.recent_post_counts ?? []);
  assertModerationAllowsPost(actor, { silence: silenceFrom(row.silence), rule: row.posting_rule }, kind);
  return settings;
}

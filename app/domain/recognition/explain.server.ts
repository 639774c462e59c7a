import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { BadgeTier } from "../../../db/schema-parts/recognition";
import { can, type Actor, type PostRef, type ThreadRef } from "../policy.server";
import { manualBadgeDefinition } from "./badges";
import { badgeNameIn, badgesIn, levelsIn, type DefinitionSettings } from "./definitions";
import { levelById, nextLevel, type Level } from "./levels";
import { currentRules } from "./rules.server";
import { ruleLabels } from "./rules";

/**
 * A person's recognition, explained point by point. Everything is read from the engine's
 * projection; what a ledger row is ABOUT (a thread, a council) is shown only when the viewer may
 * read it, through the policy module, so the explain view never leaks a private title.
 */
export const LEDGER_PAGE_SIZE = 25;

export interface LevelProgress {
  level: Level;
  next: Level | null;
  /** Each requirement of the next level: what it needs and where the person stands. */
  requirements: { label: string; have: number; need: number }[];
}

export interface RecognitionSummary {
  points: number;
  progress: LevelProgress;
  badges: EarnedBadge[];
}

export interface EarnedBadge {
  badge: string;
  name: string;
  description: string;
  tier: BadgeTier | null;
  reason: string;
  grantedAt: Date;
  manual: boolean;
}

export async function recognitionSummary(db: Kysely<DB>, userId: string, now = new Date()): Promise<RecognitionSummary> {
  const [profile, counters, current] = await Promise.all([
    db.selectFrom("recognition_profiles").select(["points", "level", "joined_at"]).where("user_id", "=", userId).executeTakeFirst(),
    db.selectFrom("recognition_counters").select(["metric", "value"]).where("user_id", "=", userId).execute(),
    currentRules(db, now),
  ]);
  const badges = await earnedBadges(db, userId, current.rules);
  // Progress is measured against the ladder in force now (an admin may have moved its steps).
  const ladder = levelsIn(current.rules);
  const count = (metric: string) => Number(counters.find((row) => row.metric === metric)?.value ?? 0);
  const level = ladder.find((l) => l.id === profile?.level) ?? ladder[0]!;
  const next = nextLevel(level, ladder);
  const days = profile ? Math.floor((now.getTime() - profile.joined_at.getTime()) / 86_400_000) : 0;
  const requirements = next
    ? [
        { label: "Points", have: profile?.points ?? 0, need: next.minPoints },
        { label: "Accepted answers", have: count("accepted_answers"), need: next.minAcceptedAnswers },
        { label: "Mentorships completed", have: count("mentorships_completed"), need: next.minMentorships },
        { label: "Days since joining", have: days, need: next.minDays },
      ].filter((requirement) => requirement.need > 0)
    : [];
  return { points: profile?.points ?? 0, progress: { level, next, requirements }, badges };
}

/**
 * The header's points and level, from the person's profile row (none yet: a newcomer with 0),
 * with the row's version so the header can tell it from an older or newer toast (header-score.tsx).
 */
export function headerRecognition(profile: { points: number | null; level: string | null; version: number | null }) {
  return { points: profile.points ?? 0, levelName: levelById(profile.level ?? "newcomer").name, version: Number(profile.version ?? 0) };
}

/** Badges held now (revoked grants are history, not shown), newest first. */
export async function earnedBadges(db: Kysely<DB>, userId: string, settings?: DefinitionSettings): Promise<EarnedBadge[]> {
  const definitions = settings ?? (await currentRules(db)).rules;
  const automatic = badgesIn(definitions);
  const rows = await db
    .selectFrom("recognition_badge_grants")
    .select(["badge", "tier", "reason", "granted_at", "awarded_by"])
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .orderBy("granted_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((row) => {
    const definition = automatic.find((badge) => badge.id === row.badge);
    return {
      badge: row.badge,
      // Names and descriptions as the admins word them now; manual badges by their name, never their key.
      name: badgeNameIn(definitions, row.badge),
      description: definition?.description ?? definitions.manualBadges[row.badge]?.description ?? manualBadgeDefinition(row.badge)?.description ?? "Awarded by a moderator.",
      tier: row.tier,
      reason: row.reason,
      grantedAt: row.granted_at,
      manual: !definition || row.awarded_by !== null,
    };
  });
}

export interface LedgerLine {
  id: string;
  points: number;
  /** "Answer accepted", "Council contribution", "Reaction withdrawn"… */
  label: string;
  /** Present only when the viewer may read the thread (and the post). */
  link: { title: string; href: string } | null;
  note: string | null;
  occurredAt: Date;
}

/** Why an earlier credit was taken back, from the event that reversed it. */
const reversalReasons: Record<string, string> = {
  "forum.reaction_removed": "reaction withdrawn",
  "forum.answer_unaccepted": "answer unaccepted",
  "forum.post_hidden": "post hidden by a moderator",
  "forum.post_deleted": "post deleted",
  "moderation.award_revoked": "award revoked",
};

const labelOf = (rule: string) => (ruleLabels as Record<string, string>)[rule] ?? rule.replaceAll("_", " ");

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const seesCouncil = (viewer: Actor, councilId: string) => can(viewer, "recognition.seeCouncilActivity", { councilId });

export async function ledgerPage(db: Kysely<DB>, viewer: Actor, userId: string, page: number) {
  const rows = await db
    .selectFrom("recognition_ledger as ledger")
    .leftJoin("outbox_events as event", "event.id", "ledger.event_id")
    .leftJoin("posts", "posts.id", "ledger.post_id")
    .leftJoin("threads", "threads.id", "ledger.thread_id")
    .leftJoin("categories", "categories.id", "threads.category_id")
    .select([
      "ledger.id",
      "ledger.points",
      "ledger.rule",
      "ledger.reverses_rule",
      "ledger.council_id",
      "ledger.note",
      "ledger.occurred_at",
      "event.type as event_type",
      "posts.id as post_id",
      "posts.author_id as post_author_id",
      "posts.hidden_at as post_hidden_at",
      "posts.deleted_at as post_deleted_at",
      "posts.post_number",
      "threads.id as thread_id",
      "threads.title as thread_title",
      "threads.slug as thread_slug",
      "threads.author_id as thread_author_id",
      "threads.locked_at as thread_locked_at",
      "threads.hidden_at as thread_hidden_at",
      "threads.deleted_at as thread_deleted_at",
      "categories.id as category_id",
      "categories.visibility",
      "categories.council_id as category_council_id",
    ])
    .where("ledger.user_id", "=", userId)
    .orderBy("ledger.occurred_at", "desc")
    .orderBy("ledger.id", "desc")
    .limit(LEDGER_PAGE_SIZE + 1)
    .offset((page - 1) * LEDGER_PAGE_SIZE)
    .execute();

  const lines: LedgerLine[] = rows.slice(0, LEDGER_PAGE_SIZE).map((row) => {
    const councilHidden = row.council_id !== null && !seesCouncil(viewer, row.council_id);
    let link: LedgerLine["link"] = null;
    if (!councilHidden && row.thread_id && row.category_id !== null && row.visibility) {
      const thread: ThreadRef = {
        id: row.thread_id,
        authorId: row.thread_author_id!,
        lockedAt: row.thread_locked_at,
        hiddenAt: row.thread_hidden_at,
        deletedAt: row.thread_deleted_at,
        category: { id: row.category_id, visibility: row.visibility, councilId: row.category_council_id },
      };
      const post: PostRef | null = row.post_id
        ? { id: row.post_id, authorId: row.post_author_id!, hiddenAt: row.post_hidden_at, deletedAt: row.post_deleted_at, thread }
        : null;
      const readable = post ? can(viewer, "forum.readPost", post) : can(viewer, "forum.readThread", thread);
      if (readable) {
        const anchor = row.post_number && row.post_number > 1 ? `#post-${row.post_number}` : "";
        link = { title: row.thread_title!, href: `/t/${row.thread_id}/${row.thread_slug}${anchor}` };
      }
    }
    return {
      id: row.id,
      points: row.points,
      label: councilHidden ? "Council contribution" : describe(row.rule, row.reverses_rule, row.event_type),
      link,
      // A moderator's reason may talk about council matters too.
      note: councilHidden ? null : row.note,
      occurredAt: row.occurred_at,
    };
  });
  return { lines, hasMore: rows.length > LEDGER_PAGE_SIZE };
}

function describe(rule: string, reversesRule: string | null, eventType: string | null) {
  if (rule !== "reversal") return labelOf(rule);
  const why = (eventType && reversalReasons[eventType]) ?? "reversed";
  return reversesRule ? `${sentence(why)} (${labelOf(reversesRule).toLowerCase()})` : sentence(why);
}

import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import type { SessionUser } from "../accounts/auth.server";
import { recordAudit } from "../audit.server";
import { authorize, can, visiblePosts } from "../policy.server";
import { exportMentoring } from "./export-mentoring.server";

export const EXPORT_FORMAT = "partner-community-export/1";

/**
 * "Export my data" (docs/decisions/023): what the person wrote and set, read through the same
 * rules as the pages. Other people appear by handle and name only (never their email); posts
 * only where the person may read them today, so a council they left is not in the archive;
 * recognition for council work the person can no longer see says "council contribution" only.
 * The export is audit-logged.
 */
export async function exportAccountData(db: Kysely<DB>, actor: SessionUser, now = new Date()) {
  authorize(actor, "account.exportData", undefined);
  const [profile, posts, messages, preferences, follows, mentoring, recognition, muted] = await Promise.all([
    exportProfile(db, actor.id),
    exportPosts(db, actor),
    exportMessages(db, actor.id),
    exportPreferences(db, actor.id),
    exportFollows(db, actor.id),
    exportMentoring(db, actor.id),
    exportRecognition(db, actor),
    db.selectFrom("user_mutes").innerJoin("users", "users.id", "user_mutes.muted_id").select(["users.handle", "users.display_name", "user_mutes.created_at"]).where("user_mutes.muter_id", "=", actor.id).execute(),
  ]);
  await recordAudit(db, { actorId: actor.id, action: "account.data_exported", targetType: "user", targetId: actor.id });
  return { format: EXPORT_FORMAT, exportedAt: now.toISOString(), profile, posts, messages, preferences, follows, mentoring, recognition, muted };
}

async function exportProfile(db: Kysely<DB>, userId: string) {
  return db
    .selectFrom("users")
    .leftJoin("organizations", "organizations.id", "users.organization_id")
    .select([
      "users.email",
      "users.handle",
      "users.display_name",
      "users.role",
      "users.title",
      "users.bio",
      "users.time_zone",
      "users.languages",
      "users.expertise",
      "users.region",
      "users.created_at",
      "organizations.name as organization",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirstOrThrow();
}

async function exportPosts(db: Kysely<DB>, actor: SessionUser) {
  return db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("categories", "categories.id", "threads.category_id")
    .select(["posts.id", "posts.post_number", "threads.id as thread_id", "threads.title as thread_title", "categories.name as category", "posts.body_source", "posts.created_at", "posts.edited_at", "posts.hidden_at"])
    .where("posts.author_id", "=", actor.id)
    .where("posts.deleted_at", "is", null)
    .where(visiblePosts(actor))
    .orderBy("posts.created_at")
    .execute();
}

/** Every message in the person's conversations, theirs and the others', as the conversation page shows them. */
async function exportMessages(db: Kysely<DB>, userId: string) {
  const rows = await db
    .selectFrom("messages")
    .innerJoin("conversation_participants as mine", (join) => join.onRef("mine.conversation_id", "=", "messages.conversation_id").on("mine.user_id", "=", userId))
    .innerJoin("users as author", "author.id", "messages.author_id")
    .select(["messages.id", "messages.conversation_id", "messages.author_id", "author.handle as author_handle", "author.display_name as author_name", "messages.body_source", "messages.created_at"])
    .where(({ or, eb, not, exists, selectFrom }) =>
      or([eb("messages.author_id", "=", userId), not(exists(selectFrom("user_blocks as b").select("b.blocker_id").where("b.blocker_id", "=", userId).whereRef("b.blocked_id", "=", "messages.author_id")))]),
    )
    .orderBy("messages.created_at")
    .execute();
  return rows.map(({ author_id, ...row }) => ({ ...row, direction: author_id === userId ? "sent" : "received" }));
}

async function exportPreferences(db: Kysely<DB>, userId: string) {
  const [notifications, mail] = await Promise.all([
    db.selectFrom("notification_preferences").select(["kind", "enabled"]).where("user_id", "=", userId).orderBy("kind").execute(),
    db.selectFrom("mail_preferences").select(["kind", "cadence"]).where("user_id", "=", userId).orderBy("kind").execute(),
  ]);
  return { notifications, mail };
}

async function exportFollows(db: Kysely<DB>, userId: string) {
  const [people, organizations] = await Promise.all([
    db.selectFrom("user_follows").innerJoin("users", "users.id", "user_follows.followee_id").select(["users.handle", "users.display_name", "user_follows.created_at"]).where("user_follows.follower_id", "=", userId).where("users.deleted_at", "is", null).execute(),
    db.selectFrom("organization_follows").innerJoin("organizations", "organizations.id", "organization_follows.organization_id").select(["organizations.slug", "organizations.name", "organization_follows.created_at"]).where("organization_follows.follower_id", "=", userId).execute(),
  ]);
  return { people, organizations };
}

async function exportRecognition(db: Kysely<DB>, actor: SessionUser) {
  const [profile, ledger, badges] = await Promise.all([
    db.selectFrom("recognition_profiles").select(["points", "level", "level_changed_at"]).where("user_id", "=", actor.id).executeTakeFirst(),
    db
      .selectFrom("recognition_ledger")
      .select(["rule", "points", "thread_id", "post_id", "council_id", "subject_type", "note", "occurred_at"])
      .where("user_id", "=", actor.id)
      .orderBy("occurred_at")
      .orderBy("id")
      .execute(),
    db.selectFrom("recognition_badge_grants").select(["badge", "tier", "reason", "granted_at", "revoked_at"]).where("user_id", "=", actor.id).orderBy("granted_at").execute(),
  ]);
  return {
    points: profile?.points ?? 0,
    level: profile?.level ?? "newcomer",
    ledger: ledger.map(({ council_id, ...row }) =>
      council_id && !can(actor, "recognition.seeCouncilActivity", { councilId: council_id })
        ? { rule: "council contribution", points: row.points, occurred_at: row.occurred_at }
        : { ...row, ...(council_id ? { council: true } : {}) },
    ),
    badges,
  };
}

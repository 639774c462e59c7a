import type { Kysely } from "kysely";
import { SESSION_USER_COLUMNS, toSessionUser } from "../../../app/domain/accounts/auth.server";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { createCategory, createTag } from "../../../app/domain/forum/categories.server";
import type { RenderMarkdown } from "../../../app/domain/forum/rendering";
import type { DB } from "../../schema";
import { emailOf } from "./cast";
import type { ForumPlan } from "./plan";
import { runAction, type ForumRun } from "./run";
import { categories, tags } from "./structure";

export { planForum, type ForumPlan } from "./plan";

export interface ForumSeedOptions {
  /** Everyone who may post, by the emails the plan names (see `loadForumPeople`). */
  people: readonly SessionUser[];
  render: RenderMarkdown;
  plan: ForumPlan;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface ForumSummary {
  categories: number;
  threads: number;
  replies: number;
  acceptedAnswers: number;
  reactions: number;
}

/** Steps `seedForum` reports progress for: the categories and tags, then every planned action. */
export const forumSteps = (plan: ForumPlan) => 1 + plan.actions.length;

/**
 * Forum categories, tags and ~90 days of partner conversations, created through the forum's
 * domain functions in the order they happened, so counts, mentions and the outbox are as live.
 */
export async function seedForum(db: Kysely<DB>, options: ForumSeedOptions): Promise<ForumSummary> {
  const total = forumSteps(options.plan);
  const people = new Map(options.people.map((person) => [person.email, person]));
  const admin = people.get(emailOf("laura"));
  if (!admin) throw new Error("forum seed: the vendor admin must be seeded first");

  options.onProgress?.(0, total, "Forum categories and tags");
  const run: ForumRun = { db, render: options.render, people, categoryIds: new Map(), threadIds: new Map(), posts: new Map() };
  for (const category of categories) {
    const { key, ...input } = category;
    run.categoryIds.set(key, (await createCategory(db, input, admin.id)).id);
  }
  for (const tag of tags) await createTag(db, tag);

  let done = 1;
  for (const action of options.plan.actions) {
    options.onProgress?.(done, total, action.kind === "thread" ? action.thread.title : "Forum replies and reactions");
    await runAction(run, action);
    done++;
  }
  const count = (kind: ForumPlan["actions"][number]["kind"]) => options.plan.actions.filter((a) => a.kind === kind).length;
  return {
    categories: categories.length,
    threads: count("thread"),
    replies: count("reply"),
    acceptedAnswers: count("accept"),
    reactions: count("react"),
  };
}

/** Everyone the forum seed may cast: members of an organization and vendor staff, not pending applicants. */
export async function loadForumPeople(db: Kysely<DB>): Promise<SessionUser[]> {
  const rows = await db
    .selectFrom("users")
    .select(SESSION_USER_COLUMNS)
    .where((eb) => eb.or([eb("organization_id", "is not", null), eb("is_vendor_staff", "=", true)]))
    .execute();
  return rows.map(toSessionUser);
}

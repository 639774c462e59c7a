import type { Kysely } from "kysely";
import { hashPassword } from "../../app/domain/accounts/passwords.server";
import { RENDERER_VERSION, renderMarkdown } from "../../app/domain/forum/markdown";
import type { Logger } from "../../server/logger";
import type { DB } from "../schema";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./data/demo-accounts";
import { rebuildRecognition } from "../../app/domain/recognition/rebuild.server";
import { forumSteps, loadForumPeople, planForum, seedForum, type ForumSummary } from "./forum";
import { seedDirectory } from "./directory";
import { seedModeration } from "./moderation";
import { planSeed, stepLabel } from "./plan";
import { seedCouncils, type CouncilSummary } from "./councils";
import { runStep, type SeedContext } from "./run-step";
import { seedMentoring, type MentoringSummary } from "./mentoring";

export { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoAccount } from "./data/demo-accounts";

export interface SeedOptions {
  /**
   * With demo accounts, every seeded person shares the well-known demo password. Without them,
   * nobody gets a password: the ecosystem is there to look at, and nobody can log in as it.
   */
  demoAccounts?: boolean;
  seed?: number;
  onProgress?: (done: number, total: number, label: string) => void;
}

export interface SeedSummary {
  organizations: number;
  people: number;
  demoAccounts: boolean;
  pendingJoinRequests: number;
  forum: ForumSummary;
  directMessages?: { conversations: number };
  councils?: CouncilSummary;
  mentoring?: MentoringSummary;
}

// In process and synchronous: the seed has no render pool, and its Markdown is our own.
const render = async (source: string) => ({ ...renderMarkdown(source), rendererVersion: RENDERER_VERSION });

/** Builds the demo partner ecosystem through the domain functions. Expects an empty database. */
export async function seedDemo(db: Kysely<DB>, options: SeedOptions = {}): Promise<SeedSummary> {
  const demoAccounts = options.demoAccounts ?? true;
  const steps = planSeed({ demoAccounts, seed: options.seed });
  const forumPlan = planForum({ demoAccounts, seed: options.seed, now: new Date() });
  const total = steps.length + forumSteps(forumPlan);
  // argon2 costs ~50 ms a hash, so everyone shares one instead of paying it 50 times.
  const context: SeedContext = {
    db,
    passwordHash: demoAccounts ? await hashPassword(DEMO_PASSWORD) : undefined,
    adminId: null,
    organizationIds: new Map(),
    partnerAdminIds: new Map(),
  };
  let done = 0;
  for (const step of steps) {
    options.onProgress?.(done, total, stepLabel(step));
    await runStep(context, step);
    done++;
  }
  // The forum comes once everyone is in: threads, replies and reactions need their authors.
  const forum = await seedForum(db, {
    people: await loadForumPeople(db),
    render,
    plan: forumPlan,
    onProgress: (forumDone, _total, label) => options.onProgress?.(steps.length + forumDone, total, label),
  });
  // Follows and direct messages last: they are between people who already posted.
  const directMessages = await seedDirectory(db, { people: await loadForumPeople(db), render });
  // A queue with flagged posts and an audit log with entries, once the forum has posts to flag.
  await seedModeration(db, await loadForumPeople(db));
  // The council last: its private thread and meetings need the forum's people in place.
  const councils = await seedCouncils(db, { render });
  // Mentoring last: its mentors and mentees are people the steps above created.
  const mentoring = await seedMentoring(db, { demoAccounts });
  // Demo addresses count as confirmed, so notification mail reaches the outbox at /admin/mail.
  await db
    .insertInto("email_verifications")
    .columns(["user_id", "email"])
    .expression((eb) => eb.selectFrom("users").select(["id", "email"]))
    .onConflict((oc) => oc.column("user_id").doNothing())
    .execute();
  // Points, badges and levels come from replaying what just happened through the engine, as a
  // rebuild would: nothing is inserted by hand, and nobody is notified about the past.
  options.onProgress?.(total, total, "recognition");
  await rebuildRecognition(db, { pending: true });
  options.onProgress?.(total, total, "done");
  return {
    councils,
    organizations: steps.filter((step) => step.kind === "organization").length,
    people: steps.filter((step) => step.kind !== "organization").length,
    demoAccounts,
    pendingJoinRequests: steps.filter((step) => step.kind === "pending").length,
    forum,
    directMessages,
    mentoring,
  };
}

export async function hasUsers(db: Kysely<DB>) {
  return (await db.selectFrom("users").select("id").limit(1).executeTakeFirst()) !== undefined;
}

/**
 * The server's DEMO=1 path: seeds a database that has nobody in it yet and leaves any other
 * alone, so restarting a demo keeps whatever people did in it. Returns null when it skipped.
 */
export async function seedDemoIfEmpty(
  db: Kysely<DB>,
  log: Pick<Logger, "info" | "debug">,
  options: Omit<SeedOptions, "onProgress"> = {},
): Promise<SeedSummary | null> {
  if (await hasUsers(db)) {
    log.info("demo data: skipped, the database already has people in it");
    return null;
  }
  log.info("demo data: seeding an empty database");
  const started = Date.now();
  const summary = await seedDemo(db, {
    ...options,
    onProgress: (done, total, label) => log.debug({ done, total }, `demo data: ${label}`),
  });
  const logins = summary.demoAccounts
    ? { accounts: DEMO_ACCOUNTS.map((account) => account.email), password: DEMO_PASSWORD }
    : {};
  log.info({ ...summary, ...logins, ms: Date.now() - started }, "demo data: seeded");
  return summary;
}

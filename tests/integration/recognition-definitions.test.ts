import crypto from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { Dispatcher } from "../../server/dispatcher";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { describeNotification } from "../../app/components/follow/notification-list";
import { listNotifications } from "../../app/domain/follow/notifications.server";
import { earnedBadges } from "../../app/domain/recognition/explain.server";
import { ruleSetFormValues } from "../../app/domain/recognition/rule-settings.server";
import { currentRules, publishRules } from "../../app/domain/recognition/rules.server";
import { action } from "../../app/routes/admin.recognition";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser } from "../support/factories";
import { emit, engineDispatcher, grantsOf, makeMember } from "../support/recognition";

/** Badge and level definitions edited by admins: versioned like point rules, never back-dated (decision 016). */
let database: Database;
let dispatcher: Dispatcher;
let admin: SessionUser;
beforeAll(async () => {
  database = await createTestDatabase();
  dispatcher = engineDispatcher(database, { batchSize: 500 });
  admin = asSessionUser(await makeUser(database.db, { role: "admin", isVendorStaff: true }));
});
afterAll(async () => {
  await dispatcher.stop();
  await database.close();
});

const id = () => crypto.randomBytes(6).toString("hex");
const minutes = (base: Date, n: number) => new Date(base.getTime() + n * 60_000);
const levelOf = async (userId: string) =>
  (await database.db.selectFrom("recognition_profiles").select("level").where("user_id", "=", userId).executeTakeFirst())?.level ?? "newcomer";

async function post(authorId: string, at: Date) {
  await emit(database.db, "forum.thread_created", { threadId: id(), postId: id(), categoryId: 1, authorId }, at);
}

const context = (user: SessionUser) => ({ db: database.db, user, log: pino({ level: "silent" }) }) as unknown as AppLoadContext;
async function submit(changes: Record<string, string>) {
  const values = { ...ruleSetFormValues((await currentRules(database.db)).rules), ...changes };
  const request = new Request("http://localhost/admin/recognition", { method: "POST", body: new URLSearchParams(values) });
  const result = (await action({ request, context: context(admin), params: {} })) as unknown as {
    init?: { status?: number };
    data: { errors?: Record<string, string>; values?: Record<string, string>; done?: string };
  };
  return { status: result.init?.status ?? 200, body: result.data };
}

describe("level thresholds edited by an admin", () => {
  it("apply from now on: the same points make a Contributor after the change, not before", async () => {
    const now = new Date();
    const early = await makeMember(database.db);
    const late = await makeMember(database.db);
    // 10 points each, under the default Contributor step of 25.
    await post(early.id, minutes(now, -10));
    await post(early.id, minutes(now, -9));
    await post(late.id, minutes(now, -10));
    await dispatcher.drain();
    expect([await levelOf(early.id), await levelOf(late.id)]).toEqual(["newcomer", "newcomer"]);

    const result = await submit({ "level.contributor.minPoints": "12", note: "Lower first step" });
    expect(result.status).toBe(200);
    expect((await currentRules(database.db)).rules.levels.contributor!.minPoints).toBe(12);
    // Nobody is re-judged by the change itself.
    expect(await levelOf(early.id)).toBe("newcomer");

    // Their next action is evaluated with the thresholds in force: 15 points now make a Contributor.
    await post(early.id, minutes(now, 1));
    await post(late.id, minutes(now, 1));
    await dispatcher.drain();
    expect(await levelOf(early.id)).toBe("contributor");
    // 10 points stay under the new step too.
    expect(await levelOf(late.id)).toBe("newcomer");
    const { notifications } = await listNotifications(database.db, asSessionUser(early));
    expect(notifications.map((n) => describeNotification(n))).toContain("You reached the level Contributor");
  });

  it("refuses a bad value at its field with 400, keeping what was typed and publishing nothing", async () => {
    const before = await currentRules(database.db);
    const result = await submit({
      "level.contributor.minPoints": "-3",
      "level.community-leader.minPoints": "100",
      "level.champion.minDays": "soon",
      "badge.kudos.silver": "10",
      "badge.first-post.name": "  ",
      "manual.helpful-mentor.description": "x".repeat(201),
    });
    expect(result.status).toBe(400);
    expect(result.body.errors).toMatchObject({
      "level.contributor.minPoints": "Points cannot be negative.",
      "level.community-leader.minPoints": "Community Leader must need more points than Trusted Contributor (150).",
      "level.champion.minDays": "This value must be a whole number.",
      "badge.kudos.silver": "The silver threshold must be above the bronze one (25).",
      "badge.first-post.name": "A name is required.",
      "manual.helpful-mentor.description": "Keep the description under 200 characters.",
    });
    expect(result.body.values).toMatchObject({ "level.contributor.minPoints": "-3", "level.champion.minDays": "soon", "badge.kudos.silver": "10" });
    expect((await currentRules(database.db)).version).toBe(before.version);
  });
});

describe("badge definitions edited by an admin", () => {
  it("grant at the new threshold under the new name, and profiles show the name in force", async () => {
    const now = new Date();
    const result = await submit({ "badge.kudos.name": "Much appreciated", "badge.kudos.bronze": "2", "badge.kudos.silver": "3" });
    expect(result.status).toBe(200);
    const author = await makeMember(database.db);
    const fans = [await makeMember(database.db), await makeMember(database.db)];
    const threadId = id();
    const postId = id();
    await emit(database.db, "forum.thread_created", { threadId, postId, categoryId: 1, authorId: author.id }, minutes(now, 2));
    for (const fan of fans) {
      await emit(database.db, "forum.reaction_added", { threadId, postId, reactorId: fan.id, authorId: author.id, kind: "like" }, minutes(now, 2));
    }
    await dispatcher.drain();
    expect((await grantsOf(database.db, author.id)).map((g) => [g.badge, g.tier])).toEqual([
      ["first-post", "bronze"],
      ["kudos", "bronze"],
    ]);
    expect((await earnedBadges(database.db, author.id)).map((b) => b.name)).toContain("Much appreciated");
    const { notifications } = await listNotifications(database.db, asSessionUser(author));
    expect(notifications.map((n) => describeNotification(n))).toContain("You earned the badge “Much appreciated” (bronze)");
  });

  it("a switched-off manual badge is refused to moderators", async () => {
    await publishRules(database.db, admin, {
      rules: { ...(await currentRules(database.db)).rules, manualBadges: { ...(await currentRules(database.db)).rules.manualBadges, "event-host": { name: "Event host", description: "Hosted.", enabled: false } } },
    });
    const { grantAward } = await import("../../app/domain/moderation/awards.server");
    const moderator = asSessionUser(await makeUser(database.db, { role: "moderator", isVendorStaff: true }));
    const member = await makeMember(database.db);
    await expect(grantAward(database.db, moderator, { kind: "badge", recipient: member.handle, badge: "event-host", reason: "Ran the meetup" })).rejects.toMatchObject({
      status: 400,
      field: "badge",
    });
  });
});

describe("manual badge announcements", () => {
  it("name the badge, not its key, in the toast event and the notification", async () => {
    const member = await makeMember(database.db);
    const moderator = await makeUser(database.db, { role: "moderator", isVendorStaff: true });
    await emit(database.db, "moderation.badge_awarded", { awardId: 9001, recipientId: member.id, moderatorId: moderator.id, badge: "helpful-mentor", reason: "Guided a newcomer" }, new Date(), moderator.id);
    await dispatcher.drain();
    const toast = await database.db
      .selectFrom("outbox_events")
      .select("payload")
      .where("type", "=", "recognition.badge_granted")
      .where(({ eb }) => eb.cast(eb.ref("payload"), "text"), "like", `%${member.id}%`)
      .executeTakeFirstOrThrow();
    expect(toast.payload).toMatchObject({ badge: "Helpful mentor" });
    const { notifications } = await listNotifications(database.db, asSessionUser(member));
    expect(notifications.map((n) => describeNotification(n))).toContain("You earned the badge “Helpful mentor”");
    expect((await earnedBadges(database.db, member.id)).map((b) => b.name)).toEqual(["Helpful mentor"]);
  });
});

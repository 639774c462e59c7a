import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { Dispatcher } from "../../server/dispatcher";
import pino from "pino";
import { applyEvents, recognitionSubscriber } from "../../app/domain/recognition/engine.server";
import { createDispatcher } from "../../server/dispatcher";
import { listNotifications, setNotificationPreferences, unreadNotificationCount } from "../../app/domain/follow/notifications.server";
import { describeNotification } from "../../app/components/follow/notification-list";
import { publishRules } from "../../app/domain/recognition/rules.server";
import { DEFAULT_RULES, type RuleSet } from "../../app/domain/recognition/rules";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { createTestDatabase } from "../support/database";
import { emit, engineDispatcher, grantsOf, ledgerOf, makeMember, pointsOf, recognitionSnapshot } from "../support/recognition";

let database: Database;
let dispatcher: Dispatcher;
beforeAll(async () => {
  database = await createTestDatabase();
  dispatcher = engineDispatcher(database, { batchSize: 500 });
});
afterAll(async () => {
  await dispatcher.stop();
  await database.close();
});

const id = () => crypto.randomBytes(6).toString("hex");
const day = (n: number, hour = 12) => new Date(Date.UTC(2026, 9, n, hour));
const drain = () => dispatcher.drain();

async function thread(authorId: string, at = day(1), categoryId = 1) {
  const threadId = id();
  const postId = id();
  await emit(database.db, "forum.thread_created", { threadId, postId, categoryId, authorId }, at);
  return { threadId, postId };
}
async function replyTo(threadId: string, authorId: string, at = day(1)) {
  const postId = id();
  await emit(database.db, "forum.reply_posted", { threadId, postId, categoryId: 1, authorId }, at);
  return postId;
}
const react = (post: { postId: string; threadId: string }, reactorId: string, authorId: string, at = day(1), kind = "like") =>
  emit(database.db, "forum.reaction_added", { ...post, reactorId, authorId, kind }, at);
const unreact = (post: { postId: string; threadId: string }, reactorId: string, authorId: string, at = day(1), kind = "like") =>
  emit(database.db, "forum.reaction_removed", { ...post, reactorId, authorId, kind }, at);

describe("points for contributions", () => {
  it("gives affiliated members the brief's points and records the rule version", async () => {
    const author = await makeMember(database.db);
    const post = await thread(author.id);
    await replyTo(post.threadId, author.id);
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(7);
    const ledger = await ledgerOf(database.db, author.id);
    expect(ledger.map((row) => [row.rule, row.points, row.rule_version])).toEqual([
      ["thread_created", 5, 1],
      ["reply_posted", 2, 1],
    ]);
    expect(ledger[0]!.organization_id).toBe(author.organization_id);
  });

  it("gives nothing to people without an organization or to vendor staff", async () => {
    const loner = await makeUser(database.db);
    const staff = await makeUser(database.db, { isVendorStaff: true });
    await thread(loner.id);
    await thread(staff.id);
    await drain();
    expect(await pointsOf(database.db, loner.id)).toBe(0);
    expect(await pointsOf(database.db, staff.id)).toBe(0);
  });

  it("starts earning once an organization takes the person in", async () => {
    const person = await makeUser(database.db);
    const org = await makeOrganization(database.db);
    await thread(person.id, day(2));
    await emit(database.db, "organization.member_joined", { userId: person.id, organizationId: org.id, via: "admin" }, day(2, 13));
    await thread(person.id, day(2, 14));
    await drain();
    expect(await pointsOf(database.db, person.id)).toBe(5);
  });
});

describe("anti-gaming", () => {
  it("gives no points for reacting to oneself", async () => {
    const author = await makeMember(database.db);
    const post = await thread(author.id);
    await react(post, author.id, author.id);
    await drain();
    expect((await ledgerOf(database.db, author.id)).map((row) => row.rule)).toEqual(["thread_created"]);
  });

  it("caps points from reactions at 200 a day, partially at the edge, and starts again the next day", async () => {
    const author = await makeMember(database.db);
    const post = await thread(author.id, day(3, 1));
    for (let i = 0; i < 42; i++) await react(post, `reactor-${id()}`, author.id, day(3, 2));
    await react(post, `reactor-${id()}`, author.id, day(4, 2));
    await drain();
    const reactions = (await ledgerOf(database.db, author.id)).filter((row) => row.rule === "reaction_received");
    const firstDay = reactions.filter((row) => row.occurred_at.getTime() === day(3, 2).getTime());
    expect(firstDay.reduce((sum, row) => sum + row.points, 0)).toBe(200);
    expect(firstDay).toHaveLength(40);
    expect(reactions.filter((row) => row.occurred_at.getTime() === day(4, 2).getTime()).map((row) => row.points)).toEqual([5]);
  });

  it("exempts accepted answers from the reaction cap", async () => {
    const author = await makeMember(database.db);
    const asker = await makeMember(database.db);
    const question = await thread(asker.id, day(5, 1));
    const answer = await replyTo(question.threadId, author.id, day(5, 1));
    for (let i = 0; i < 41; i++) await react({ threadId: question.threadId, postId: answer }, `reactor-${id()}`, author.id, day(5, 2));
    await emit(database.db, "forum.answer_accepted", { threadId: question.threadId, postId: answer, categoryId: 1, answerAuthorId: author.id, askerId: asker.id }, day(5, 3));
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(2 + 200 + 15);
    expect(await pointsOf(database.db, asker.id)).toBe(5 + 2);
  });

  it("counts at most five reactions a day from one person to one author", async () => {
    const author = await makeMember(database.db);
    const fan = await makeMember(database.db);
    const posts = [];
    for (let i = 0; i < 7; i++) posts.push(await thread(author.id, day(6, 1)));
    for (const post of posts.slice(0, 6)) await react(post, fan.id, author.id, day(6, 2));
    await react(posts[6]!, fan.id, author.id, day(7, 2));
    await drain();
    const reactionPoints = (await ledgerOf(database.db, author.id)).filter((row) => row.rule === "reaction_received").map((row) => row.points);
    expect(reactionPoints).toEqual([5, 5, 5, 5, 5, 5]);
  });

  it("earns nothing new when a reaction is toggled off and on, and reverses it when withdrawn", async () => {
    const author = await makeMember(database.db);
    const fan = await makeMember(database.db);
    const post = await thread(author.id, day(8));
    await react(post, fan.id, author.id, day(8));
    await react(post, fan.id, author.id, day(8), "thanks");
    await unreact(post, fan.id, author.id, day(8), "thanks");
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(10);
    await unreact(post, fan.id, author.id, day(8));
    await react(post, fan.id, author.id, day(8));
    await unreact(post, fan.id, author.id, day(8));
    await react(post, fan.id, author.id, day(8));
    await drain();
    const rows = (await ledgerOf(database.db, author.id)).filter((row) => row.post_id === post.postId && row.rule !== "thread_created");
    expect(rows.map((row) => [row.rule, row.points, row.reverses_rule])).toEqual([
      ["reaction_received", 5, null],
      ["reversal", -5, "reaction_received"],
    ]);
    expect(await pointsOf(database.db, author.id)).toBe(5);
  });

  it("gives half for reactions within one organization", async () => {
    const org = await makeOrganization(database.db);
    const author = await makeMember(database.db, org.id);
    const colleague = await makeMember(database.db, org.id);
    const post = await thread(author.id, day(9));
    await react(post, colleague.id, author.id, day(9));
    await drain();
    const row = (await ledgerOf(database.db, author.id)).find((r) => r.rule === "reaction_received");
    expect(row).toMatchObject({ points: 2, note: "same organization" });
  });
});

describe("reversals", () => {
  it("takes back both sides of an accepted answer when it is unaccepted, and gives them again on a new accept", async () => {
    const author = await makeMember(database.db);
    const asker = await makeMember(database.db);
    const question = await thread(asker.id, day(10));
    const answer = await replyTo(question.threadId, author.id, day(10));
    const accepted = { threadId: question.threadId, postId: answer, categoryId: 1, answerAuthorId: author.id, askerId: asker.id };
    await emit(database.db, "forum.answer_accepted", accepted, day(10, 13));
    await emit(database.db, "forum.answer_unaccepted", { threadId: question.threadId, postId: answer, answerAuthorId: author.id, askerId: asker.id }, day(10, 14));
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(2);
    expect(await pointsOf(database.db, asker.id)).toBe(5);
    const reversal = (await ledgerOf(database.db, author.id)).find((row) => row.rule === "reversal");
    expect(reversal).toMatchObject({ points: -15, reverses_rule: "answer_accepted", post_id: answer });
    await emit(database.db, "forum.answer_accepted", accepted, day(10, 15));
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(17);
  });

  it("reverses everything a post earned when it is hidden, and restoring earns nothing back", async () => {
    const author = await makeMember(database.db);
    const asker = await makeMember(database.db);
    const fan = await makeMember(database.db);
    const question = await thread(asker.id, day(11));
    const answer = await replyTo(question.threadId, author.id, day(11));
    const post = { threadId: question.threadId, postId: answer };
    await react(post, fan.id, author.id, day(11));
    await emit(database.db, "forum.answer_accepted", { ...post, categoryId: 1, answerAuthorId: author.id, askerId: asker.id }, day(11));
    await emit(database.db, "forum.post_hidden", { ...post, authorId: author.id }, day(11, 15));
    await emit(database.db, "forum.post_restored", { ...post, authorId: author.id }, day(11, 16));
    await emit(database.db, "forum.post_hidden", { ...post, authorId: author.id }, day(11, 17));
    await drain();
    expect(await pointsOf(database.db, author.id)).toBe(0);
    expect(await pointsOf(database.db, asker.id)).toBe(5);
    const ledger = await ledgerOf(database.db, author.id);
    expect(ledger.filter((row) => row.rule === "reversal").map((row) => row.reverses_rule).sort()).toEqual(["answer_accepted", "reaction_received", "reply_posted"]);
  });

  it("reverses a moderator's award and revokes a manual badge when the award is revoked", async () => {
    const member = await makeMember(database.db);
    const moderator = await makeUser(database.db, { role: "moderator", isVendorStaff: true });
    await emit(database.db, "moderation.points_awarded", { awardId: 9001, recipientId: member.id, moderatorId: moderator.id, points: 40, reason: "Great webinar" }, day(12));
    await emit(database.db, "moderation.badge_awarded", { awardId: 9002, recipientId: member.id, moderatorId: moderator.id, badge: "Webinar host", reason: "Ran the Q3 webinar" }, day(12));
    await drain();
    expect(await pointsOf(database.db, member.id)).toBe(40);
    expect((await grantsOf(database.db, member.id)).map((g) => g.badge)).toContain("Webinar host");
    await emit(database.db, "moderation.award_revoked", { awardId: 9001, recipientId: member.id, moderatorId: moderator.id, reason: "Duplicate" }, day(12, 13));
    await emit(database.db, "moderation.award_revoked", { awardId: 9002, recipientId: member.id, moderatorId: moderator.id, reason: "Wrong person" }, day(12, 13));
    await drain();
    expect(await pointsOf(database.db, member.id)).toBe(0);
    expect((await grantsOf(database.db, member.id)).find((g) => g.badge === "Webinar host")?.revoked_at).not.toBeNull();
  });
});

describe("faults and bad input", () => {
  it("changes nothing when an event is processed twice", async () => {
    const author = await makeMember(database.db);
    const fan = await makeMember(database.db);
    const post = await thread(author.id, day(13));
    await react(post, fan.id, author.id, day(13));
    await drain();
    const before = await recognitionSnapshot(database.db);
    const events = await database.db.selectFrom("outbox_events").selectAll().where("type", "like", "forum.%").orderBy("txid").orderBy("id").execute();
    const again = events.map((row) => ({ id: row.id, txid: row.txid, type: row.type, payload: row.payload, actorId: row.actor_id, occurredAt: row.occurred_at }) as DispatchedEvent);
    await database.db.transaction().execute((trx) => applyEvents(trx, again, { live: true }));
    expect(await recognitionSnapshot(database.db)).toEqual(before);
  });

  it("refuses an event type it does not know, and the dispatcher dead-letters it", async () => {
    const bogus = { id: 1, txid: "1", type: "forum.bogus", payload: {}, actorId: null, occurredAt: new Date() } as unknown as DispatchedEvent;
    await expect(database.db.transaction().execute((trx) => applyEvents(trx, [bogus], { live: true }))).rejects.toThrow(/unknown event type forum.bogus/);
    const row = await database.db.insertInto("outbox_events").values({ type: "forum.bogus", payload: JSON.stringify({}), actor_id: null }).returning("id").executeTakeFirstOrThrow();
    const oneShot = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber()], maxAttempts: 1 });
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      await oneShot.drain();
      const state = await database.db.selectFrom("outbox_events").select("failed_at").where("id", "=", row.id).executeTakeFirstOrThrow();
      if (state.failed_at) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await oneShot.stop();
    const failed = await database.db.selectFrom("outbox_events").select(["failed_at", "last_error"]).where("id", "=", row.id).executeTakeFirstOrThrow();
    expect(failed.failed_at).not.toBeNull();
    expect(failed.last_error).toMatch(/unknown event type/);
  });

  it("rejects negative or absurd rule values and unknown badges, at the field that is wrong", async () => {
    const admin = asSessionUser(await makeUser(database.db, { role: "admin", isVendorStaff: true }));
    const withRule = (patch: Partial<RuleSet["rules"]["reply_posted"]>): RuleSet => ({
      ...DEFAULT_RULES,
      rules: { ...DEFAULT_RULES.rules, reply_posted: { ...DEFAULT_RULES.rules.reply_posted, ...patch } },
    });
    await expect(publishRules(database.db, admin, { rules: withRule({ points: -3 }) })).rejects.toMatchObject({ status: 400, field: "rules.reply_posted.points", message: "Points cannot be negative." });
    await expect(publishRules(database.db, admin, { rules: withRule({ points: 1_000_000 }) })).rejects.toMatchObject({ field: "rules.reply_posted.points" });
    await expect(publishRules(database.db, admin, { rules: withRule({ dailyCap: 0 }) })).rejects.toMatchObject({ field: "rules.reply_posted.dailyCap" });
    await expect(publishRules(database.db, admin, { rules: { ...DEFAULT_RULES, disabledBadges: ["no-such-badge"] } })).rejects.toMatchObject({
      field: "disabledBadges.0",
      message: 'There is no badge called "no-such-badge".',
    });
    const member = asSessionUser(await makeMember(database.db));
    await expect(publishRules(database.db, member, { rules: DEFAULT_RULES })).rejects.toMatchObject({ status: 403 });
  });
});

describe("rule versions", () => {
  it("evaluates each event with the version in force when it happened", async () => {
    const admin = asSessionUser(await makeUser(database.db, { role: "admin", isVendorStaff: true }));
    const author = await makeMember(database.db);
    const now = new Date();
    await thread(author.id, new Date(now.getTime() - 60_000));
    const published = await publishRules(database.db, admin, {
      rules: { ...DEFAULT_RULES, rules: { ...DEFAULT_RULES.rules, thread_created: { points: 8, dailyCap: null, enabled: true } } },
      note: "More for questions",
    }, now);
    await thread(author.id, new Date(now.getTime() + 60_000));
    await drain();
    const ledger = await ledgerOf(database.db, author.id);
    expect(ledger.map((row) => [row.points, row.rule_version])).toEqual([
      [5, published.version - 1],
      [8, published.version],
    ]);
    // Later tests expect the defaults again.
    await publishRules(database.db, admin, { rules: DEFAULT_RULES }, new Date(now.getTime() + 120_000));
  });
});

describe("badges, levels and announcements", () => {
  it("grants a badge once, moves the level, and announces both for toasts", async () => {
    const author = await makeMember(database.db);
    const fans = await Promise.all([0, 1, 2, 3].map(() => makeMember(database.db)));
    const post = await thread(author.id, day(14));
    for (const fan of fans) await react(post, fan.id, author.id, day(14));
    await thread(author.id, day(14));
    await drain();
    const grants = await grantsOf(database.db, author.id);
    expect(grants.map((g) => [g.badge, g.tier])).toEqual([["first-post", "bronze"]]);
    const profile = await database.db.selectFrom("recognition_profiles").selectAll().where("user_id", "=", author.id).executeTakeFirstOrThrow();
    expect(profile).toMatchObject({ points: 30, level: "contributor" });
    const announced = await database.db
      .selectFrom("outbox_events")
      .select(["type", "payload"])
      .where("type", "like", "recognition.%")
      .where(({ eb }) => eb.cast(eb.ref("payload"), "text"), "like", `%${author.id}%`)
      .orderBy("id")
      .execute();
    expect(announced.map((e) => e.type)).toEqual(expect.arrayContaining(["recognition.points_changed", "recognition.badge_granted", "recognition.level_changed"]));
    expect(announced.find((e) => e.type === "recognition.level_changed")?.payload).toEqual({ userId: author.id, level: "Contributor" });

    const reader = asSessionUser(author);
    const { notifications } = await listNotifications(database.db, reader);
    expect(notifications.map((n) => describeNotification(n))).toEqual(
      expect.arrayContaining(["You earned the badge “First post” (bronze)", "You reached the level Contributor"]),
    );
    expect(await unreadNotificationCount(database.db, reader)).toBe(2);
  });

  it("does not notify about badges to someone who turned them off", async () => {
    const author = await makeMember(database.db);
    await setNotificationPreferences(database.db, author.id, { badge: false });
    await thread(author.id, day(15));
    await drain();
    expect((await grantsOf(database.db, author.id)).map((g) => g.badge)).toEqual(["first-post"]);
    const { notifications } = await listNotifications(database.db, asSessionUser(author));
    expect(notifications.map((n) => n.kind)).toEqual([]);
  });
});

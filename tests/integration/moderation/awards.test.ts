import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { awardSchema, grantAward, listAwards, revokeAward } from "../../../app/domain/moderation/awards.server";
import { noticesFor } from "../../../app/domain/moderation/notices.server";
import { manualBadgeDefinitions } from "../../../app/domain/recognition/badges";
import { createTestDatabase } from "../../support/database";
import { makeCategory, makeReply, makeThread } from "../../support/forum";
import { auditRows, eventsFor, person, refusalOf } from "../../support/moderation";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("recognition awards", () => {
  it("awards a badge for a post: event for the recognition engine, audit row, notice, and on the profile list", async () => {
    const db = database.db;
    const [moderator, helper] = [await person(db, "moderator"), await person(db)];
    const category = await makeCategory(db);
    const thread = await makeThread(db, helper, category.id);
    const answer = await makeReply(db, helper, thread.threadId, "Here is the migration checklist we use.");
    const { awardId } = await grantAward(db, moderator, { kind: "badge", recipient: `@${helper.handle}`, badge: "helpful-mentor", reason: "Generous checklist", postId: answer.postId });
    const [event] = await eventsFor(db, "moderation.badge_awarded", (p) => p.awardId === awardId);
    expect(event!.payload).toEqual({ awardId, recipientId: helper.id, moderatorId: moderator.id, badge: "helpful-mentor", reason: "Generous checklist" });
    expect((await auditRows(db, String(awardId), "award"))[0]).toMatchObject({ action: "award.granted", actor_id: moderator.id, reason: "Generous checklist" });
    expect((await noticesFor(db, helper.id))[0]!.message).toContain("the “Helpful mentor” badge");
    expect(await listAwards(db, { recipientId: helper.id })).toMatchObject([{ badge: "helpful-mentor", reason: "Generous checklist", post_id: answer.postId }]);
  });

  it("refuses self-awards with a message at the recipient field", async () => {
    const db = database.db;
    const moderator = await person(db, "moderator");
    const refused = await refusalOf(grantAward(db, moderator, { kind: "points", recipient: moderator.handle, points: 10, reason: "I was great" }));
    expect(refused).toMatchObject({ status: 403, field: "recipient", message: "You cannot award yourself: ask another moderator." });
    expect(await listAwards(db, { recipientId: moderator.id })).toEqual([]);
  });

  it("awards above the threshold need an admin; members cannot award at all", async () => {
    const db = database.db;
    const [moderator, admin, member, helper] = [await person(db, "moderator"), await person(db, "admin"), await person(db), await person(db)];
    expect(await refusalOf(grantAward(db, moderator, { kind: "points", recipient: helper.handle, points: 500, reason: "Huge help" }))).toMatchObject({ status: 403, field: "points" });
    const { awardId } = await grantAward(db, admin, { kind: "points", recipient: helper.handle, points: 500, reason: "Huge help" });
    expect(await refusalOf(grantAward(db, member, { kind: "points", recipient: helper.handle, points: 5, reason: "Thanks" }))).toMatchObject({ status: 403 });
    expect(await refusalOf(revokeAward(db, moderator, { awardId, reason: "Mistake" }))).toMatchObject({ status: 403 });
    await revokeAward(db, admin, { awardId, reason: "Given twice by mistake" });
    expect(await eventsFor(db, "moderation.award_revoked", (p) => p.awardId === awardId)).toHaveLength(1);
    expect(await refusalOf(revokeAward(db, admin, { awardId, reason: "Again" }))).toMatchObject({ status: 409 });
    expect((await auditRows(db, String(awardId), "award")).map((a) => a.action)).toEqual(["award.granted", "award.revoked"]);
    expect(await listAwards(db, { recipientId: helper.id })).toEqual([]);
  });

  it("offers only recognition's manual badges: another key is refused at the badge field, with nothing written", async () => {
    const db = database.db;
    const [moderator, helper] = [await person(db, "moderator"), await person(db)];
    const parsed = awardSchema.safeParse({ kind: "badge", recipient: helper.handle, badge: "first-post", reason: "Automatic badges are earned" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["badge"], message: "Choose one of the manual badges." });
    expect(awardSchema.safeParse({ kind: "badge", recipient: helper.handle, badge: manualBadgeDefinitions[0]!.id, reason: "Great help" }).success).toBe(true);
    const refused = await refusalOf(grantAward(db, moderator, { kind: "badge", recipient: helper.handle, badge: "made-up", reason: "Typo" }));
    expect(refused).toMatchObject({ status: 400, field: "badge", message: "Choose one of the manual badges." });
    expect(await listAwards(db, { recipientId: helper.id })).toEqual([]);
  });

  it("a linked post must be the recipient's", async () => {
    const db = database.db;
    const [moderator, helper, other] = [await person(db, "moderator"), await person(db), await person(db)];
    const category = await makeCategory(db);
    const thread = await makeThread(db, other, category.id);
    expect(await refusalOf(grantAward(db, moderator, { kind: "points", recipient: helper.handle, points: 5, reason: "Nice", postId: thread.postId }))).toMatchObject({ status: 400, field: "postId" });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { addCategory, moveCategory, setCategoryRules } from "../../../app/domain/moderation/categories-admin.server";
import { healthReport } from "../../../app/domain/moderation/health.server";
import { defaultSettings, getSettings, updateSettings } from "../../../app/domain/moderation/settings.server";
import { createTestDatabase } from "../../support/database";
import { makeReply, makeThread } from "../../support/forum";
import { auditRows, person, refusalOf } from "../../support/moderation";
import { reply } from "../../../app/domain/forum/posts.server";
import { render } from "../../support/forum";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("admin settings", () => {
  it("saves changed settings with an audit row per key; moderators and members are refused", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    const changed = await updateSettings(db, admin, { ...defaultSettings, flagHideThreshold: 4.5, holdNewAccounts: true });
    expect(changed.sort()).toEqual(["flagHideThreshold", "holdNewAccounts"]);
    expect(await getSettings(db)).toMatchObject({ flagHideThreshold: 4.5, holdNewAccounts: true });
    expect((await auditRows(db, "flagHideThreshold"))[0]).toMatchObject({ action: "settings.changed", before: 3, after: 4.5 });
    const moderator = await person(db, "moderator");
    expect(await refusalOf(updateSettings(db, moderator, defaultSettings))).toMatchObject({ status: 403 });
    await updateSettings(db, admin, defaultSettings);
  });

  it("the posting rate limit follows the setting", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    // Old enough not to count as a new account.
    const tenDaysAgo = new Date(Date.now() - 10 * 86_400_000);
    const author = { ...(await person(db)), createdAt: tenDaysAgo };
    await db.updateTable("users").set({ created_at: tenDaysAgo } as never).where("id", "=", author.id).execute();
    const category = await addCategory(db, admin, { name: "Rate limited", description: "", visibility: "public" });
    const thread = await makeThread(db, author, category.id);
    await updateSettings(db, admin, { ...defaultSettings, postsPerMinute: 2 });
    try {
      const at = new Date();
      await reply(db, { actor: author, threadId: thread.threadId, body: "one", render, at });
      await reply(db, { actor: author, threadId: thread.threadId, body: "two", render, at });
      expect(await refusalOf(reply(db, { actor: author, threadId: thread.threadId, body: "three", render, at }))).toMatchObject({ status: 429 });
    } finally {
      await updateSettings(db, admin, defaultSettings);
    }
  });
});

describe("admin categories", () => {
  it("creates, reorders and sets who may start threads and reply, all audited", async () => {
    const db = database.db;
    const admin = await person(db, "admin");
    const member = await person(db);
    const moderator = await person(db, "moderator");
    const first = await addCategory(db, admin, { name: "Announcements from the vendor", description: "", visibility: "public" });
    expect(await refusalOf(addCategory(db, admin, { name: "announcements from the vendor", description: "", visibility: "public" }))).toMatchObject({ field: "name" });
    await setCategoryRules(db, admin, { categoryId: first.id, visibility: "members", startThreads: "staff", reply: "members" });
    expect(await refusalOf(makeThread(db, member, first.id))).toMatchObject({ status: 403, field: "categoryId" });
    const thread = await makeThread(db, moderator, first.id);
    await makeReply(db, member, thread.threadId);
    await setCategoryRules(db, admin, { categoryId: first.id, visibility: "members", startThreads: "staff", reply: "staff" });
    expect(await refusalOf(makeReply(db, member, thread.threadId))).toMatchObject({ status: 403 });
    const audit = await auditRows(db, String(first.id), "category");
    expect(audit.map((a) => a.action)).toEqual(["category.created", "category.rules_changed", "category.rules_changed"]);
    expect(audit[1]).toMatchObject({ before: { visibility: "public", startThreads: "members" }, after: { visibility: "members", startThreads: "staff" } });

    const second = await addCategory(db, admin, { name: "Second in line", description: "", visibility: "public" });
    await moveCategory(db, admin, { categoryId: second.id, direction: "up" });
    const positions = await db.selectFrom("categories").select(["id", "position"]).where("id", "in", [first.id, second.id]).execute();
    const pos = Object.fromEntries(positions.map((p) => [p.id, p.position]));
    expect(pos[second.id]).toBeLessThan(pos[first.id]!);
    expect(await refusalOf(moveCategory(db, moderator, { categoryId: second.id, direction: "up" }))).toMatchObject({ status: 403 });
  });
});

describe("health", () => {
  it("reports version, database, outbox backlog and lag, and sockets", async () => {
    const report = await healthReport(database.db, 3);
    expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(report.database.ok).toBe(true);
    expect(report.outbox!.backlog).toBeGreaterThan(0);
    expect(report.outbox!.lagMs).toBeGreaterThanOrEqual(0);
    expect(report.sockets).toBe(3);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { exportAccountData } from "../../app/domain/account-data/export.server";
import { setUserMuted } from "../../app/domain/account-data/mutes.server";
import { removeMember } from "../../app/domain/councils/roster.server";
import { setNotificationPreferences } from "../../app/domain/follow/notifications.server";
import { notificationKinds } from "../../app/domain/follow/kinds";
import { setFollowing } from "../../app/domain/follow/follows.server";
import { sendMessage, startConversation } from "../../app/domain/messages/conversations.server";
import { setBlocked } from "../../app/domain/messages/blocks.server";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeReply, makeThread, render, tick } from "../support/forum";
import { enrol, makeCouncil, viewer } from "../support/councils";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("export my data", () => {
  it("holds the person's profile, posts, messages, preferences, follows and recognition, and nothing private of others", async () => {
    const db = database.db;
    const organization = await makeOrganization(db);
    const admin = asSessionUser(await makeUser(db, { role: "admin" }));
    let ana = asSessionUser(await makeUser(db, { organizationId: organization.id, displayName: "Ana Export" }));
    const ben = asSessionUser(await makeUser(db, { organizationId: organization.id, email: "ben.secret@example.test" }));
    const eve = asSessionUser(await makeUser(db, { email: "eve.secret@example.test" }));
    const category = await makeCategory(db);

    const own = await makeThread(db, ana, category.id, { title: "Ana asks about renewals", body: "How do renewals work?" });
    const bens = await makeThread(db, ben, category.id, { title: "Ben's thread" });
    await makeReply(db, ana, bens.threadId, "Ana answers Ben");
    // A council Ana sat on and left: what she wrote there is not hers to take away any more.
    const council = await makeCouncil(db, admin);
    const member = await enrol(db, admin, council.id, ana);
    await makeThread(db, member, council.category_id, { title: "Confidential pricing plans", body: "council secret words" });
    await removeMember(db, admin, council.id, ana.id);
    ana = await viewer(db, ana);

    const { conversationId } = await startConversation(db, { actor: ana, raw: { to: ben.handle, body: "Hello Ben" }, render, at: tick() });
    await sendMessage(db, { actor: ben, conversationId, raw: { body: "Hello Ana, from Ben" }, render, at: tick() });
    // Eve writes to Ana, then Ana blocks her: the archive shows the conversation as the page does.
    const eves = await startConversation(db, { actor: eve, raw: { to: ana.handle, body: "eve's unwanted words" }, render, at: tick() });
    await setBlocked(db, ana, eve.id, true);
    await setNotificationPreferences(db, ana.id, Object.fromEntries(notificationKinds.map((kind) => [kind, kind !== "reaction"])));
    await setFollowing(db, ana, { kind: "user", id: ben.id }, true);
    await setUserMuted(db, ana, eve.id, true);

    const archive = await exportAccountData(db, ana);
    const text = JSON.stringify(archive);

    expect(archive.profile).toMatchObject({ email: ana.email, handle: ana.handle, display_name: "Ana Export", organization: organization.name });
    expect(archive.posts.map((p) => p.thread_title).sort()).toEqual(["Ana asks about renewals", "Ben's thread"]);
    expect(archive.posts.find((p) => p.thread_id === own.threadId)?.body_source).toBe("How do renewals work?");
    expect(archive.messages.map((m) => [m.direction, m.body_source])).toEqual([
      ["sent", "Hello Ben"],
      ["received", "Hello Ana, from Ben"],
    ]);
    expect(archive.messages.every((m) => m.conversation_id !== eves.conversationId)).toBe(true);
    expect(archive.preferences.notifications.find((p) => p.kind === "reaction")).toMatchObject({ enabled: false });
    expect(archive.follows.people.map((p) => p.handle)).toEqual([ben.handle]);
    expect(archive.muted.map((p) => p.handle)).toEqual([eve.handle]);
    expect(archive.recognition).toMatchObject({ level: expect.any(String), points: expect.any(Number) });

    // Nothing private of anyone else, and nothing from the council Ana left.
    expect(text).not.toContain("ben.secret@example.test");
    expect(text).not.toContain("eve.secret@example.test");
    expect(text).not.toContain("Confidential pricing plans");
    expect(text).not.toContain("council secret words");
    expect(text).not.toContain("eve's unwanted words");
    expect(text).not.toContain("password");

    const audit = await db.selectFrom("audit_log").select(["action", "actor_id"]).where("target_id", "=", ana.id).where("action", "=", "account.data_exported").execute();
    expect(audit).toEqual([{ action: "account.data_exported", actor_id: ana.id }]);
  });

  it("exports the mentoring records the person is party to", async () => {
    const db = database.db;
    const ana = asSessionUser(await makeUser(db));
    await db.insertInto("mentor_profiles").values({ user_id: ana.id, topics: ["security"], languages: ["en"], segments: [], pitch: "I mentor on security." }).execute();
    const archive = await exportAccountData(db, ana);
    expect(archive.mentoring.mentorProfile).toMatchObject({ topics: ["security"], pitch: "I mentor on security." });
    expect(archive.mentoring.mentorships).toEqual([]);
  });
});

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { logIn, WRONG_CREDENTIALS } from "../../app/domain/accounts/signup.server";
import { deleteAccount, FORMER_MEMBER } from "../../app/domain/account-data/deletion.server";
import { parseDirectoryQuery } from "../../app/domain/directory/query";
import { searchDirectory } from "../../app/domain/directory/search.server";
import { setFollowing } from "../../app/domain/follow/follows.server";
import { getThreadPage } from "../../app/domain/forum/queries.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import { leaderboardFiltersFrom, organizationLeaderboard, peopleLeaderboard } from "../../app/domain/recognition/leaderboard.server";
import type { Dispatcher } from "../../server/dispatcher";
import { createTestDatabase } from "../support/database";
import { asSessionUser, FACTORY_PASSWORD, makeOrganization, makeUser, unique } from "../support/factories";
import { makeCategory, makeReply, makeThread, render, tick } from "../support/forum";
import { startConversation } from "../../app/domain/messages/conversations.server";
import { getConversation } from "../../app/domain/messages/inbox.server";
import { buildMail } from "../../app/domain/mail/build.server";
import { engineDispatcher } from "../support/recognition";
import { requestContext, visit } from "../support/councils";
import * as profileRoute from "../../app/routes/u.$handle";

let database: Database;
let dispatcher: Dispatcher;
beforeAll(async () => {
  database = await createTestDatabase();
  dispatcher = engineDispatcher(database);
});
afterAll(async () => {
  await dispatcher.stop();
  await database.close();
});

const allTime = leaderboardFiltersFrom(new URLSearchParams("period=all"));
const orgPoints = async (organizationId: number) =>
  (await organizationLeaderboard(database.db, allTime)).standings.find((s) => s.organizationId === organizationId)?.points ?? 0;
const onBoard = async (userId: string) => {
  const board = await peopleLeaderboard(database.db, null, allTime);
  return board.standings.some((s) => s.userId === userId);
};
const proof = { password: FACTORY_PASSWORD, confirmation: "DELETE", sessionId: null };

/** A member in an organization whose post earned points from someone of another organization. */
async function memberWithPoints() {
  const db = database.db;
  const organization = await makeOrganization(db);
  const name = unique("Deletable");
  const row = await makeUser(db, { organizationId: organization.id, displayName: name });
  const person = asSessionUser(row);
  const fan = asSessionUser(await makeUser(db, { organizationId: (await makeOrganization(db)).id }));
  const category = await makeCategory(db);
  const own = await makeThread(db, person, category.id, { body: "My own words" });
  await toggleReaction(db, { actor: fan, postId: own.postId, kind: "like" });
  await dispatcher.drain();
  return { person, name, organization, fan, category, own };
}

describe("delete my account", () => {
  it("removes personal data and sign-in, keeps posts under 'Former member' and the organization's points", async () => {
    const db = database.db;
    const { person, name, organization, fan, own } = await memberWithPoints();
    await setFollowing(db, fan, { kind: "user", id: person.id }, true);
    const { conversationId } = await startConversation(db, { actor: person, raw: { to: fan.handle, body: "Thanks for the like" }, render, at: tick() });
    await db.insertInto("sessions").values({ id: unique("session"), user_id: person.id, expires_at: new Date(Date.now() + 86_400_000) }).execute();
    const before = await orgPoints(organization.id);
    expect(before).toBeGreaterThan(0);
    expect(await onBoard(person.id)).toBe(true);
    const found = await searchDirectory(db, parseDirectoryQuery(new URLSearchParams({ q: name })));
    expect(found.hits.map((hit) => hit.id)).toContain(person.id);

    await deleteAccount(db, person, { ...proof, removePosts: false });
    await dispatcher.drain();

    const row = await db.selectFrom("users").selectAll().where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ display_name: FORMER_MEMBER, password_hash: null, bio: "", title: "", expertise: [], organization_id: null });
    expect(row.deleted_at).not.toBeNull();
    expect(row.email).not.toBe(person.email);
    expect(row.handle).not.toBe(person.handle);
    expect(await db.selectFrom("sessions").select("id").where("user_id", "=", person.id).execute()).toEqual([]);
    expect(await db.selectFrom("user_follows").select("follower_id").where("followee_id", "=", person.id).execute()).toEqual([]);

    await expect(logIn(db, { email: person.email, password: FACTORY_PASSWORD, ip: "203.0.113.9" })).rejects.toMatchObject({ message: WRONG_CREDENTIALS });

    // No profile to link to, under the old handle or the neutral one.
    for (const handle of [person.handle, row.handle]) {
      expect((await visit(profileRoute.loader, { context: requestContext(db, fan), params: { handle } })).status).toBe(404);
    }
    const page = await getThreadPage(db, fan, own.threadId);
    expect(page.posts[0]).toMatchObject({ author_name: FORMER_MEMBER, author_deleted: true, body_html: expect.stringContaining("My own words") });

    const conversation = await getConversation(db, fan, conversationId);
    expect(conversation.messages[0]).toMatchObject({ author_name: FORMER_MEMBER, author_deleted: true });
    // Nobody can write to a deleted account.
    await expect(startConversation(db, { actor: fan, raw: { to: row.handle, body: "Hello?" }, render, at: tick() })).rejects.toMatchObject({ status: 400, field: "to" });

    expect(await orgPoints(organization.id)).toBe(before);
    expect(await onBoard(person.id)).toBe(false);
    const after = await searchDirectory(db, parseDirectoryQuery(new URLSearchParams({ q: name })));
    expect(after.hits.map((hit) => hit.id)).not.toContain(person.id);
    const formers = await searchDirectory(db, parseDirectoryQuery(new URLSearchParams({ q: "Former member" })));
    expect(formers.hits.map((hit) => hit.id)).not.toContain(person.id);

    const audit = await db.selectFrom("audit_log").select("action").where("target_id", "=", person.id).where("action", "=", "account.deleted").execute();
    expect(audit).toHaveLength(1);
    const mail = await db.selectFrom("jobs").select("payload").where("kind", "=", "mail.send").execute();
    expect(mail.map((job) => job.payload)).toContainEqual({ type: "account_notice", userId: person.id, to: person.email, change: "account_deleted" });
    // The notice goes to the old address, and names nobody (the name is gone too).
    const notice = await buildMail(db, { type: "account_notice", userId: person.id, to: person.email, change: "account_deleted" }, "http://localhost");
    expect(notice).toMatchObject({ to: person.email, subject: "Your account was deleted" });
    expect(notice!.text).not.toContain(name);
  });

  it("removes the posts too when asked, keeping threads others answered, and still the organization's points", async () => {
    const db = database.db;
    const { person, organization, fan, category, own } = await memberWithPoints();
    const answered = await makeThread(db, person, category.id, { title: "Answered by others" });
    await makeReply(db, fan, answered.threadId, "The fan's answer stays");
    const fansThread = await makeThread(db, fan, category.id);
    const myReply = await makeReply(db, person, fansThread.threadId, "My reply goes");
    await dispatcher.drain();
    const before = await orgPoints(organization.id);

    const { removedPosts } = await deleteAccount(db, person, { ...proof, removePosts: true });
    await dispatcher.drain();

    expect(removedPosts).toBe(3);
    const threads = await db.selectFrom("threads").select(["id", "deleted_at"]).where("id", "in", [own.threadId, answered.threadId, fansThread.threadId]).execute();
    const deleted = (id: string) => threads.find((t) => t.id === id)!.deleted_at !== null;
    expect([deleted(own.threadId), deleted(answered.threadId), deleted(fansThread.threadId)]).toEqual([true, false, false]);
    const answeredPage = await getThreadPage(db, fan, answered.threadId);
    expect(answeredPage.posts.map((p) => [p.author_name, p.deleted_at !== null, p.body_html.includes("answer stays")])).toEqual([
      [FORMER_MEMBER, true, false],
      [fan.displayName, false, true],
    ]);
    const fansPage = await getThreadPage(db, fan, fansThread.threadId);
    // A removed reply keeps its place in the thread ("This post was deleted"), not its words.
    expect(fansPage.posts.find((p) => p.id === myReply.postId)).toMatchObject({ body_html: "", deleted_at: expect.any(Date) });
    expect(await orgPoints(organization.id)).toBe(before);
  });

  it("refuses a wrong password or a missing confirmation at the field, and changes nothing", async () => {
    const db = database.db;
    const person = asSessionUser(await makeUser(db));
    await expect(deleteAccount(db, person, { ...proof, password: "not my password", removePosts: false })).rejects.toMatchObject({ status: 400, field: "password" });
    await expect(deleteAccount(db, person, { ...proof, confirmation: "delete please", removePosts: false })).rejects.toMatchObject({ status: 400, field: "confirmation" });
    const row = await db.selectFrom("users").select(["deleted_at", "email"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted_at: null, email: person.email });
  });

  it("asks an account without a password for a recent sign-in", async () => {
    const db = database.db;
    const person: SessionUser = asSessionUser(await makeUser(db));
    await db.updateTable("users").set({ password_hash: null }).where("id", "=", person.id).execute();
    const old = unique("old");
    const fresh = unique("fresh");
    await db.insertInto("sessions").values([
      { id: old, user_id: person.id, expires_at: new Date(Date.now() + 86_400_000), created_at: new Date(Date.now() - 3_600_000) },
      { id: fresh, user_id: person.id, expires_at: new Date(Date.now() + 86_400_000) },
    ]).execute();
    await expect(deleteAccount(db, person, { password: "", confirmation: "DELETE", sessionId: old, removePosts: false })).rejects.toMatchObject({ status: 403, field: "password" });
    await deleteAccount(db, person, { password: "", confirmation: "DELETE", sessionId: fresh, removePosts: false });
    expect((await db.selectFrom("users").select("deleted_at").where("id", "=", person.id).executeTakeFirstOrThrow()).deleted_at).not.toBeNull();
  });

  it("writes nothing at all when any step fails", async () => {
    const db = database.db;
    const { person, own } = await memberWithPoints();
    // The last write of the transaction fails: everything before it must roll back.
    await sql`create function refuse_deletion_audit() returns trigger language plpgsql as $$
      begin if new.action = 'account.deleted' then raise exception 'audit refused'; end if; return new; end $$`.execute(db);
    await sql`create trigger refuse_deletion_audit before insert on audit_log for each row execute function refuse_deletion_audit()`.execute(db);
    try {
      await expect(deleteAccount(db, person, { ...proof, removePosts: true })).rejects.toThrow(/audit refused/);
    } finally {
      await sql`drop trigger refuse_deletion_audit on audit_log`.execute(db);
      await sql`drop function refuse_deletion_audit()`.execute(db);
    }
    const row = await db.selectFrom("users").select(["deleted_at", "display_name", "email"]).where("id", "=", person.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ deleted_at: null, display_name: person.displayName, email: person.email });
    const post = await db.selectFrom("posts").select("deleted_at").where("id", "=", own.postId).executeTakeFirstOrThrow();
    expect(post.deleted_at).toBeNull();
    const events = await db.selectFrom("outbox_events").select("type").where("type", "=", "user.account_deleted").where(sql<boolean>`payload->>'userId' = ${person.id}`).execute();
    expect(events).toEqual([]);
    await expect(logIn(db, { email: person.email, password: FACTORY_PASSWORD, ip: "203.0.113.10" })).resolves.toMatchObject({ id: person.id });
  });
});

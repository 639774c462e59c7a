import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { removeMember } from "../../app/domain/councils/roster.server";
import { listNotifications, unreadNotificationCount } from "../../app/domain/follow/notifications.server";
import { editPost, reply } from "../../app/domain/forum/posts.server";
import { toggleReaction } from "../../app/domain/forum/reactions.server";
import { setThreadWatch } from "../../app/domain/follow/watches.server";
import { DomainError } from "../../app/domain/errors";
import { resolveForViewer } from "../../app/domain/forum/references.server";
import { searchPosts, similarThreads } from "../../app/domain/forum/search.server";
import { listThreads } from "../../app/domain/forum/queries.server";
import { createDispatcher } from "../../server/dispatcher";
import { notificationsSubscriber } from "../../server/notifications-subscriber";
import { socketFanout } from "../../server/fanout";
import { createRealtime } from "../../server/realtime.server";
import { createLogger } from "../../server/logger";
import { createTestDatabase } from "../support/database";
import { makeOrganization, makeUser, unique } from "../support/factories";
import { makeCategory, makeReply, makeThread, render } from "../support/forum";
import { enrol, makeCouncil, requestContext, viewer, visit } from "../support/councils";
import * as threadRoute from "../../app/routes/t.$id.($slug)";
import * as historyRoute from "../../app/routes/posts.$id.history";
import * as postRoute from "../../app/routes/p.$id";
import * as profileRoute from "../../app/routes/u.$handle";
import * as searchRoute from "../../app/routes/search";
import * as similarRoute from "../../app/routes/api.similar-threads";
import * as categoryRoute from "../../app/routes/c.$slug";
import * as latestRoute from "../../app/routes/latest";
import * as forumRoute from "../../app/routes/forum._index";
import * as notificationsRoute from "../../app/routes/notifications";

/**
 * The privacy promise, channel by channel: a canary word lives only in a council thread, and
 * none of the outsiders below may meet it anywhere, nor learn that the thread exists.
 */
const CANARY = `canary${unique("x").replace(/[^a-z0-9]/gi, "")}`;

let database: Database;
let admin: SessionUser;
let member: SessionUser;
let councilId: string;
let categorySlug: string;
let thread: { threadId: string; postId: string };
let councilReply: { postId: string };
const outsiders: Record<string, SessionUser | null> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const organization = await makeOrganization(db);
  const partner = () => makeUser(db, { organizationId: organization.id });
  admin = await viewer(db, await makeUser(db, { role: "admin" }));
  const council = await makeCouncil(db, admin);
  councilId = council.id;
  categorySlug = (await db.selectFrom("categories").select("slug").where("id", "=", council.category_id).executeTakeFirstOrThrow()).slug;
  member = await enrol(db, admin, councilId, await partner(), { role: "chair" });
  const partnerOutsider = await viewer(db, await partner());
  const moderator = await viewer(db, await makeUser(db, { role: "moderator", organizationId: organization.id }));
  const former = await enrol(db, admin, councilId, await partner());
  const unacknowledged = await enrol(db, admin, councilId, await partner(), { acknowledge: false });

  thread = await makeThread(db, member, council.category_id, {
    title: `Pricing plan ${CANARY} for next year`,
    body: `Confidential: ${CANARY}. @${partnerOutsider.handle} @${moderator.handle} @${former.handle} what do you think?`,
  });
  councilReply = await makeReply(db, member, thread.threadId, `More about ${CANARY} here.`);
  await editPost(db, { actor: member, postId: thread.postId, body: `Confidential (edited): ${CANARY}.`, render });

  // The former member leaves; everything written before stays private to them too.
  await removeMember(db, admin, councilId, former.id);
  outsiders.visitor = null;
  outsiders.partner = partnerOutsider;
  outsiders["former member"] = await viewer(db, former);
  outsiders["moderator (not admin)"] = moderator;
  outsiders["invited member who has not acknowledged the terms"] = await viewer(db, unacknowledged);

  // A member pastes a quote of and a link to the council thread into a public thread.
  const publicCategory = await makeCategory(db, "public");
  await makeThread(db, member, publicCategory.id, {
    title: `Public question ${unique("q")}`,
    body: `> [!quote post=${councilReply.postId} author=${member.handle}]\n> More about the secret\n\nSee [the council thread](/t/${thread.threadId}).`,
  });

  const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [notificationsSubscriber({ to: () => ({ emit: () => {} }) }, db)] });
  const deadline = Date.now() + 10_000;
  await dispatcher.drain();
  while ((await dispatcher.backlog()) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await dispatcher.drain();
  }
  await dispatcher.stop();
});

afterAll(async () => {
  await database.close();
});

const outsiderNames = ["visitor", "partner", "former member", "moderator (not admin)", "invited member who has not acknowledged the terms"];

describe("the council's own members and admins", () => {
  it("see the council thread (so the outsider tests below are not vacuous)", async () => {
    for (const person of [member, admin]) {
      const page = await visit(threadRoute.loader, { context: requestContext(database.db, person), params: { id: thread.threadId } });
      expect(page.status).toBe(200);
      expect(page.body).toContain(CANARY);
    }
    const results = await searchPosts(database.db, member, { query: CANARY });
    expect(results.results.length).toBeGreaterThan(0);
  });
});

describe.each(outsiderNames)("someone outside the council: %s", (name) => {
  const who = () => outsiders[name] ?? null;
  const context = () => requestContext(database.db, who());

  it("gets the same 404 for the thread page and its data route as for a thread that does not exist", async () => {
    const real = await visit(threadRoute.loader, { context: context(), params: { id: thread.threadId }, path: `/t/${thread.threadId}?_data=routes/t.$id.($slug)` });
    const missing = await visit(threadRoute.loader, { context: context(), params: { id: "no-such-thread-id" } });
    expect(real).toEqual(missing);
    expect(real.status).toBe(404);
    for (const postId of [thread.postId, councilReply.postId]) {
      const permalink = await visit(postRoute.loader, { context: context(), params: { id: postId } });
      const nothing = await visit(postRoute.loader, { context: context(), params: { id: "no-such-post" } });
      expect(permalink).toEqual(nothing);
    }
  });

  it("gets a 404 for the council category, like a category that does not exist", async () => {
    const real = await visit(categoryRoute.loader, { context: context(), params: { slug: categorySlug } });
    const missing = await visit(categoryRoute.loader, { context: context(), params: { slug: "no-such-category" } });
    expect(real).toEqual(missing);
  });

  it("finds nothing by searching for the canary: no results, no count, no similar threads", async () => {
    const results = await searchPosts(database.db, who(), { query: CANARY });
    expect(results.results).toEqual([]);
    const page = await visit(searchRoute.loader, { context: context(), path: `/search?q=${CANARY}` });
    expect(page.body).not.toContain(CANARY);
    expect(await similarThreads(database.db, who(), `Pricing plan ${CANARY}`)).toEqual([]);
    const similar = await visit(similarRoute.loader, { context: context(), path: `/api/similar-threads?title=${CANARY}` });
    expect(similar.body).not.toContain(CANARY);
  });

  it("sees no trace in lists and feeds", async () => {
    const lists = await Promise.all((["latest", "new", "top"] as const).map((view) => listThreads(database.db, who(), { view })));
    for (const list of lists) expect(JSON.stringify(list)).not.toContain(CANARY);
    for (const loader of [latestRoute.loader, forumRoute.loader]) {
      const page = await visit(loader, { context: context() });
      expect(page.body).not.toContain(CANARY);
      expect(page.body).not.toContain(thread.threadId);
    }
  });

  it("is not notified by a mention in the council thread, and sees no council notification", async () => {
    const person = who();
    if (!person) return;
    // The former member was mentioned while still a member; what matters is that it is gone now.
    if (name !== "former member") {
      const mentions = await database.db.selectFrom("post_mentions").select("post_id").where("user_id", "=", person.id).execute();
      expect(mentions).toEqual([]);
    }
    const { notifications } = await listNotifications(database.db, person);
    expect(JSON.stringify(notifications)).not.toContain(CANARY);
    expect(notifications.some((n) => n.thread_id === thread.threadId)).toBe(false);
    expect(await unreadNotificationCount(database.db, person)).toBe(0);
    const page = await visit(notificationsRoute.loader, { context: context(), path: "/notifications" });
    expect(page.body).not.toContain(CANARY);
  });

  it("sees quotes of and links to council posts in public threads as private content", async () => {
    const quoting = await database.db.selectFrom("posts").select("body_html").where("body_source", "like", `%${councilReply.postId}%`).executeTakeFirstOrThrow();
    const [html] = await resolveForViewer(database.db, who(), [quoting.body_html]);
    expect(html).not.toContain("More about the secret");
    expect(html).not.toContain(`/t/${thread.threadId}`);
    expect(html?.toLowerCase()).toContain("private");
  });

  it("sees none of the member's council activity on their profile", async () => {
    const page = await visit(profileRoute.loader, { context: context(), params: { handle: member.handle } });
    expect(page.status).toBe(200);
    expect(page.body).not.toContain(CANARY);
    expect(page.body).not.toContain(thread.threadId);
  });

  it("cannot write into the council: replying, reacting or watching answer like a missing thread", async () => {
    const person = who();
    if (!person) return;
    const attempts = [
      () => reply(database.db, { actor: person, threadId: thread.threadId, body: "Let me in", render }),
      () => toggleReaction(database.db, { actor: person, postId: councilReply.postId, kind: "like" }),
      () => setThreadWatch(database.db, person, thread.threadId, "watching"),
    ];
    for (const attempt of attempts) {
      const error = await attempt().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(404);
    }
  });

  it("gets the same 404 for the edit history as for a post that does not exist", async () => {
    const real = await visit(historyRoute.loader, { context: context(), params: { id: thread.postId } });
    const missing = await visit(historyRoute.loader, { context: context(), params: { id: "no-such-post" } });
    expect(real).toEqual(missing);
    expect(real.body).not.toContain(CANARY);
  });
});

describe("socket.io rooms of a council", () => {
  let server: http.Server;
  let realtime: ReturnType<typeof createRealtime>;
  let origin: string;
  const sockets: Socket[] = [];
  const auth = () => createAuth(database.db, { secureCookies: false });

  beforeAll(async () => {
    server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    realtime = createRealtime(server, { auth: auth(), db: database.db, log: createLogger("silent"), publicOrigin: origin });
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await realtime.close();
  });

  async function open(user: SessionUser | null) {
    const cookie = user ? (await auth().startSession(user.id, { ip: null, userAgent: null })).cookie.split(";")[0] : undefined;
    const socket = connect(origin, { transports: ["websocket"], reconnection: false, extraHeaders: { origin, ...(cookie ? { cookie } : {}) } });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", () => resolve());
      socket.once("connect_error", reject);
    });
    return socket;
  }
  const join = (socket: Socket, room: string) => new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", room, resolve));

  it("refuses every outsider the thread, category and council rooms", async () => {
    const category = await database.db.selectFrom("councils").select("category_id").where("id", "=", councilId).executeTakeFirstOrThrow();
    for (const name of outsiderNames) {
      const socket = await open(outsiders[name] ?? null);
      for (const room of [`thread:${thread.threadId}`, `category:${category.category_id}`, `council:${councilId}`]) {
        expect(await join(socket, room), `${name} joining ${room}`).toMatchObject({ ok: false });
      }
    }
  });

  it("sends council thread events only to sockets inside, and removal takes a member's sockets out at once", async () => {
    const db = database.db;
    const organization = await makeOrganization(db);
    const leaving = await enrol(db, admin, councilId, await makeUser(db, { organizationId: organization.id }));
    const memberSocket = await open(member);
    const leavingSocket = await open(leaving);
    const outsiderSocket = await open(outsiders.partner!);
    expect(await join(memberSocket, `thread:${thread.threadId}`)).toEqual({ ok: true });
    expect(await join(leavingSocket, `thread:${thread.threadId}`)).toEqual({ ok: true });
    expect(await join(leavingSocket, `council:${councilId}`)).toEqual({ ok: true });
    await join(outsiderSocket, `thread:${thread.threadId}`);

    const removed: string[] = [];
    leavingSocket.on("room:removed", (room: string) => removed.push(room));
    await removeMember(db, admin, councilId, leaving.id);
    await realtime.revalidateUser(leaving.id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(removed.sort()).toEqual([`council:${councilId}`, `thread:${thread.threadId}`].sort());

    const received = { member: 0, leaving: 0, outsider: 0 };
    memberSocket.on("thread:changed", () => received.member++);
    leavingSocket.on("thread:changed", () => received.leaving++);
    outsiderSocket.on("thread:changed", () => received.outsider++);
    await makeReply(db, member, thread.threadId, `Still about ${CANARY}.`);
    const dispatcher = createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [socketFanout(realtime.io)] });
    const deadline = Date.now() + 10_000;
    while (received.member === 0 && Date.now() < deadline) {
      await dispatcher.drain();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await dispatcher.stop();
    expect(received).toEqual({ member: 1, leaving: 0, outsider: 0 });
    expect(await join(leavingSocket, `thread:${thread.threadId}`)).toMatchObject({ ok: false });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppLoadContext } from "@remix-run/node";
import type { Database } from "../../../db/client";
import type { SessionUser } from "../../../app/domain/accounts/auth.server";
import { loader as queueLoader, action as queueAction } from "../../../app/routes/mod.queue";
import { loader as auditLoader } from "../../../app/routes/mod.audit";
import { loader as csvLoader } from "../../../app/routes/mod.audit[.csv]";
import { loader as postToolsLoader, action as postToolsAction } from "../../../app/routes/mod.posts.$id";
import { loader as userToolsLoader, action as userToolsAction } from "../../../app/routes/mod.users.$handle";
import { action as flagAction } from "../../../app/routes/flag.$postId";
import { action as awardsAction } from "../../../app/routes/mod.awards";
import { moderatePost } from "../../../app/domain/moderation/post-actions.server";
import { createTestDatabase } from "../../support/database";
import { makeCategory, makeReply, makeThread } from "../../support/forum";
import { auditRows, person } from "../../support/moderation";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const context = (user: SessionUser | null) => ({ db: database.db, user, log: { error() {}, info() {} } }) as unknown as AppLoadContext;
const get = (path: string) => new Request(`http://localhost${path}`);
const post = (path: string, fields: Record<string, string>) => new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(fields) });

/** The HTTP status a loader or action answered with, thrown or returned. */
async function statusOf(run: () => Promise<unknown>) {
  try {
    const result = await run();
    if (result instanceof Response) return result.status;
    const init = (result as { init?: { status?: number } } | null)?.init;
    return init?.status ?? 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

async function scene() {
  const db = database.db;
  const [member, moderator, author] = await Promise.all([person(db), person(db, "moderator"), person(db)]);
  const category = await makeCategory(db);
  const thread = await makeThread(db, author, category.id);
  const reply = await makeReply(db, author, thread.threadId, "A reply");
  return { db, member, moderator, author, thread, reply };
}

describe("moderation routes called by hand", () => {
  it("members get 404 for moderation pages, as if they did not exist", async () => {
    const { member, author } = await scene();
    const args = (path: string, params = {}) => ({ request: get(path), context: context(member), params });
    expect(await statusOf(() => queueLoader(args("/mod/queue")))).toBe(404);
    expect(await statusOf(() => auditLoader(args("/mod/audit")))).toBe(404);
    expect(await statusOf(() => csvLoader(args("/mod/audit.csv")))).toBe(404);
    expect(await statusOf(() => userToolsLoader(args(`/mod/users/${author.handle}`, { handle: author.handle })))).toBe(404);
  });

  it("members get 403 for moderator actions and nothing changes", async () => {
    const { member, author, reply } = await scene();
    expect(await statusOf(() => queueAction({ request: post("/mod/queue", { intent: "claim", itemId: "1" }), context: context(member), params: {} }))).toBe(403);
    expect(await statusOf(() => postToolsAction({ request: post(`/mod/posts/${reply.postId}`, { intent: "hide" }), context: context(member), params: { id: reply.postId } }))).toBe(403);
    expect(await statusOf(() => postToolsLoader({ request: get(`/mod/posts/${reply.postId}`), context: context(member), params: { id: reply.postId } }))).toBe(403);
    expect(
      await statusOf(() =>
        userToolsAction({ request: post(`/mod/users/${author.handle}`, { kind: "suspend", days: "3", reason: "By hand" }), context: context(member), params: { handle: author.handle } }),
      ),
    ).toBe(404);
    expect(await auditRows(database.db, reply.postId)).toEqual([]);
    expect(await auditRows(database.db, author.id)).toEqual([]);
  });

  it("a moderator's post action through the route writes its audit row", async () => {
    const { moderator, reply } = await scene();
    const status = await statusOf(() => postToolsAction({ request: post(`/mod/posts/${reply.postId}`, { intent: "hide", reason: "Off topic" }), context: context(moderator), params: { id: reply.postId } }));
    expect(status).toBe(200);
    expect((await auditRows(database.db, reply.postId))[0]).toMatchObject({ action: "post.hidden", reason: "Off topic" });
  });

  it("flagging through the route: a missing reason is a 400 at its field; a second flag is 409", async () => {
    const { member, reply } = await scene();
    const args = (fields: Record<string, string>) => ({ request: post(`/flag/${reply.postId}`, fields), context: context(member), params: { postId: reply.postId } });
    const missing = (await flagAction(args({ note: "" }))) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(missing.init.status).toBe(400);
    expect(missing.data.errors.reason).toBeTruthy();
    expect(await statusOf(() => flagAction(args({ reason: "spam" })))).toBe(200);
    expect(await statusOf(() => flagAction(args({ reason: "spam" })))).toBe(409);
  });

  it("exports the audit log as CSV with formula-looking cells escaped", async () => {
    const { moderator, reply } = await scene();
    await moderatePost(database.db, moderator, { postId: reply.postId, action: "hide", reason: '=HYPERLINK("http://evil.example","click")' });
    const response = (await csvLoader({ request: get(`/mod/audit.csv?q=${reply.postId}`), context: context(moderator), params: {} })) as Response;
    expect(response.headers.get("content-type")).toContain("text/csv");
    const text = await response.text();
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it("the award form answers 400 at the badge field for a key that is not a manual badge, keeping what was typed", async () => {
    const { moderator, author } = await scene();
    const fields = { kind: "badge", recipient: author.handle, badge: "first-post", reason: "Earned, not awarded" };
    const result = (await awardsAction({ request: post("/mod/awards", fields), context: context(moderator), params: {} })) as unknown as { init: { status: number }; data: { errors: Record<string, string>; values: Record<string, string> } };
    expect(result.init.status).toBe(400);
    expect(result.data.errors.badge).toBe("Choose one of the manual badges.");
    expect(result.data.values.reason).toBe("Earned, not awarded");
    const awarded = await awardsAction({ request: post("/mod/awards", { ...fields, badge: "helpful-mentor" }), context: context(moderator), params: {} });
    expect(await statusOf(async () => awarded)).toBe(200);
  });
});

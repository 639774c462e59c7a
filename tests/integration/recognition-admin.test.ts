import type { AppLoadContext } from "@remix-run/node";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { SessionUser } from "../../app/domain/accounts/auth.server";
import { currentRules } from "../../app/domain/recognition/rules.server";
import { ruleSetFormValues } from "../../app/domain/recognition/rule-settings.server";
import { action, loader } from "../../app/routes/admin.recognition";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser } from "../support/factories";

/** The admin rules page through its loader and action, as the server calls them. */
let database: Database;
let admin: SessionUser;
let member: SessionUser;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
  member = asSessionUser(await makeUser(database.db, { role: "moderator" }));
});
afterAll(async () => {
  await database.close();
});

const context = (user: SessionUser | null) => ({ db: database.db, user, log: pino({ level: "silent" }) }) as unknown as AppLoadContext;
const url = "http://localhost/admin/recognition";

async function submit(user: SessionUser | null, changes: Record<string, string | null>) {
  const values = ruleSetFormValues((await currentRules(database.db)).rules);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete values[key];
    else values[key] = value;
  }
  const request = new Request(url, { method: "POST", body: new URLSearchParams(values) });
  return action({ request, context: context(user), params: {} });
}

/** A thrown Response (403/404, redirects) or the returned one, as [status, body]. */
async function outcome(run: () => Promise<unknown>) {
  const result = await run().catch((thrown: unknown) => thrown);
  if (result instanceof Response) return { status: result.status, body: null };
  const wrapped = result as { init?: { status?: number }; data?: unknown };
  return { status: wrapped.init?.status ?? 200, body: wrapped.data as { errors?: Record<string, string>; values?: Record<string, string>; done?: string } };
}

describe("admin recognition rules page", () => {
  it("is a page that does not exist for anyone but administrators", async () => {
    const page = await outcome(() => loader({ request: new Request(url), context: context(member), params: {} }));
    expect(page.status).toBe(404);
    const post = await outcome(() => submit(member, { "reply_posted.points": "500" }));
    expect(post.status).toBe(404);
    expect((await currentRules(database.db)).rules.rules.reply_posted.points).toBe(2);
    const visitor = await outcome(() => loader({ request: new Request(url), context: context(null), params: {} }));
    expect(visitor.status).toBe(302);
  });

  it("refuses negative, absurd and non-numeric values at their fields with 400, keeping what was typed", async () => {
    const before = await currentRules(database.db);
    const result = await outcome(() =>
      submit(admin, {
        "reaction_received.points": "-5",
        "answer_accepted.points": "999999",
        "thread_created.points": "lots",
        "reaction_received.dailyCap": "0",
        sameOrganizationPercent: "150",
      }),
    );
    expect(result.status).toBe(400);
    expect(result.body?.errors).toMatchObject({
      "reaction_received.points": "Points cannot be negative.",
      "answer_accepted.points": "Points above 1000 are not allowed.",
      "thread_created.points": "Points must be a whole number.",
      "reaction_received.dailyCap": expect.stringContaining("at least 1"),
      sameOrganizationPercent: "The same-organization share cannot exceed 100%.",
    });
    expect(result.body?.values).toMatchObject({ "thread_created.points": "lots", "reaction_received.points": "-5" });
    expect((await currentRules(database.db)).version).toBe(before.version);
  });

  it("publishes each save as a new version in force from now, listed in the history", async () => {
    const before = await currentRules(database.db);
    const result = await outcome(() =>
      submit(admin, { "reply_posted.points": "3", "reaction_received.dailyCap": "150", "mentorship_completed.enabled": null, pairDailyLimit: "4", note: "Replies matter more" }),
    );
    expect(result.status).toBe(200);
    expect(result.body?.done).toContain(`Version ${before.version + 1}`);
    const after = await currentRules(database.db);
    expect(after.version).toBe(before.version + 1);
    expect(after.rules.rules.reply_posted.points).toBe(3);
    expect(after.rules.rules.reaction_received.dailyCap).toBe(150);
    expect(after.rules.rules.mentorship_completed.enabled).toBe(false);
    expect(after.rules.antiGaming.pairDailyLimit).toBe(4);
    expect(after.effectiveAt.getTime()).toBeGreaterThanOrEqual(before.effectiveAt.getTime());

    const page = (await loader({ request: new Request(url), context: context(admin), params: {} })) as Awaited<ReturnType<typeof loader>>;
    expect(page.history[0]).toMatchObject({ version: after.version, note: "Replies matter more", published_by: admin.displayName });
    expect(page.values["reply_posted.points"]).toBe("3");
    expect(page.values["reaction_received.dailyCap"]).toBe("150");
  });

  it("an empty daily cap means no cap", async () => {
    const result = await outcome(() => submit(admin, { "reaction_received.dailyCap": "" }));
    expect(result.status).toBe(200);
    expect((await currentRules(database.db)).rules.rules.reaction_received.dailyCap).toBeNull();
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { applyEvents } from "../../app/domain/recognition/engine.server";
import { ingestEvent } from "../../app/domain/analytics/api-ingest.server";
import { createApiKey, revokeApiKey } from "../../app/domain/analytics/api-keys.server";
import { publishRules } from "../../app/domain/recognition/rules.server";
import { DEFAULT_RULES } from "../../app/domain/recognition/rules";
import { asSessionUser, makeOrganization, makeUser, unique } from "../support/factories";
import { createTestDatabase } from "../support/database";
import { grantsOf, ledgerOf, makeMember, pointsOf } from "../support/recognition";

let database: Database;
let admin: ReturnType<typeof asSessionUser>;

beforeAll(async () => {
  database = await createTestDatabase();
  admin = asSessionUser(await makeUser(database.db, { role: "admin" }));
  // Small caps so a few calls reach them: 20 for a certification, 30 a person and 45 a key per day.
  await publishRules(database.db, admin, { rules: { ...DEFAULT_RULES, external: { personDailyCap: 30, keyDailyCap: 45 } } });
});
afterAll(async () => {
  await database.close();
});

/**
 * Feeds every event so far to the engine, in id order (this file commits one at a time). Not the
 * dispatcher: on a shared PostgreSQL cluster another database's long transaction holds its
 * horizon back. The engine skips what it already applied.
 */
async function applyPending() {
  const rows = await database.db.selectFrom("outbox_events").selectAll().orderBy("id").execute();
  const events = rows.map((row) => ({ id: row.id, txid: row.txid, type: row.type, payload: row.payload, actorId: row.actor_id, occurredAt: row.occurred_at }) as DispatchedEvent);
  await database.db.transaction().execute((trx) => applyEvents(trx, events, { live: false }));
}

const newKey = async (scopes = ["events:write"]) => (await createApiKey(database.db, admin, { name: unique("LMS"), scopes })).key;

interface Call {
  key?: string | null;
  body: unknown;
  idempotencyKey?: string | null;
  headers?: Record<string, string>;
  now?: Date;
  ratePerMinute?: number;
}

/** An accepted answer or an error: tests read whichever they expect. */
type Answer = { status: string; event_id: number; type: string; error: { code: string; message: string; field?: string } };

async function call({ key, body, idempotencyKey = unique("idem"), headers = {}, now, ratePerMinute }: Call) {
  const request = new Request("http://localhost/api/v1/events", {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(key ? { authorization: `Bearer ${key}` } : {}),
      ...(idempotencyKey ? { "idempotency-key": idempotencyKey } : {}),
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await ingestEvent(database.db, request, { now, ratePerMinute });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Answer };
}

const certification = (email: string, extra: Record<string, unknown> = {}) => ({ type: "certification_earned", person: { email }, details: { name: "Cloud Architect" }, ...extra });

const auditFor = (targetId: string) =>
  database.db.selectFrom("audit_log").select(["action", "after"]).where("target_type", "=", "api_key").where("target_id", "=", targetId).orderBy("id").execute();

const keyId = async (key: string) => (await database.db.selectFrom("api_keys").select("id").where("prefix", "=", key.slice(0, 14)).executeTakeFirstOrThrow()).id;

describe("authentication and scopes", () => {
  it("refuses a missing, malformed or unknown key with 401 and says so in the audit log", async () => {
    const member = await makeMember(database.db);
    const missing = await call({ key: null, body: certification(member.email) });
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(missing.json.error).toMatchObject({ code: "invalid_key", field: "Authorization" });
    expect((await call({ key: "not-a-key", body: certification(member.email) })).status).toBe(401);

    const real = await newKey();
    const forged = `${real.slice(0, 15)}${"A".repeat(43)}`;
    const unknown = await call({ key: forged, body: certification(member.email) });
    expect(unknown.status).toBe(401);
    expect(unknown.json.error.message).toBe("This API key is not valid.");
    const audit = await auditFor(real.slice(0, 14));
    expect(audit.map((row) => row.action)).toEqual(["api.event_refused"]);
    expect(audit[0]!.after).toMatchObject({ status: 401, code: "invalid_key" });
  });

  it("refuses a revoked key", async () => {
    const member = await makeMember(database.db);
    const key = await newKey();
    expect((await call({ key, body: certification(member.email) })).status).toBe(202);
    await revokeApiKey(database.db, admin, await keyId(key));
    const refused = await call({ key, body: certification(member.email) });
    expect(refused.status).toBe(401);
    expect(refused.json.error).toMatchObject({ code: "revoked_key", message: "This API key has been revoked." });
  });

  it("refuses an event type the key's scopes do not cover, with 403", async () => {
    const member = await makeMember(database.db);
    const key = await newKey(["deals:write"]);
    const refused = await call({ key, body: certification(member.email) });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: "insufficient_scope", field: "type" });
    expect(refused.json.error.message).toContain("events:write, certifications:write");
    expect((await call({ key, body: { type: "deal_registered", person: { email: member.email }, details: { amount: 12000 } } })).status).toBe(202);
  });
});

describe("bodies and people", () => {
  it("answers 422 at the field for an unknown person or organization, and stores nothing", async () => {
    const key = await newKey();
    const idempotencyKey = unique("idem");
    const person = await call({ key, idempotencyKey, body: certification("nobody@example.test") });
    expect(person.status).toBe(422);
    expect(person.json.error).toMatchObject({ code: "unknown_person", field: "person.email" });
    const org = await call({ key, body: { type: "event_attended", organization: { slug: "no-such-org" } } });
    expect(org.json.error).toMatchObject({ code: "unknown_organization", field: "organization.slug" });
    const external = await call({ key, body: { type: "event_attended", person: { external_id: "42", system: "events" } } });
    expect(external.json.error).toMatchObject({ code: "unknown_person", field: "person.external_id" });
    // A refusal is not remembered: once fixed, the same Idempotency-Key goes through.
    const member = await makeMember(database.db);
    expect((await call({ key, idempotencyKey, body: certification(member.email) })).status).toBe(202);
  });

  it("finds people by email in any case and people and organizations by external id", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const org = await makeOrganization(database.db);
    await database.db
      .insertInto("external_identities")
      .values([
        { system: "lms", external_id: "u-1", user_id: member.id, organization_id: null },
        { system: "prm", external_id: "o-1", user_id: null, organization_id: org.id },
      ])
      .execute();
    expect((await call({ key, body: certification(member.email.toUpperCase()) })).status).toBe(202);
    expect((await call({ key, body: { type: "certification_earned", person: { external_id: "u-1", system: "lms" } } })).status).toBe(202);
    expect((await call({ key, body: { type: "deal_registered", organization: { external_id: "o-1", system: "prm" } } })).status).toBe(202);
    expect((await call({ key, body: { type: "deal_registered", organization: { slug: org.slug } } })).status).toBe(202);
  });

  it("refuses malformed bodies and missing headers with a message at the field", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const expectError = async (input: Omit<Call, "key">, status: number, field: string, message?: RegExp) => {
      const answer = await call({ key, ...input });
      expect(answer.status, JSON.stringify(answer.json)).toBe(status);
      expect(answer.json.error.field).toBe(field);
      if (message) expect(answer.json.error.message).toMatch(message);
    };
    await expectError({ body: "{not json" }, 400, "body", /not valid JSON/);
    await expectError({ body: certification(member.email), idempotencyKey: null }, 400, "Idempotency-Key");
    await expectError({ body: certification(member.email), headers: { "content-type": "text/plain" } }, 415, "Content-Type");
    await expectError({ body: { ...certification(member.email), type: "thread_created" } }, 422, "type", /certification_earned/);
    await expectError({ body: certification("not-an-email") }, 422, "person.email", /email address/);
    await expectError({ body: { type: "deal_registered", person: { email: member.email }, organization: { slug: "x" } } }, 422, "person", /exactly one/);
    await expectError({ body: { type: "deal_registered" } }, 422, "person");
    await expectError({ body: { type: "event_attended", person: { external_id: "7" } } }, 422, "person.system");
    await expectError({ body: { type: "deal_registered", person: { email: member.email }, details: { amount: -5 } } }, 422, "details.amount", /negative/);
    await expectError({ body: certification(member.email, { occurred_at: "yesterday" }) }, 422, "occurred_at");
    await expectError({ body: certification(member.email, { occurred_at: new Date(Date.now() + 86_400_000).toISOString() }) }, 422, "occurred_at", /future/);
    await expectError({ body: certification(member.email, { extra: 1 }) }, 422, "body");
    expect(await pointsOf(database.db, member.id)).toBe(0);
  });
});

describe("idempotency", () => {
  it("answers a replay with the first answer and records one event", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const idempotencyKey = unique("cert");
    const body = certification(member.email);
    const first = await call({ key, idempotencyKey, body });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ status: "accepted", type: "certification_earned" });
    // The same meaning in another key order is the same body.
    const reordered = JSON.stringify({ details: body.details, person: body.person, type: body.type });
    const replay = await call({ key, idempotencyKey, body: reordered });
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual(first.json);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");

    const events = await database.db.selectFrom("outbox_events").select(["id", "payload"]).where("type", "=", "integration.certification_earned").execute();
    const mine = events.filter((event) => (event.payload as { idempotencyKey?: string }).idempotencyKey === idempotencyKey);
    expect(mine.map((event) => event.id)).toEqual([first.json.event_id]);
    const stored = await database.db.selectFrom("api_requests").selectAll().where("idempotency_key", "=", idempotencyKey).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.outbox_event_id).toBe(first.json.event_id);

    await applyPending();
    expect(await pointsOf(database.db, member.id)).toBe(20);
    const audit = await auditFor(String(await keyId(key)));
    expect(audit.map((row) => row.action)).toEqual(["api_key.created", "api.event_accepted", "api.event_replayed"]);
    expect(audit[2]!.after).toMatchObject({ status: 202, idempotencyKey, eventId: first.json.event_id });
  });

  it("refuses the same Idempotency-Key with another body", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const idempotencyKey = unique("deal");
    expect((await call({ key, idempotencyKey, body: { type: "deal_registered", person: { email: member.email }, details: { amount: 100 } } })).status).toBe(202);
    const conflict = await call({ key, idempotencyKey, body: { type: "deal_registered", person: { email: member.email }, details: { amount: 900 } } });
    expect(conflict.status).toBe(422);
    expect(conflict.json.error).toMatchObject({ code: "idempotency_key_reused", field: "Idempotency-Key" });
  });

  it("records one event when two first calls with one Idempotency-Key race", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const idempotencyKey = unique("race");
    const [a, b] = await Promise.all([call({ key, idempotencyKey, body: certification(member.email) }), call({ key, idempotencyKey, body: certification(member.email) })]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.json.event_id).toBe(b.json.event_id);
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the per-key limit of the minute, and lets the next minute through", async () => {
    const key = await newKey();
    const member = await makeMember(database.db);
    const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 45_000);
    for (let i = 0; i < 3; i++) expect((await call({ key, body: certification(member.email), now, ratePerMinute: 3 })).status).toBe(202);
    const limited = await call({ key, body: certification(member.email), now, ratePerMinute: 3 });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("15");
    expect(limited.json.error.code).toBe("rate_limited");
    // Another key has its own windows.
    expect((await call({ key: await newKey(), body: certification(member.email), now, ratePerMinute: 3 })).status).toBe(202);
    expect((await call({ key, body: certification(member.email), now: new Date(now.getTime() + 20_000), ratePerMinute: 3 })).status).toBe(202);
  });
});

describe("points and badges", () => {
  it("scores each event once, under the per-person and per-key daily caps, and grants Certified", async () => {
    const key = await newKey();
    const [ada, bob, cy] = [await makeMember(database.db), await makeMember(database.db), await makeMember(database.db)];
    expect((await call({ key, body: certification(ada.email) })).status).toBe(202);
    expect((await call({ key, body: certification(ada.email) })).status).toBe(202);
    await applyPending();
    // 20, then 10 more up to the person's 30 a day.
    expect(await pointsOf(database.db, ada.id)).toBe(30);
    expect((await ledgerOf(database.db, ada.id)).map((row) => [row.rule, row.points, row.note])).toEqual([
      ["certification_earned", 20, null],
      ["certification_earned", 10, "capped"],
    ]);
    expect((await grantsOf(database.db, ada.id)).map((grant) => [grant.badge, grant.tier])).toEqual([["certified", "bronze"]]);

    // The key has given 30 of its 45: Bob gets 15, Cy nothing today from this key, but another key still counts.
    expect((await call({ key, body: certification(bob.email) })).status).toBe(202);
    expect((await call({ key, body: { type: "event_attended", person: { email: cy.email } } })).status).toBe(202);
    expect((await call({ key: await newKey(), body: { type: "event_attended", person: { email: cy.email } } })).status).toBe(202);
    await applyPending();
    expect(await pointsOf(database.db, bob.id)).toBe(15);
    expect(await pointsOf(database.db, cy.id)).toBe(5);
  });

  it("records organization events without giving anyone points", async () => {
    const key = await newKey();
    const org = await makeOrganization(database.db);
    const member = await makeMember(database.db, org.id);
    const answer = await call({ key, body: { type: "deal_registered", organization: { slug: org.slug }, details: { amount: 5000 } } });
    expect(answer.status).toBe(202);
    await applyPending();
    expect(await pointsOf(database.db, member.id)).toBe(0);
    const event = await database.db.selectFrom("outbox_events").select("payload").where("id", "=", answer.json.event_id).executeTakeFirstOrThrow();
    expect(event.payload).toMatchObject({ subjectType: "organization", subjectId: String(org.id), amount: 5000 });
  });

  it("gives nothing to people who do not earn (no organization)", async () => {
    const key = await newKey();
    const loner = await makeUser(database.db);
    expect((await call({ key, body: certification(loner.email) })).status).toBe(202);
    await applyPending();
    expect(await pointsOf(database.db, loner.id)).toBe(0);
  });
});

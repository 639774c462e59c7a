import crypto from "node:crypto";
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { appendEvent } from "../events/outbox.server";
import { canonicalJson, checkApiEvent, type ApiEventBody } from "./api-events";
import { authenticateApiKey } from "./api-keys.server";
import { checkRateLimit, DEFAULT_RATE_PER_MINUTE } from "./api-rate.server";
import { scopeAllows, scopesFor } from "./api-scopes";

/**
 * `POST /api/v1/events` (decision 025): bearer key -> rate limit -> Idempotency-Key -> JSON ->
 * replay? -> body -> scope -> subject -> one transaction with the outbox event, the stored answer
 * and the audit row. Every call, refused or not, leaves an audit row. Cookies play no part.
 */
type Db = Kysely<DB>;
type Trx = Transaction<DB>;

export const MAX_BODY_BYTES = 16 * 1024;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export interface IngestOptions {
  now?: Date;
  ratePerMinute?: number;
}

interface CallRecord {
  keyId: number | null;
  prefix: string | null;
  idempotencyKey: string | null;
  type: string | null;
}

type Problem = { status: number; code: string; message: string; field?: string; headers?: Record<string, string> };

export async function ingestEvent(db: Db, request: Request, options: IngestOptions = {}): Promise<Response> {
  const now = options.now ?? new Date();
  const call: CallRecord = { keyId: null, prefix: null, idempotencyKey: null, type: null };
  const refuse = async (problem: Problem) => {
    await recordAudit(db, {
      actorId: null,
      action: "api.event_refused",
      targetType: "api_key",
      targetId: call.keyId === null ? (call.prefix ?? "none") : String(call.keyId),
      after: { status: problem.status, code: problem.code, field: problem.field ?? null, prefix: call.prefix, idempotencyKey: call.idempotencyKey, type: call.type },
    });
    const error = { code: problem.code, message: problem.message, ...(problem.field ? { field: problem.field } : {}) };
    return Response.json({ error }, { status: problem.status, headers: { "Cache-Control": "no-store", ...problem.headers } });
  };

  const auth = await authenticateApiKey(db, request.headers.get("authorization"));
  if (!auth.ok) {
    call.prefix = auth.prefix;
    const message = {
      missing: "Send the API key as `Authorization: Bearer <key>`.",
      malformed: "That is not an API key of this community (pck_…).",
      unknown: "This API key is not valid.",
      revoked: "This API key has been revoked.",
    }[auth.reason];
    return refuse({ status: 401, code: auth.reason === "revoked" ? "revoked_key" : "invalid_key", message, field: "Authorization", headers: { "WWW-Authenticate": 'Bearer realm="api"' } });
  }
  const key = auth.key;
  Object.assign(call, { keyId: key.id, prefix: key.prefix });
  await db.updateTable("api_keys").set({ last_used_at: now }).where("id", "=", key.id).execute();

  const rate = await checkRateLimit(db, key.id, now, options.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE);
  if (!rate.ok) {
    return refuse({ status: 429, code: "rate_limited", message: `At most ${rate.limit} calls a minute per key; try again in ${rate.retryAfter} s.`, headers: { "Retry-After": String(rate.retryAfter) } });
  }

  const idempotencyKey = request.headers.get("idempotency-key");
  if (!idempotencyKey || !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    return refuse({ status: 400, code: "idempotency_key_required", message: "Send an Idempotency-Key header: 1 to 255 visible ASCII characters, unique per event.", field: "Idempotency-Key" });
  }
  call.idempotencyKey = idempotencyKey;

  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    return refuse({ status: 415, code: "unsupported_media_type", message: "Send JSON with Content-Type: application/json.", field: "Content-Type" });
  }
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return refuse({ status: 413, code: "body_too_large", message: `Keep the body under ${MAX_BODY_BYTES} bytes.`, field: "body" });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return refuse({ status: 400, code: "malformed_json", message: "The body is not valid JSON.", field: "body" });
  }
  if (json && typeof json === "object" && typeof (json as { type?: unknown }).type === "string") call.type = (json as { type: string }).type;
  const requestHash = crypto.createHash("sha256").update(canonicalJson(json)).digest("hex");

  const earlier = await findEarlier(db, key.id, idempotencyKey);
  if (earlier) return answerEarlier(db, call, earlier, requestHash, refuse);

  const checked = checkApiEvent(json, now);
  if (!checked.ok) {
    const [first] = checked.problems;
    return refuse({ status: 422, code: "invalid_body", message: first!.message, field: first!.field });
  }
  const body = checked.body;
  if (!scopeAllows(key.scopes, body.type)) {
    return refuse({ status: 403, code: "insufficient_scope", message: `This key may not post ${body.type}: it needs one of the scopes ${scopesFor(body.type).join(", ")}.`, field: "type" });
  }
  const subject = await resolveSubject(db, body);
  if (!subject.ok) return refuse({ status: 422, code: subject.code, message: subject.message, field: subject.field });

  const accepted = await db
    .transaction()
    .execute(async (trx) => {
      const eventId = await appendEvent(trx, {
        type: `integration.${body.type}`,
        actorId: null,
        occurredAt: checked.occurredAt,
        payload: {
          subjectType: subject.kind,
          subjectId: subject.id,
          name: body.details?.name ?? "",
          amount: body.details?.amount ?? 0,
          apiKeyId: key.id,
          idempotencyKey,
          ...(body.details ? { details: body.details } : {}),
        },
      } as Parameters<typeof appendEvent>[1]);
      const response = { status: "accepted", event_id: eventId, type: body.type, occurred_at: checked.occurredAt.toISOString() };
      // The unique (key, idempotency key) decides between two concurrent first calls: the loser rolls back.
      const stored = await trx
        .insertInto("api_requests")
        .values({ api_key_id: key.id, idempotency_key: idempotencyKey, request_hash: requestHash, status: 202, response: JSON.stringify(response), outbox_event_id: eventId })
        .onConflict((oc) => oc.columns(["api_key_id", "idempotency_key"]).doNothing())
        .returning("status")
        .executeTakeFirst();
      if (!stored) throw new LostRace();
      await auditAccepted(trx, call, 202, "accepted", eventId);
      return response;
    })
    .catch((error: unknown) => {
      if (error instanceof LostRace) return null;
      throw error;
    });
  if (accepted) return Response.json(accepted, { status: 202, headers: { "Cache-Control": "no-store" } });
  const winner = await findEarlier(db, key.id, idempotencyKey);
  if (!winner) throw new Error("an idempotency key conflicted but no stored request was found");
  return answerEarlier(db, call, winner, requestHash, refuse);
}

class LostRace extends Error {}

type Earlier = { request_hash: string; status: number; response: unknown; outbox_event_id: number | null };

function findEarlier(db: Db, keyId: number, idempotencyKey: string): Promise<Earlier | undefined> {
  return db
    .selectFrom("api_requests")
    .select(["request_hash", "status", "response", "outbox_event_id"])
    .where("api_key_id", "=", keyId)
    .where("idempotency_key", "=", idempotencyKey)
    .executeTakeFirst();
}

/** A replay gets the first answer, status and body alike; the same key with another body is refused. */
async function answerEarlier(db: Db, call: CallRecord, earlier: Earlier, requestHash: string, refuse: (problem: Problem) => Promise<Response>) {
  if (earlier.request_hash !== requestHash) {
    return refuse({
      status: 422,
      code: "idempotency_key_reused",
      message: "This Idempotency-Key was already used with a different body; use a new key for a new event.",
      field: "Idempotency-Key",
    });
  }
  await auditAccepted(db, call, earlier.status, "replayed", earlier.outbox_event_id);
  return Response.json(earlier.response, { status: earlier.status, headers: { "Cache-Control": "no-store", "Idempotent-Replayed": "true" } });
}

function auditAccepted(db: Db | Trx, call: CallRecord, status: number, outcome: "accepted" | "replayed", eventId: number | null) {
  return recordAudit(db, {
    actorId: null,
    action: outcome === "accepted" ? "api.event_accepted" : "api.event_replayed",
    targetType: "api_key",
    targetId: String(call.keyId),
    after: { status, prefix: call.prefix, idempotencyKey: call.idempotencyKey, type: call.type, eventId },
  });
}

type Subject = { ok: true; kind: "user" | "organization"; id: string } | { ok: false; code: string; message: string; field: string };

/** The person or organization an event is about; deleted accounts are unknown. */
async function resolveSubject(db: Db, body: ApiEventBody): Promise<Subject> {
  if (body.person) {
    const { email, external_id, system } = body.person;
    const row = email
      ? await db
          .selectFrom("users")
          .select("id")
          .where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase()))
          .where("deleted_at", "is", null)
          .executeTakeFirst()
      : await db
          .selectFrom("external_identities as x")
          .innerJoin("users", "users.id", "x.user_id")
          .select("users.id")
          .where("x.system", "=", system!)
          .where("x.external_id", "=", external_id!)
          .where("users.deleted_at", "is", null)
          .executeTakeFirst();
    if (!row) return { ok: false, code: "unknown_person", message: "No member of the community has this identifier.", field: email ? "person.email" : "person.external_id" };
    return { ok: true, kind: "user", id: row.id };
  }
  const { slug, external_id, system } = body.organization!;
  const row = slug
    ? await db.selectFrom("organizations").select("id").where("slug", "=", slug).executeTakeFirst()
    : await db
        .selectFrom("external_identities")
        .select("organization_id as id")
        .where("system", "=", system!)
        .where("external_id", "=", external_id!)
        .where("organization_id", "is not", null)
        .executeTakeFirst();
  if (!row || row.id === null) return { ok: false, code: "unknown_organization", message: "No organization has this identifier.", field: slug ? "organization.slug" : "organization.external_id" };
  return { ok: true, kind: "organization", id: String(row.id) };
}

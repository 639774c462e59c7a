import { MAX_AGE_DAYS } from "./api-events";
import { apiEventTypes, apiScopes } from "./api-scopes";

/**
 * The OpenAPI 3.1 description of the integration API, served at /api/v1/openapi.json. Written by
 * hand next to the code it describes (api-events.ts, api-ingest.server.ts); a test checks that it
 * parses and names the endpoint, its scopes and its error codes.
 */
const externalRef = (own: "email" | "slug", ownSchema: Record<string, unknown>) => ({
  type: "object",
  additionalProperties: false,
  description: `Exactly one of \`${own}\` or \`external_id\` (with \`system\`, the system that issued it).`,
  properties: {
    [own]: ownSchema,
    external_id: { type: "string", maxLength: 200 },
    system: { type: "string", maxLength: 60, examples: ["lms", "prm", "events"] },
  },
  oneOf: [{ required: [own] }, { required: ["external_id", "system"] }],
});

const error = (codes: string[], description: string) => ({
  description,
  content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, example: { error: { code: codes[0], message: "…", field: "…" } } } },
  "x-error-codes": codes,
});

export function openApiDocument(publicOrigin: string) {
  return {
    openapi: "3.1.0",
    info: {
      title: "Partner Community integration API",
      version: "1.0.0",
      description:
        "Lets partner systems (learning platforms, PRM, event tools) report what happens outside the community. " +
        "Each accepted event earns points under the community's rules and daily caps. Keys are created by administrators at /admin/api-keys.",
    },
    servers: [{ url: `${publicOrigin}/api/v1` }],
    security: [{ apiKey: [] }],
    paths: {
      "/events": {
        post: {
          operationId: "postEvent",
          summary: "Report a certification, a registered deal or an attended event",
          description:
            "Accepted events are recorded once per Idempotency-Key: a retry with the same key and body gets the first answer " +
            "(with `Idempotent-Replayed: true`); the same key with another body is refused. Refused calls are not stored, so " +
            "they can be retried with the same key once fixed. Scopes: `events:write` allows every type; " +
            "`certifications:write`, `deals:write`, `attendance:write` one each.",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: true,
              description: "Unique per event, chosen by the caller (such as the source system's record id). 1 to 255 visible ASCII characters.",
              schema: { type: "string", minLength: 1, maxLength: 255 },
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Event" } } } },
          responses: {
            "202": {
              description: "Accepted: points follow within seconds. Replays return this same answer.",
              headers: { "Idempotent-Replayed": { schema: { type: "string", enum: ["true"] }, description: "Present on a replay." } },
              content: { "application/json": { schema: { $ref: "#/components/schemas/Accepted" } } },
            },
            "400": error(["idempotency_key_required", "malformed_json"], "No Idempotency-Key, or the body is not JSON."),
            "401": error(["invalid_key", "revoked_key"], "No key, an unknown key or a revoked key."),
            "403": error(["insufficient_scope"], "The key's scopes do not allow this event type."),
            "413": error(["body_too_large"], "The body is over 16 KiB."),
            "415": error(["unsupported_media_type"], "The body is not sent as application/json."),
            "422": error(
              ["invalid_body", "unknown_person", "unknown_organization", "idempotency_key_reused"],
              "A field is wrong (`field` names it), the person or organization is unknown, or the Idempotency-Key was used with another body.",
            ),
            "429": {
              ...error(["rate_limited"], "Too many calls this minute for this key."),
              headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds until the next window." } },
            },
          },
        },
      },
    },
    components: {
      securitySchemes: {
        apiKey: { type: "http", scheme: "bearer", description: "An API key (`pck_…`) created at /admin/api-keys. Scopes: " + Object.keys(apiScopes).join(", ") + "." },
      },
      schemas: {
        Event: {
          type: "object",
          additionalProperties: false,
          required: ["type"],
          description: "Exactly one of `person` or `organization`. Organization events are recorded but earn nobody points.",
          properties: {
            type: { type: "string", enum: [...apiEventTypes] },
            person: externalRef("email", { type: "string", format: "email" }),
            organization: externalRef("slug", { type: "string" }),
            occurred_at: { type: "string", format: "date-time", description: `When it happened (default: now); not in the future, within the last ${MAX_AGE_DAYS} days.` },
            details: {
              type: "object",
              description: "Free-form, under 2000 characters of JSON. `name` (certification or event) and `amount` (deal value) are recognised.",
              properties: { name: { type: "string", maxLength: 200 }, amount: { type: "number", minimum: 0 } },
              additionalProperties: true,
            },
          },
          oneOf: [{ required: ["person"] }, { required: ["organization"] }],
          examples: [{ type: "certification_earned", person: { email: "ada@example.com" }, occurred_at: "2026-11-24T10:00:00Z", details: { name: "Cloud Architect" } }],
        },
        Accepted: {
          type: "object",
          required: ["status", "event_id", "type", "occurred_at"],
          properties: {
            status: { const: "accepted" },
            event_id: { type: "integer" },
            type: { type: "string", enum: [...apiEventTypes] },
            occurred_at: { type: "string", format: "date-time" },
          },
        },
        Error: {
          type: "object",
          required: ["error"],
          properties: {
            error: {
              type: "object",
              required: ["code", "message"],
              properties: {
                code: { type: "string" },
                message: { type: "string" },
                field: { type: "string", description: "The header or body field at fault, such as `person.email`." },
              },
            },
          },
        },
      },
    },
  };
}

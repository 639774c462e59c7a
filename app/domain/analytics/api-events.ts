import { z } from "zod";
import { apiEventTypes } from "./api-scopes";

/**
 * The body of `POST /api/v1/events` (decision 025; described in openapi.ts). Pure: parsing and
 * checks only, so the OpenAPI description and the tests can rely on exactly these rules.
 */
const MAX_DETAILS_CHARS = 2000;
/** History older than this is an import, not an integration (and would be capped on long-gone days). */
export const MAX_AGE_DAYS = 366;
/** Clock skew we accept from a caller's occurred_at. */
const FUTURE_SKEW_MS = 5 * 60_000;

const text = (max: number) => z.string().trim().min(1, "Must not be empty.").max(max, `Keep it under ${max} characters.`);
const externalId = { external_id: text(200).optional(), system: text(60).optional() };

const person = z
  .object({ email: z.email("Must be an email address.").max(320).optional(), ...externalId })
  .strict()
  .superRefine(oneIdentifier("email"));
const organization = z
  .object({ slug: text(120).optional(), ...externalId })
  .strict()
  .superRefine(oneIdentifier("slug"));

function oneIdentifier(own: "email" | "slug") {
  return (value: { email?: string; slug?: string; external_id?: string; system?: string }, ctx: z.RefinementCtx) => {
    const given = [value[own], value.external_id].filter((v) => v !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: [], message: `Give exactly one of ${own} or external_id.` });
    if (value.external_id !== undefined && value.system === undefined) {
      ctx.addIssue({ code: "custom", path: ["system"], message: "Name the system the external_id comes from (such as \"lms\")." });
    }
    if (value.external_id === undefined && value.system !== undefined) {
      ctx.addIssue({ code: "custom", path: ["system"], message: "system only goes with external_id." });
    }
  };
}

const details = z
  .object({
    name: text(200).optional(),
    amount: z.number("Must be a number.").nonnegative("Must not be negative.").max(1e12, "Too large.").optional(),
  })
  .catchall(z.unknown())
  .refine((value) => JSON.stringify(value).length <= MAX_DETAILS_CHARS, { message: `Keep details under ${MAX_DETAILS_CHARS} characters of JSON.` });

export const apiEventSchema = z
  .object({
    type: z.enum(apiEventTypes, `Must be one of ${apiEventTypes.join(", ")}.`),
    person: person.optional(),
    organization: organization.optional(),
    occurred_at: z.iso.datetime({ offset: true, message: "Must be an ISO 8601 date-time with a time zone, such as 2026-11-24T10:00:00Z." }).optional(),
    details: details.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if ((value.person === undefined) === (value.organization === undefined)) {
      ctx.addIssue({ code: "custom", path: ["person"], message: "Give exactly one of person or organization." });
    }
  });
export type ApiEventBody = z.infer<typeof apiEventSchema>;

export type BodyCheck = { ok: true; body: ApiEventBody; occurredAt: Date } | { ok: false; problems: { field: string; message: string }[] };

export function checkApiEvent(input: unknown, now: Date): BodyCheck {
  const parsed = apiEventSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => ({ field: issue.path.join(".") || "body", message: issue.message })) };
  }
  const occurredAt = parsed.data.occurred_at ? new Date(parsed.data.occurred_at) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS) {
    return { ok: false, problems: [{ field: "occurred_at", message: "Must not be in the future." }] };
  }
  if (occurredAt.getTime() < now.getTime() - MAX_AGE_DAYS * 86_400_000) {
    return { ok: false, problems: [{ field: "occurred_at", message: `Must be within the last ${MAX_AGE_DAYS} days.` }] };
  }
  return { ok: true, body: parsed.data, occurredAt };
}

/** JSON with object keys sorted: two bodies that mean the same hash the same, whatever their spacing or key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

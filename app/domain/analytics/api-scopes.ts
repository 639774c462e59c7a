/**
 * What an API key may do (decision 025). `events:write` covers every event type; the narrower
 * scopes let an LMS post certifications without being able to register deals.
 */
export const apiScopes = {
  "events:write": "Post any event (certifications, deals, event attendance)",
  "certifications:write": "Post certifications earned",
  "deals:write": "Post deals registered",
  "attendance:write": "Post events attended",
} as const;
export type ApiScope = keyof typeof apiScopes;

export const apiEventTypes = ["certification_earned", "deal_registered", "event_attended"] as const;
export type ApiEventType = (typeof apiEventTypes)[number];

const narrowScope: Record<ApiEventType, ApiScope> = {
  certification_earned: "certifications:write",
  deal_registered: "deals:write",
  event_attended: "attendance:write",
};

export const isApiScope = (value: string): value is ApiScope => Object.hasOwn(apiScopes, value);

/** Whether a key with `scopes` may post an event of `type`. */
export function scopeAllows(scopes: readonly string[], type: ApiEventType) {
  return scopes.includes("events:write") || scopes.includes(narrowScope[type]);
}

/** The scopes that would allow `type`, for the 403 message. */
export const scopesFor = (type: ApiEventType): ApiScope[] => ["events:write", narrowScope[type]];

/** A key's name: the system that uses it. */
export const MAX_KEY_NAME = 80;

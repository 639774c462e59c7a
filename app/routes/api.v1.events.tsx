import type { ActionFunctionArgs } from "@remix-run/node";
import { ingestEvent } from "../domain/analytics/api-ingest.server";

/**
 * POST /api/v1/events: the integration API (docs/decisions/025-external-points-api.md,
 * described at /api/v1/openapi.json). Authenticated by bearer key only: `context.user` (the
 * cookie session) is deliberately never read here, so a browser session cannot call it.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return methodNotAllowed();
  return ingestEvent(context.db, request);
}

export function loader() {
  return methodNotAllowed();
}

const methodNotAllowed = () =>
  Response.json({ error: { code: "method_not_allowed", message: "Use POST." } }, { status: 405, headers: { Allow: "POST" } });

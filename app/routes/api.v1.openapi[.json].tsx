import type { LoaderFunctionArgs } from "@remix-run/node";
import { openApiDocument } from "../domain/analytics/openapi";

/** The integration API's OpenAPI 3.1 description: public, it holds no secrets and integrators need it before they have a session. */
export function loader({ context }: LoaderFunctionArgs) {
  return Response.json(openApiDocument(context.publicOrigin), { headers: { "Cache-Control": "public, max-age=300" } });
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { organizationCsv, organizationTables, type OrganizationTable } from "../domain/analytics/export.server";
import { asHttpError, notFoundResponse, requireUser } from "../utils/http.server";
import { csvResponse } from "../utils/csv-response.server";

/** One organization's analytics table as CSV (same policy as its page). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const table = params.table as OrganizationTable;
  if (!organizationTables.includes(table)) throw notFoundResponse();
  const slug = params.slug ?? "";
  const csv = await organizationCsv(context.db, user, slug, table).catch(asHttpError);
  return csvResponse(csv, `analytics-${slug}-${table}.csv`);
}

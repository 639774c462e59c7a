import type { LoaderFunctionArgs } from "@remix-run/node";
import { ecosystemCsv, ecosystemTables, type EcosystemTable } from "../domain/analytics/export.server";
import { parseFilter } from "../domain/analytics/filters";
import { asHttpError, notFoundResponse, requireUser } from "../utils/http.server";
import { csvResponse } from "../utils/csv-response.server";

/** A dashboard table as CSV, with the page's filters (formula-safe cells: export.server.ts). */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const table = params.table as EcosystemTable;
  if (!ecosystemTables.includes(table)) throw notFoundResponse();
  const filter = parseFilter(new URL(request.url).searchParams);
  const csv = await ecosystemCsv(context.db, user, table, filter).catch(asHttpError);
  return csvResponse(csv, `analytics-${table}-${filter.period}.csv`);
}

import type { LoaderFunctionArgs } from "@remix-run/node";
import { auditCsv, auditFilterSchema } from "../domain/moderation/audit-log.server";
import { asHttpError, requireUser } from "../utils/http.server";

/** The filtered audit log as a CSV download (cells escaped against formula injection). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  const filter = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const csv = await auditCsv(context.db, user, filter).catch(asHttpError);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

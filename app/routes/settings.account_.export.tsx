import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "../domain/account-data/export.server";
import { asHttpError, requireUser } from "../utils/http.server";

/** GET has nothing to show: the archive is made by a POST (it is audit-logged, never prefetched). */
export async function loader() {
  return redirect("/settings/account");
}

/** The person's data as a JSON download, never cached anywhere (decision 023). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = requireUser(context, request);
  const archive = await exportAccountData(context.db, user).catch(asHttpError);
  const day = archive.exportedAt.slice(0, 10);
  return new Response(JSON.stringify(archive, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="partner-community-${user.handle}-${day}.json"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { getOrganization } from "../domain/organizations/organizations.server";
import { asHttpError, requireUser } from "../utils/http.server";

/** The header's "Manage organization" link: wherever the signed-in partner admin's organization lives. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request);
  if (!user.organizationId) throw redirect("/orgs");
  const organization = await getOrganization(context.db, user.organizationId).catch(asHttpError);
  throw redirect(`/orgs/${organization.slug}/manage`);
}

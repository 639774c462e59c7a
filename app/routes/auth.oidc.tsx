import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { oidcCookie } from "../domain/accounts/oidc.server";
import { safeRedirect } from "../utils/http.server";

export async function loader() {
  return redirect("/login");
}

/** Starts single sign-on: a POST, so a link elsewhere cannot start sign-ins in someone's browser. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (!context.oidc) throw new Response("Single sign-on is not configured.", { status: 404 });
  const form = await request.formData();
  const { url, token } = await context.oidc.begin(context.db, safeRedirect(form.get("redirectTo")));
  return redirect(url, { headers: { "Set-Cookie": oidcCookie(token, context.publicOrigin.startsWith("https:")) } });
}

import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { accountForIdentity, clearOidcCookie, readOidcCookie } from "../domain/accounts/oidc.server";
import { challengeCookie, startChallenge, twoFactorEnabled } from "../domain/accounts/login-challenge.server";
import { DomainError } from "../domain/errors";

export const meta: MetaFunction = () => [{ title: "Single sign-on · Partner Community" }];

/** The provider sends the browser back here with a code; a failure gets a page and a way to try again. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  if (!context.oidc) throw new Response("Single sign-on is not configured.", { status: 404 });
  const url = new URL(request.url);
  // The provider knows us by PUBLIC_URL; behind a proxy the request URL may differ.
  const callbackUrl = new URL(url.pathname + url.search, context.publicOrigin);
  try {
    const { identity, redirectTo } = await context.oidc.finish(context.db, callbackUrl, readOidcCookie(request.headers.get("cookie")));
    const { userId } = await accountForIdentity(context.db, identity);
    const headers = new Headers([["Set-Cookie", clearOidcCookie()]]);
    if (await twoFactorEnabled(context.db, userId)) {
      const token = await startChallenge(context.db, userId, redirectTo);
      headers.append("Set-Cookie", challengeCookie(token, context.publicOrigin.startsWith("https:")));
      return redirect("/login/two-factor", { headers });
    }
    const { cookie } = await context.auth.startSession(userId, { ip: context.ip, userAgent: request.headers.get("user-agent") });
    headers.append("Set-Cookie", cookie);
    if (context.sessionId) await context.auth.endSession(context.sessionId);
    return redirect(redirectTo, { headers });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    context.log.warn({ err: error }, "single sign-on refused");
    return data({ message: error.message }, { status: error.status, headers: { "Set-Cookie": clearOidcCookie() } });
  }
}

export default function OidcCallback() {
  const { message } = useLoaderData<typeof loader>();
  return (
    <section className="stack narrow">
      <h1>Single sign-on did not work</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/login">Back to log in</a>
      </p>
    </section>
  );
}

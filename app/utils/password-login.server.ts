import type { AppLoadContext } from "@remix-run/node";

/**
 * With PASSWORD_LOGIN=off (single sign-on only, decision 020) the pages that make, recover or
 * use a local password are closed: a 403 whose page says where to sign in instead.
 */
export function requirePasswordLogin(context: Pick<AppLoadContext, "passwordLogin">) {
  if (context.passwordLogin === false) {
    throw new Response("This community signs people in through their partner portal only, so local passwords are turned off. Use “Sign in with your partner portal” on the log-in page.", {
      status: 403,
    });
  }
}

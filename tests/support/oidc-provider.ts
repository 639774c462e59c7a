import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

/**
 * A real OpenID provider (the `oidc-provider` package) on a free local port, for tests.
 * Its login screen is replaced by one that signs in whoever `nextAccount` names at once and
 * grants every requested scope, so tests need no HTML scraping of the provider's own pages.
 */
export interface TestAccount {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
  organization?: string;
}

export const TEST_CLIENT = { clientId: "partner-community", clientSecret: "test-secret-that-is-long-enough-for-hs256" };

/**
 * `interactive: true` (end-to-end tests): the provider shows a small accessible sign-in form
 * instead, and whoever is typed there signs in, like a person at a real partner portal.
 */
export async function startTestProvider(options: { redirectUris: string[]; port?: number; interactive?: boolean }) {
  const accounts = new Map<string, TestAccount>();
  let nextAccount: TestAccount | null = null;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT.clientId,
        client_secret: TEST_CLIENT.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "partner_org"] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["test-cookie-key"] },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: account.email, email_verified: account.emailVerified, name: account.name, partner_org: account.organization };
        },
      };
    },
  });

  server.on("request", async (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return provider.callback()(req, res);
    try {
      if (options.interactive && req.method === "GET") return sendLoginForm(res, req.url);
      // A local, not the shared `nextAccount`: two sign-ins at once must not swap who signs in.
      const chosen = options.interactive ? accountFromForm(await readBody(req)) : nextAccount;
      const details = await provider.interactionDetails(req, res);
      if (!chosen) throw new Error("the test did not choose who signs in");
      accounts.set(chosen.sub, chosen);
      const grant = new provider.Grant({ accountId: chosen.sub, clientId: TEST_CLIENT.clientId });
      const prompt = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      grant.addOIDCScope(prompt.missingOIDCScope?.join(" ") ?? "openid email profile");
      if (prompt.missingOIDCClaims) grant.addOIDCClaims(prompt.missingOIDCClaims);
      const grantId = await grant.save();
      await provider.interactionFinished(req, res, { login: { accountId: chosen.sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });

  return {
    issuer,
    /** Who the next sign-in at this provider will be. */
    signInAs(account: TestAccount) {
      nextAccount = account;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function sendLoginForm(res: http.ServerResponse, action: string) {
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner portal sign-in</title></head>
<body><main><h1>Partner portal sign-in</h1>
<form method="post" action="${action.replace(/"/g, "&quot;")}">
<p><label for="email">Portal email</label> <input id="email" name="email" type="email" required></p>
<p><label for="name">Full name</label> <input id="name" name="name" required></p>
<p><label for="organization">Partner organization</label> <input id="organization" name="organization"></p>
<p><button type="submit">Continue to Partner Community</button></p>
</form></main></body></html>`);
}

async function readBody(req: http.IncomingMessage) {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

/** The portal vouches for the address it shows (email_verified), as partner portals do for staff. */
function accountFromForm(form: URLSearchParams): TestAccount {
  const email = form.get("email") ?? "";
  return { sub: `portal-${email}`, email, emailVerified: true, name: form.get("name") ?? email, organization: form.get("organization") || undefined };
}

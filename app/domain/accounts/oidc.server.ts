import * as client from "openid-client";
import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { recordAudit } from "../audit.server";
import { queueMail } from "../mail/queue.server";
import { DomainError } from "../errors";
import { hashToken, newToken } from "../../utils/ids.server";
import { findUserByEmail, insertUser } from "./users.server";

/**
 * Single sign-on through the vendor's partner portal (OpenID Connect, authorization code with
 * PKCE). The state, nonce and PKCE verifier wait in `oidc_logins` under a random id whose
 * cookie only the browser that started the sign-in holds. Decision 020.
 */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** A claim naming the person's partner organization (its slug or name). */
  orgClaim: string | null;
  redirectUri: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  organization: string | null;
}

export const OIDC_COOKIE = "pc_oidc";
const LOGIN_MINUTES = 10;

export type Oidc = ReturnType<typeof createOidc>;

export function createOidc(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | null = null;
  const configuration = () => {
    // Discovered on first use and kept; a failed discovery is retried on the next sign-in.
    discovered ??= client
      .discovery(settings.issuer, settings.clientId, settings.clientSecret, undefined, {
        // Plain http only for an issuer on this machine (tests, local development).
        execute: settings.issuer.protocol === "http:" ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        discovered = null;
        throw error;
      });
    return discovered;
  };

  return {
    settings,
    /** The provider's authorization URL and the cookie value that ties the callback to this browser. */
    async begin(db: Kysely<DB>, redirectTo: string, now = new Date()) {
      const config = await configuration();
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const token = newToken();
      await db.deleteFrom("oidc_logins").where("expires_at", "<", now).execute();
      await db
        .insertInto("oidc_logins")
        .values({ id_hash: hashToken(token), state, nonce, code_verifier: codeVerifier, redirect_to: redirectTo, expires_at: new Date(now.getTime() + LOGIN_MINUTES * 60_000) })
        .execute();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUri,
        scope: "openid email profile",
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: "S256",
        state,
        nonce,
      });
      return { url: url.href, token };
    },

    /** Checks state, nonce and PKCE through openid-client; the pending login is spent either way. */
    async finish(db: Kysely<DB>, callbackUrl: URL, token: string | null, now = new Date()): Promise<{ identity: OidcIdentity; redirectTo: string }> {
      if (!token) throw new DomainError("This sign-in expired or was started in another browser. Try again.", 400);
      const pending = await db.deleteFrom("oidc_logins").where("id_hash", "=", hashToken(token)).returningAll().executeTakeFirst();
      if (!pending || pending.expires_at.getTime() < now.getTime()) {
        throw new DomainError("This sign-in expired or was started in another browser. Try again.", 400);
      }
      const config = await configuration();
      let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.code_verifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
      } catch (error) {
        throw new DomainError(`Single sign-on failed: ${error instanceof Error ? error.message : "the provider's answer did not check out"}.`, 400);
      }
      const claims = tokens.claims()!;
      // Providers often keep email and custom claims out of the ID token: ask userinfo too.
      const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
      const all: Record<string, unknown> = { ...claims, ...info };
      const org = settings.orgClaim ? all[settings.orgClaim] : null;
      return {
        redirectTo: pending.redirect_to,
        identity: {
          issuer: String(claims.iss),
          subject: claims.sub,
          email: typeof all.email === "string" ? all.email : null,
          emailVerified: all.email_verified === true,
          name: typeof all.name === "string" ? all.name : null,
          organization: typeof org === "string" && org.trim() ? org.trim() : null,
        },
      };
    },
  };
}

/**
 * The account for an identity: the one already linked to (issuer, subject); else the account
 * with the same email, linked now, but only when the provider verified that email (an
 * unverified address would let anyone claim someone else's account); else a new account, in
 * the organization the claim names.
 */
export async function accountForIdentity(db: Kysely<DB>, identity: OidcIdentity) {
  return db.transaction().execute(async (trx) => {
    const linked = await trx
      .selectFrom("oidc_identities")
      .innerJoin("users", "users.id", "oidc_identities.user_id")
      .select(["users.id", "users.deleted_at"])
      .where("issuer", "=", identity.issuer)
      .where("subject", "=", identity.subject)
      .executeTakeFirst();
    if (linked) {
      if (linked.deleted_at) throw new DomainError("This account was deleted.", 403);
      return { userId: linked.id, outcome: "signed-in" as const };
    }
    if (!identity.email || !identity.emailVerified) {
      throw new DomainError("Your identity provider has not verified your email address, so we cannot sign you in with it.", 403);
    }
    const existing = await findUserByEmail(trx, identity.email);
    if (existing?.deleted_at) throw new DomainError("This account was deleted.", 403);
    let userId: string;
    let outcome: "linked" | "created";
    if (existing) {
      userId = existing.id;
      outcome = "linked";
    } else {
      const organization = identity.organization
        ? await trx
            .selectFrom("organizations")
            .select("id")
            .where((eb) => eb.or([eb("slug", "=", identity.organization!.toLowerCase()), eb(eb.fn("lower", ["name"]), "=", identity.organization!.toLowerCase())]))
            .executeTakeFirst()
        : undefined;
      const user = await insertUser(trx, {
        email: identity.email,
        displayName: identity.name ?? identity.email.split("@")[0],
        password: null,
        organizationId: organization?.id ?? null,
      });
      userId = user.id;
      outcome = "created";
    }
    await trx.insertInto("oidc_identities").values({ issuer: identity.issuer, subject: identity.subject, user_id: userId }).execute();
    await recordAudit(trx, {
      actorId: userId,
      action: outcome === "created" ? "account.sso_created" : "account.sso_linked",
      targetType: "user",
      targetId: userId,
      after: { issuer: identity.issuer, organization: identity.organization },
    });
    // Linking opens the account to another way in: its address hears of it, like any account change.
    if (outcome === "linked") await queueMail(trx, { type: "account_notice", userId, to: existing!.email, change: "sso_linked" });
    return { userId, outcome };
  });
}

export function oidcCookie(token: string, secure: boolean) {
  return `${OIDC_COOKIE}=${token}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=${LOGIN_MINUTES * 60}${secure ? "; Secure" : ""}`;
}

export function clearOidcCookie() {
  return `${OIDC_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0`;
}

export function readOidcCookie(header: string | null) {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${OIDC_COOKIE}=([^;]+)`));
  return match ? match[1] : null;
}

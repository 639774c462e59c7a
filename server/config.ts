import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable the product reads, parsed once. A bad value stops start-up
 * with one line that names the variable, never a stack dump.
 */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    DATA_DIR: z.string().min(1).default("./data"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    DEMO: z
      .enum(["0", "1", "true", "false", ""])
      .default("0")
      .transform((value) => value === "1" || value === "true"),
    TRUST_PROXY: z
      .enum(["0", "1", "true", "false", ""])
      .default("0")
      .transform((value) => value === "1" || value === "true"),
    DISPATCHER: z
      .enum(["on", "off"])
      .default("on")
      .transform((value) => value === "on"),
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    MAIL_FROM: z.string().min(3).default("Partner Community <no-reply@localhost>"),
    // Several app processes (node:cluster) share one port; they need one PostgreSQL (decision 022).
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: "must be a redis:// or rediss:// URL" }).optional(),
    // Seconds a shared cache (CDN, proxy) may keep a page served to a request without cookies; 0 turns it off.
    ANONYMOUS_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    // Memory for the in-process copy of those pages (decision 029); 0 turns it off.
    PAGE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(64),
    // Single sign-on (decision 020): all three or none.
    OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_ORG_CLAIM: z.string().min(1).optional(),
    PASSWORD_LOGIN: z.enum(["on", "off"]).default("on"),
    // Encrypts the TOTP seeds at rest (decision 024); without it a key is made in DATA_DIR/secret-key.
    SECRET_KEY: z.string().min(32, { error: "must be at least 32 characters (for example `openssl rand -base64 32`)" }).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.WEB_CONCURRENCY > 1 && !env.DATABASE_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["WEB_CONCURRENCY"],
        message:
          "above 1 needs DATABASE_URL: the embedded database (PGlite) serves one process only. Set DATABASE_URL to a PostgreSQL server or leave WEB_CONCURRENCY at 1",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      const missing = (["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const).find((name) => !env[name])!;
      ctx.addIssue({ code: "custom", path: [missing], message: "is needed when any OIDC_ variable is set" });
    }
    if (env.PASSWORD_LOGIN === "off" && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["PASSWORD_LOGIN"], message: "can be off only when single sign-on (OIDC_ISSUER) is configured" });
    }
  })
  .transform((env) => {
    const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
    return {
      env: env.NODE_ENV,
      isProduction: env.NODE_ENV === "production",
      port: env.PORT,
      host: env.HOST,
      publicUrl,
      publicOrigin: publicUrl.origin,
      secureCookies: publicUrl.protocol === "https:",
      databaseUrl: env.DATABASE_URL,
      dataDir: path.resolve(env.DATA_DIR),
      logLevel: env.LOG_LEVEL,
      demo: env.DEMO,
      trustProxy: env.TRUST_PROXY,
      runDispatcher: env.DISPATCHER,
      mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM },
      processes: env.WEB_CONCURRENCY,
      redisUrl: env.REDIS_URL,
      anonymousCacheSeconds: env.ANONYMOUS_CACHE_SECONDS,
      pageCacheBytes: env.PAGE_CACHE_MB * 1024 * 1024,
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
          ? {
              issuer: new URL(env.OIDC_ISSUER),
              clientId: env.OIDC_CLIENT_ID,
              clientSecret: env.OIDC_CLIENT_SECRET,
              orgClaim: env.OIDC_ORG_CLAIM ?? null,
              redirectUri: new URL("/auth/oidc/callback", publicUrl).href,
            }
          : null,
      passwordLogin: env.PASSWORD_LOGIN === "on",
      secretKey: env.SECRET_KEY ?? null,
    };
  });

export type Config = z.output<typeof schema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const name = issue.path.join(".") || "environment";
  const shown = typeof env[name] === "string" ? ` (got "${env[name]}")` : "";
  throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
}

import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const BEARER_API_PREFIX = "/api/v1/";

/**
 * Refuses state-changing requests whose Origin (or, failing that, Referer) is not our own:
 * with SameSite=Lax cookies this closes cross-site request forgery.
 */
export function requireSameOrigin(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    // The integration API authenticates by bearer key only and never reads the session cookie
    // (decision 025): a forged cross-site request has no key to send, so there is nothing to forge.
    if (req.path.startsWith(BEARER_API_PREFIX)) return next();
    const origin = req.get("origin") ?? refererOrigin(req.get("referer"));
    if (origin === publicOrigin) return next();
    req.log?.warn({ origin, expected: publicOrigin }, "cross-origin request refused");
    res.status(403).type("text/plain").send("Cross-origin request refused.");
  };
}

function refererOrigin(referer: string | undefined) {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Refuses state-changing requests whose Origin (or, failing that, Referer) is not our own:
 * with SameSite=Lax cookies this closes cross-site request forgery.
 */
export function requireSameOrigin(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
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

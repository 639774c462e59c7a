import type { RequestHandler, Response } from "express";

/**
 * Cache-Control for pages and data that no route chose itself (decision 022).
 * A GET answered 200 to a request that carried no cookie cannot be personal: a shared cache
 * (a CDN, a proxy) may keep it for `anonymousSeconds`; browsers always revalidate.
 * Everything else (signed in, any cookie, a Set-Cookie answer, errors, POSTs) is private.
 * Decided when the headers go out, because only then are status and Set-Cookie known.
 */
export function cacheControl(options: { anonymousSeconds: number }): RequestHandler {
  const { anonymousSeconds } = options;
  const shared = `public, max-age=0, s-maxage=${anonymousSeconds}, stale-while-revalidate=${anonymousSeconds}`;
  return (req, res, next) => {
    const cookieless = !req.headers.cookie;
    const readOnly = req.method === "GET" || req.method === "HEAD";
    const writeHead = res.writeHead;
    res.writeHead = function (this: Response, ...args: unknown[]) {
      const status = typeof args[0] === "number" ? args[0] : res.statusCode;
      res.append("Vary", "Cookie");
      if (!res.getHeader("Cache-Control")) {
        const publicOk = anonymousSeconds > 0 && cookieless && readOnly && status === 200 && !res.getHeader("Set-Cookie");
        res.setHeader("Cache-Control", publicOk ? shared : "private, no-cache");
      }
      return writeHead.apply(this, args as Parameters<Response["writeHead"]>);
    } as Response["writeHead"];
    next();
  };
}

import type { Request, RequestHandler, Response } from "express";

/**
 * An in-process cache of the pages and data that signed-out visitors get (decision 029), and
 * of the signed-in pages rendered for an audience rather than one person (decision 043).
 * It keeps exactly what a shared cache may keep under decision 022 (a 200 to a request with no
 * cookie, marked `public` by cacheControl, without Set-Cookie), as the bytes that went out,
 * compressed or not, so a hit costs neither Remix, the database nor zlib.
 * Every outbox event empties it (`invalidate`, wired to the outbox NOTIFY that each commit of a
 * domain change sends to every process), so a new reply, a hidden post or a thread moved into
 * a council space is never served stale; `seconds` bounds changes that append no event.
 */
/**
 * Signed-in pages rendered for an audience rather than one person (decision 043): `of` names the
 * request's audience (or null: rendered for the viewer alone, never kept); `fits` says whether
 * the finished response may be kept for that audience.
 */
export interface Audiences {
  of(req: Request, res: Response): Promise<string | null>;
  fits(res: Response): boolean;
}

export interface PageCache {
  middleware: RequestHandler;
  invalidate(): void;
  stats(): { entries: number; bytes: number; hits: number; misses: number };
}

interface Entry {
  status: number;
  headers: Record<string, string | number | string[]>;
  body: Buffer;
  storedAt: number;
}

/** Headers that describe one transfer, not the page. */
const PER_TRANSFER = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "set-cookie"]);
/** Pages and Remix data (single fetch) only: static files have caching of their own. */
const PAGE_TYPES = /^(text\/html|text\/x-script|application\/json)\b/;
/** Concurrent misses of one page wait this long for the first render before rendering too. */
const COALESCE_MS = 5_000;

export function createPageCache(options: {
  seconds: number;
  maxBytes: number;
  maxEntryBytes?: number;
  now?: () => number;
  audiences?: Audiences;
}): PageCache {
  const { seconds, maxBytes } = options;
  const maxEntryBytes = options.maxEntryBytes ?? Math.min(2 * 1024 * 1024, maxBytes);
  const now = options.now ?? Date.now;
  // Map order is insertion order: re-inserting on a hit makes the first key the least recent.
  const entries = new Map<string, Entry>();
  const rendering = new Map<string, Promise<void>>();
  let bytes = 0;
  let generation = 0;
  let hits = 0;
  let misses = 0;

  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  };

  const store = (key: string, entry: Entry) => {
    remove(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    for (const oldest of entries.keys()) {
      if (bytes <= maxBytes) break;
      remove(oldest);
    }
  };

  const fresh = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (now() - entry.storedAt >= seconds * 1000) {
      remove(key);
      return undefined;
    }
    entries.delete(key);
    entries.set(key, entry);
    return entry;
  };

  const serve = (res: Response, entry: Entry) => {
    hits += 1;
    res.status(entry.status);
    for (const [name, value] of Object.entries(entry.headers)) res.setHeader(name, value);
    res.setHeader("Content-Length", entry.body.length);
    // A shared cache in front counts its own lifetime from here (RFC 9111 Age).
    res.setHeader("Age", Math.floor((now() - entry.storedAt) / 1000));
    res.setHeader("X-Cache", "hit");
    res.end(entry.body);
  };

  /** Copies what goes out; stores it at the end if it turned out to be shareable. */
  const record = (key: string, res: Response, shareable: (res: Response, tooBig: boolean) => boolean, done: () => void) => {
    const startedIn = generation;
    const chunks: Buffer[] = [];
    let size = 0;
    let tooBig = false;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (tooBig || chunk == null || typeof chunk === "function") return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : Buffer.from(chunk as string, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      size += buffer.length;
      if (size > maxEntryBytes) tooBig = true;
      else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Response["write"];
    res.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (end as (...args: unknown[]) => Response).call(this, chunk, ...rest);
    } as Response["end"];
    res.on("close", done);
    res.on("finish", () => {
      // A change committed while this page rendered may be missing from it: do not keep it.
      if (!shareable(res, tooBig) || generation !== startedIn) return;
      const headers: Entry["headers"] = {};
      for (const [name, value] of Object.entries(res.getHeaders())) {
        if (value !== undefined && !PER_TRANSFER.has(name)) headers[name] = value;
      }
      store(key, { status: res.statusCode, headers, body: Buffer.concat(chunks), storedAt: now() });
    });
  };

  const anonymousShareable = (res: Response, tooBig: boolean) =>
    res.statusCode === 200 &&
    String(res.getHeader("Cache-Control") ?? "").startsWith("public") &&
    PAGE_TYPES.test(String(res.getHeader("Content-Type") ?? "")) &&
    !res.getHeader("Set-Cookie") &&
    !tooBig;
  const audienceShareable = (res: Response, tooBig: boolean) =>
    res.statusCode === 200 &&
    String(res.getHeader("Content-Type") ?? "").startsWith("text/html") &&
    options.audiences!.fits(res) &&
    !tooBig;

  const eligible = (req: Request) =>
    seconds > 0 && req.method === "GET" && !req.headers.authorization && !req.path.startsWith("/assets/");

  const middleware: RequestHandler = async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      // Writes that append no event (settings, categories) still show at once on this process.
      res.on("finish", invalidate);
      return next();
    }
    if (!eligible(req)) return next();
    let audience: string | null = null;
    if (req.headers.cookie) {
      if (!options.audiences) return next();
      try {
        audience = await options.audiences.of(req, res);
      } catch (error) {
        return next(error);
      }
      if (audience === null) return next();
    }
    // The encoding compression will choose depends on Accept-Encoding only.
    const key = `${req.originalUrl}\n${req.headers["accept-encoding"] ?? ""}${audience === null ? "" : `\n${audience}`}`;
    let entry = fresh(key);
    const inFlight = rendering.get(key);
    if (!entry && inFlight) {
      await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, COALESCE_MS))]);
      entry = fresh(key);
    }
    if (entry) return serve(res, entry);
    misses += 1;
    if (!inFlight) {
      let finish!: () => void;
      rendering.set(key, new Promise<void>((resolve) => (finish = resolve)));
      record(key, res, audience === null ? anonymousShareable : audienceShareable, () => {
        rendering.delete(key);
        finish();
      });
    }
    res.setHeader("X-Cache", "miss");
    next();
  };

  function invalidate() {
    generation += 1;
    entries.clear();
    bytes = 0;
  }

  return {
    middleware,
    invalidate,
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  };
}

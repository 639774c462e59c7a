import "../app/context";
import http from "node:http";
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import type { Database } from "../db/client";
import { createAuth } from "../app/domain/accounts/auth.server";
import { enrolmentRedirect } from "../app/domain/accounts/two-factor.server";
import { createOidc } from "../app/domain/accounts/oidc.server";
import type { Config } from "./config";
import { createSecretBox } from "../app/domain/accounts/secret-box.server";
import { sealPlainSecrets } from "../app/domain/accounts/two-factor.server";
import { loadSecretKey } from "./secret-key";
import type { Logger } from "./logger";
import { requireSameOrigin } from "./http/origin";
import { requestLog } from "./http/request-log";
import { createRealtime } from "./realtime.server";
import { createDispatcher } from "./dispatcher";
import { createScheduler } from "./scheduler";
import { socketFanout } from "./fanout";
import { notificationsSubscriber } from "./notifications-subscriber";
import { messagesFanout } from "./messages-fanout";
import { moderationFanout } from "./moderation-fanout";
import { recognitionSubscriber } from "../app/domain/recognition/engine.server";
import { createBackgroundJobs } from "./jobs";
import { createMarkdownPool } from "./markdown-pool";
import { createUploadStorage } from "../app/domain/uploads/storage.server";
import { createMail, oneClickUnsubscribe } from "./mail";
import compression from "compression";
import { cacheControl } from "./http/cache-control";
import { createPageCache } from "./http/page-cache";
import { OUTBOX_CHANNEL } from "../app/domain/events/outbox.server";
import { openRealtimeAdapter } from "./realtime-adapter";
import { root } from "./compiled";
import { audienceOf } from "../app/domain/audience.server";
import type { SharedRender } from "../app/context";

/** Thread pages (documents, not their data): the signed-in pages rendered per audience (decision 043). */
const SHARED_PAGE = /^\/t\/[^/.]+(?:\/[^/.]*)?$/;

/** How long requests in flight may take to finish at shutdown (server/index.ts forces exit at 10 s). */
const IN_FLIGHT_GRACE_MS = 5_000;

/**
 * Static folders only see paths that name a file: asked for every page, they looked up
 * /t/123 on disk twice and built an error for each miss.
 */
const onlyFiles =
  (serve: express.RequestHandler): express.RequestHandler =>
  (req, res, next) => {
    const last = req.path.slice(req.path.lastIndexOf("/") + 1);
    return last.includes(".") && !last.endsWith(".data") ? serve(req, res, next) : next();
  };

export interface RunningApp {
  server: http.Server;
  close(): Promise<void>;
}

/** Wires Express, Remix, socket.io and the background workers around one database. */
export async function createApp(config: Config, database: Database, log: Logger): Promise<RunningApp> {
  const { db } = database;
  const auth = createAuth(db, { secureCookies: config.secureCookies });
  const oidc = config.oidc ? createOidc(config.oidc) : null;
  const secretBox = createSecretBox(loadSecretKey(config));
  const sealed = await sealPlainSecrets(db, secretBox);
  if (sealed > 0) log.info({ sealed }, "encrypted two-factor secrets stored before decision 024");
  const app = express();
  const server = http.createServer(app);
  const adapter = await openRealtimeAdapter(config, log);
  const realtime = createRealtime(server, {
    auth,
    db,
    log,
    publicOrigin: config.publicOrigin,
    adapter,
    websocketOnly: config.processes > 1,
  });

  const markdown = createMarkdownPool();
  const uploads = createUploadStorage(path.join(config.dataDir, "uploads"));
  const mail = createMail(config, db);
  // Emptied by every outbox event (decision 029); assigned once the cache exists below.
  let invalidatePages = () => {};
  /** Reads the session once per request, whichever middleware asks first. */
  const checkSession = async (req: express.Request, res: express.Response) => {
    if (res.locals.sessionChecked) return res.locals.session as Awaited<ReturnType<typeof auth.validate>>;
    const session = await auth.validate(req.headers.cookie);
    if (session?.refreshCookie) res.append("Set-Cookie", session.refreshCookie);
    res.locals.session = session;
    res.locals.sessionChecked = true;
    return session;
  };
  const dispatcher = createDispatcher({
    database,
    log,
    // Large batches amortize the recognition engine's per-batch locks and state loads under a
    // burst; an idle outbox still dispatches each event alone, at once (decisions 028, 033).
    batchSize: 5000,
    subscribers: [
      // First: its effects commit with the batch; fan-out then announces what it produced.
      recognitionSubscriber(),
      // Before any socket tells a page to re-read: its re-read must not get the page from
      // before the event, whichever of this and the outbox NOTIFY reaches this process first.
      { name: "page-cache", afterCommit: () => invalidatePages() },
      socketFanout(realtime.io),
      notificationsSubscriber(realtime.io, db),
      messagesFanout(realtime.io, db),
      moderationFanout(realtime.io),
      // After notifications: queues right-away mail for the rows that subscriber just created.
      mail.subscriber,
    ],
  });
  const backgroundJobs = createBackgroundJobs({ render: markdown.render, realtime });
  const scheduler = createScheduler({ database, log, handlers: { ...backgroundJobs.handlers, ...mail.handlers } });
  if (config.runDispatcher) {
    await dispatcher.start();
    await backgroundJobs.ensureScheduled(db);
    await mail.ensureScheduled();
    scheduler.start();
  }

  app.disable("x-powered-by");
  // Before compression, so a hit replays the compressed bytes; emptied by every outbox event.
  const stopInvalidating = await database
    .listen(OUTBOX_CHANNEL, () => invalidatePages())
    .catch((error: unknown) => {
      log.warn({ err: error }, "no outbox LISTEN: the in-process page cache is off");
      return null;
    });
  const pageCache = createPageCache({
    seconds: stopInvalidating && config.pageCacheBytes > 0 ? config.anonymousCacheSeconds : 0,
    maxBytes: config.pageCacheBytes,
    audiences: {
      // The session is checked here, once: the handler below reuses it.
      async of(req, res) {
        if (!SHARED_PAGE.test(req.path)) return null;
        const session = await checkSession(req, res);
        const audience = session ? audienceOf(session.user) : null;
        if (!session || !audience) return null;
        res.locals.audienceViewer = audience.viewer;
        res.locals.sharedRender = { personal: false, viewer: session.user } satisfies SharedRender;
        return audience.key;
      },
      fits(res) {
        const shared = res.locals.sharedRender as SharedRender | undefined;
        const cookies = [res.getHeader("Set-Cookie") ?? []].flat();
        // The session's own refresh goes out with every answer, hit or miss; nothing else may.
        return Boolean(shared && !shared.personal) && cookies.every((cookie) => cookie === res.locals.session?.refreshCookie);
      },
    },
  });
  invalidatePages = pageCache.invalidate;
  app.use(pageCache.middleware);
  // Compresses HTML, data and the text assets; socket.io traffic never passes through Express.
  // Not an action's single-fetch answer: a few hundred bytes, streamed without a length, so the
  // size threshold cannot apply and each one would pay for a deflate stream of its own.
  app.use(compression({ filter: (req, res) => !(req.method !== "GET" && req.path.endsWith(".data")) && compression.filter(req, res) }));
  if (config.trustProxy) app.set("trust proxy", true);

  app.get("/healthz", async (_req, res) => {
    const started = Date.now();
    try {
      await sql`select 1`.execute(db);
      res.json({
        status: "ok",
        database: { kind: database.kind, ok: true, ms: Date.now() - started },
        outbox: { backlog: await dispatcher.backlog(), lagMs: await dispatcher.lagMs() },
        sockets: realtime.connectedCount(),
        uptime: Math.round(process.uptime()),
      });
    } catch (error) {
      log.error({ err: error }, "health check failed");
      res.status(503).json({ status: "error", database: { kind: database.kind, ok: false } });
    }
  });

  // The production build is handed over as an object: given a function, Remix rebuilds its route
  // table (createRoutes, flattening, ranking) on every request, a fifth of a signed-in page's CPU.
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let closeVite = async () => {};
  if (config.isProduction) {
    const serverBuildPath = path.join(root, "build/server/index.js");
    const serverBuild = (await import(serverBuildPath)) as ServerBuild;
    build = serverBuild;
    app.use("/assets", express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }));
    app.use(onlyFiles(express.static(path.join(root, "build/client"), { maxAge: "1h" })));
  } else {
    const vite = await import("vite").then((m) =>
      m.createServer({ root, server: { middlewareMode: true } }),
    );
    app.use(vite.middlewares);
    build = () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
    closeVite = () => vite.close();
  }
  app.use(onlyFiles(express.static(path.join(root, "public"), { maxAge: "1h" })));

  app.use(requestLog(log));
  app.post("/unsubscribe", ...oneClickUnsubscribe(db));
  app.use(requireSameOrigin(config.publicOrigin));
  app.use(cacheControl({ anonymousSeconds: config.anonymousCacheSeconds }));

  app.all(
    "*",
    async (req, res, next) => {
      try {
        const session = await checkSession(req, res);
        // Staff an admin requires 2FA of set it up before anything else (decision 020).
        const enrol = await enrolmentRedirect(db, session?.user ?? null, req.path);
        if (enrol) return res.redirect(303, enrol);
        next();
      } catch (error) {
        next(error);
      }
    },
    createRequestHandler({
      build,
      mode: config.env,
      getLoadContext: (req, res): AppLoadContext => ({
        db,
        auth,
        realtime,
        renderMarkdown: markdown.render,
        uploads,
        log: req.log,
        publicOrigin: config.publicOrigin,
        user: res.locals.sharedRender ? res.locals.audienceViewer : (res.locals.session?.user ?? null),
        sessionId: res.locals.sharedRender ? null : (res.locals.session?.sessionId ?? null),
        sharedRender: res.locals.sharedRender ?? null,
        ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
        oidc,
        passwordLogin: config.passwordLogin,
        secretBox,
      }),
    }),
  );

  app.use(((error, req, res, _next) => {
    req.log?.error({ err: error }, "unhandled request error");
    if (!res.headersSent) res.status(500).type("text/plain").send("Something went wrong on our side.");
  }) as express.ErrorRequestHandler);

  return {
    server,
    async close() {
      // Stop accepting, then let requests in flight finish (bounded) before anything they use
      // goes away: the database pool is closed by the caller once this resolves.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Open sockets would hold the server open until the forced exit.
      await realtime.close();
      await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, IN_FLIGHT_GRACE_MS).unref())]);
      server.closeAllConnections();
      await Promise.all([dispatcher.stop(), scheduler.stop(), markdown.close()]);
      mail.close();
      await adapter?.close();
      await stopInvalidating?.();
      await closeVite();
    },
  };
}

import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { io as connect, type Socket } from "socket.io-client";
import type { Database } from "../../db/client";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { createTestDatabase, usingPostgres } from "../support/database";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory, makeThread } from "../support/forum";

/**
 * Two real app processes (`server/index.ts`, production build) on one PostgreSQL database, each
 * with its own dispatcher: an event caused through one reaches sockets on both, and its points
 * are credited once. Embedded PGlite serves one process only, so this needs TEST_DATABASE_URL.
 */
const root = path.resolve(import.meta.dirname, "../..");

if (!usingPostgres()) {
  console.info("cluster.test.ts: the two-process test is NOT RUN on PGlite (one process only). Set TEST_DATABASE_URL to run it.");
}

describe.runIf(usingPostgres())("two app processes on one PostgreSQL (needs TEST_DATABASE_URL)", () => {
  let database: Database & { url?: string };
  const processes: ChildProcess[] = [];
  const sockets: Socket[] = [];
  const origins: string[] = [];

  beforeAll(async () => {
    // The processes serve the production build, as `npm start` does.
    database = await createTestDatabase();
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
        cwd: root,
        env: { ...process.env, NODE_ENV: "production", DATABASE_URL: database.url, PORT: String(port), HOST: "127.0.0.1", PUBLIC_URL: origin, LOG_LEVEL: "warn", DEMO: "0", WEB_CONCURRENCY: "1" },
        stdio: ["ignore", "inherit", "inherit"],
      });
      processes.push(child);
      origins.push(origin);
    }
    await Promise.all(origins.map(waitForHealth));
  }, 600_000);

  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all(processes.map(stop));
    await database?.close();
  });

  it("delivers a reply made through process B to a socket on process A, and credits its points once", async () => {
    const [originA, originB] = origins as [string, string];
    const organization = await makeOrganization(database.db);
    const asker = asSessionUser(await makeUser(database.db, { organizationId: organization.id }));
    const replier = asSessionUser(await makeUser(database.db, { organizationId: organization.id }));
    const category = await makeCategory(database.db);
    const { threadId } = await makeThread(database.db, asker, category.id);
    // A session started anywhere is valid on every process: sessions live in the database.
    const auth = createAuth(database.db, { secureCookies: false });
    const cookie = (await auth.startSession(replier.id, { ip: null, userAgent: null })).cookie.split(";")[0]!;
    // The thread's own creation is announced to its room too: let it go out before anyone joins,
    // so the events heard below can only be the reply's.
    const undispatched = () => database.db.selectFrom("outbox_events").select("id").where("dispatched_at", "is", null).execute();
    await expect.poll(undispatched, { timeout: 30_000, interval: 100 }).toEqual([]);

    // One listener per process: the reply's event is dispatched by exactly one of them,
    // so at least one of the two deliveries crosses between processes through the adapter.
    const received = await Promise.all(
      [originA, originB].map(async (origin) => {
        const socket = connect(origin, { transports: ["websocket"], reconnection: false, extraHeaders: { origin } });
        sockets.push(socket);
        await new Promise<void>((resolve, reject) => {
          socket.once("connect", resolve);
          socket.once("connect_error", reject);
        });
        const joined = await new Promise<{ ok: boolean }>((resolve) => socket.emit("room:join", `thread:${threadId}`, resolve));
        expect(joined).toEqual({ ok: true });
        // Wrapped, so that awaiting the join does not also wait for the event.
        return { changed: new Promise<{ threadId: string; change: string; postId: string }>((resolve) => socket.on("thread:changed", resolve)) };
      }),
    );

    const response = await fetch(`${originB}/t/${threadId}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie, origin: originB, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ intent: "reply", body: "Posted through the second process." }),
    });
    expect(response.status).toBe(302);

    const [onA, onB] = await within(30_000, Promise.all(received.map(({ changed }) => changed)));
    const { id: postId } = await database.db
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("post_number", "=", 2)
      .executeTakeFirstOrThrow();
    expect(onA).toEqual(expect.objectContaining({ threadId, change: "reply", postId }));
    expect(onB).toEqual(expect.objectContaining({ threadId, change: "reply", postId }));

    // Both dispatchers keep polling; give the second one time to (wrongly) process it again.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const credits = await database.db
      .selectFrom("recognition_ledger")
      .select(["rule", "user_id", "points"])
      .where("post_id", "=", postId)
      .where("reverses_event_id", "is", null)
      .execute();
    expect(credits).toHaveLength(1);
    expect(credits[0]).toMatchObject({ user_id: replier.id, points: 2 });
    const pending = await undispatched();
    expect(pending).toEqual([]);
  }, 120_000);
});

function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(origin: string) {
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${origin} did not become healthy`);
}

function stop(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

function within<T>(ms: number, promise: Promise<T>) {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no event within ${ms} ms`)), ms)),
  ]);
}

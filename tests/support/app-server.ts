import { afterAll, beforeAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net, { type AddressInfo } from "node:net";
import type { Database } from "../../db/client";
import { createApp } from "../../server/app";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { createTestDatabase } from "./database";
import { BUILT_SERVER } from "./global-setup";
import { createAuth } from "../../app/domain/accounts/auth.server";
import { asSessionUser, makeOrganization, makeUser } from "./factories";

/**
 * The real server (production build) in this process on a free port, for tests of what a
 * browser is answered. `env` adds configuration (single sign-on, PASSWORD_LOGIN).
 */
const root = path.resolve(import.meta.dirname, "../..");

/** A free port, known before start-up: PUBLIC_URL must name it, since Remix checks Origin against Host. */
async function freePort() {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startAppServer(database: Database, env: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // Built once for the whole run by global-setup.ts: test files building side by side emptied each other's assets.
  if (!fs.existsSync(path.join(root, BUILT_SERVER))) throw new Error(`${BUILT_SERVER} is missing: tests/support/global-setup.ts builds it`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pc-app-"));
  const config = parseConfig({
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    PUBLIC_URL: base,
    DATA_DIR: dataDir,
    DISPATCHER: "off",
    LOG_LEVEL: "silent",
    ...env,
  });
  const app = await createApp(config, database, createLogger("silent"));
  await new Promise<void>((resolve) => app.server.listen(port, "127.0.0.1", resolve));
  return {
    base,
    get: (pathname: string, cookie?: string) => fetch(`${base}${pathname}`, { redirect: "manual", headers: cookie ? { cookie } : {} }),
    /** A form post as a browser without JavaScript sends it, from this site. */
    post: (pathname: string, fields: Record<string, string>, cookie?: string) =>
      fetch(`${base}${pathname}`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: base, "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
        body: new URLSearchParams(fields).toString(),
      }),
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh database and the served app for one test file: started before its tests, closed after. */
export function useAppServer() {
  const state = {} as { database: Database; server: Awaited<ReturnType<typeof startAppServer>> };
  beforeAll(async () => {
    state.database = await createTestDatabase();
    state.server = await startAppServer(state.database);
  }, 180_000);
  afterAll(async () => {
    await state.server?.close();
    await state.database?.close();
  });
  return {
    get database() {
      return state.database;
    },
    get origin() {
      return state.server.base;
    },
  };
}

/** A member of a new organization, signed in: their row, their session user and the Cookie header value. */
export async function signedInMember(database: Database, overrides: Parameters<typeof makeUser>[1] = {}) {
  const organization = await makeOrganization(database.db);
  const row = await makeUser(database.db, { organizationId: organization.id, ...overrides });
  const { cookie } = await createAuth(database.db, { secureCookies: false }).startSession(row.id, { ip: null, userAgent: null });
  return { row, user: asSessionUser(row), cookie: cookie.split(";")[0]! };
}

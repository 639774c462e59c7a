import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startArguments } from "../../../server/start-command";

/**
 * The Playwright webServer: a fresh database, then the real server as `npm start` runs it
 * (build/app-server/index.js, which `npm run test:e2e` builds first).
 * Playwright starts its webServer before any globalSetup, so the database is prepared here.
 * - embedded (default): an emptied DATA_DIR; the server seeds the demo data itself (DEMO=1).
 * - TEST_DATABASE_URL: a new database `pc_e2e_<random>`, migrated and seeded here, dropped on exit.
 */
const root = path.resolve(import.meta.dirname, "../../..");
const adminUrl = process.env.TEST_DATABASE_URL;
const env: NodeJS.ProcessEnv = { ...process.env };
let cleanup = async () => {};

if (adminUrl) {
  const name = `pc_e2e_${crypto.randomBytes(5).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = withDatabase(adminUrl, name);
  cleanup = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
  try {
    await seed(url);
  } catch (error) {
    await cleanup();
    throw error;
  }
  env.DATABASE_URL = url;
  delete env.DATA_DIR;
  process.stderr.write(`e2e: PostgreSQL database ${name}\n`);
} else {
  const dataDir = path.join(os.tmpdir(), `pc-e2e-${process.env.PORT ?? "3210"}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  env.DATA_DIR = dataDir;
  delete env.DATABASE_URL;
  cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
}

// Single sign-on for every spec: a real OpenID provider (oidc-provider) in this process, started
// before the server so its issuer URL can be configured. Password login stays on, so specs that
// do not use it only see one more button on /login. Its sign-in page is a form (accounts-security).
const { startTestProvider, TEST_CLIENT } = await import("../../support/oidc-provider");
const provider = await startTestProvider({ redirectUris: [new URL("/auth/oidc/callback", env.PUBLIC_URL).href], interactive: true });
env.OIDC_ISSUER = provider.issuer;
env.OIDC_CLIENT_ID = TEST_CLIENT.clientId;
env.OIDC_CLIENT_SECRET = TEST_CLIENT.clientSecret;
env.OIDC_ORG_CLAIM = "partner_org";

const server = spawn(process.execPath, startArguments(root), { cwd: root, env, stdio: "inherit" });

// Playwright signals the whole process group; pass the signal on anyway (the server ignores a
// second one) and clean up once the server has exited.
let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    stopping = true;
    server.kill(signal);
  });
}
server.on("exit", async (code, signal) => {
  await cleanup().catch((error: Error) => process.stderr.write(`e2e: cleanup failed: ${error.message}\n`));
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});

async function seed(url: string) {
  const { openDatabase } = await import("../../../db/client");
  const { migrateToLatest } = await import("../../../db/migrate");
  const { seedDemo } = await import("../../../db/seed/demo");
  const database = await openDatabase({ url, poolSize: 2 });
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db);
  } finally {
    await database.close();
  }
}

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

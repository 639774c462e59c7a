import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";

/** The production build the served-app tests run (tests/support/app-server.ts). */
export const BUILT_SERVER = "build/server/index.js";

/**
 * Prepares what every test file shares: the production build when there is none yet (once, before
 * any file starts: files that built it themselves, side by side, emptied each other's assets), and
 * one migrated database that every test file copies: a PostgreSQL template database when
 * TEST_DATABASE_URL is set, else a dump of a migrated embedded PGlite.
 */
export default async function setup() {
  const root = path.resolve(import.meta.dirname, "../..");
  if (!fs.existsSync(path.join(root, BUILT_SERVER))) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const templateName = `pc_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${templateName}`);
    await admin.query(`create database ${templateName}`);
    await admin.end();
    const database = await openDatabase({ url: withDatabase(url, templateName), poolSize: 1 });
    await migrateToLatest(database.db);
    await database.close();
    process.env.TEST_TEMPLATE_DATABASE = templateName;
    return async () => {
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${templateName} with (force)`);
      await cleanup.end();
    };
  }
  const database = await openDatabase({ inMemory: true });
  await migrateToLatest(database.db);
  const dump = await database.dump!();
  await database.close();
  const file = path.join(os.tmpdir(), `pc-test-template-${process.pid}.tar.gz`);
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  process.env.TEST_PGLITE_TEMPLATE = file;
  return () => fs.rmSync(file, { force: true });
}

export function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

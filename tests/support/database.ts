import fs from "node:fs";
import crypto from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "../../db/client";
import { withDatabase } from "./global-setup";

/**
 * A fresh, migrated database for one test file: a copy of the template database on
 * PostgreSQL when TEST_DATABASE_URL is set, else an in-memory PGlite loaded from the dump.
 */
export async function createTestDatabase(): Promise<Database & { url?: string }> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = process.env.TEST_TEMPLATE_DATABASE;
    if (!template) throw new Error("global setup did not prepare a template database");
    const name = `pc_test_${crypto.randomBytes(6).toString("hex")}`;
    await adminQuery(url, `create database ${name} template ${template}`);
    const databaseUrl = withDatabase(url, name);
    const database = await openDatabase({ url: databaseUrl, poolSize: 10 });
    return {
      ...database,
      url: databaseUrl,
      async close() {
        await database.close();
        await adminQuery(url, `drop database if exists ${name} with (force)`);
      },
    };
  }
  const file = process.env.TEST_PGLITE_TEMPLATE;
  if (!file) throw new Error("global setup did not prepare a PGlite template");
  return openDatabase({ inMemory: true, loadDataDir: new Blob([fs.readFileSync(file)]) });
}

export const usingPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

async function adminQuery(url: string, text: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

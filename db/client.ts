import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { acquireDataDirLock } from "./data-dir-lock";
import { PGliteDialect } from "./pglite-dialect";
import { createStatementNames, prepareRepeatedStatements } from "./prepared-statements";
import type { DB } from "./schema";

export type DatabaseKind = "postgres" | "pglite";

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  /** Calls `onNotify` for each NOTIFY on `channel`; returns a function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
  /** Embedded only: a snapshot of the whole data folder, used to copy a migrated test database. */
  dump?: () => Promise<Blob>;
}

export type DatabaseOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string; holder: string }
  | { inMemory: true; loadDataDir?: Blob };

// int8 (counts, bigint ids) as a JS number, as PGlite does, so both engines return one shape.
const INT8_OID = 20;
const parseInt8 = (value: string) => {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ("url" in options) return openPostgres(options.url, options.poolSize ?? 10);
  return openPGlite(options);
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: "text" | "binary") =>
      oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  const pool = new pg.Pool({ connectionString: url, max: poolSize, types });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it on the next checkout.
  });
  // pg-pool drops its own error listener while a client is checked out; a connection lost
  // mid-query would otherwise crash the process. The query itself still rejects.
  pool.on("connect", (client) => client.on("error", () => {}));
  const statementNames = createStatementNames();
  pool.on("connect", (client) => prepareRepeatedStatements(client, statementNames));
  const client = await pool.connect().catch((error: Error) => {
    throw new Error(`Cannot connect to DATABASE_URL: ${error.message}`);
  });
  client.release();
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const listeners = new Set<pg.Client>();
  return {
    db,
    kind: "postgres",
    async listen(channel, onNotify) {
      // LISTEN needs a connection of its own: a pooled one would be handed to other queries.
      const listener = new pg.Client({ connectionString: url });
      listener.on("error", () => {});
      await listener.connect();
      listener.on("notification", (message) => {
        if (message.channel === channel) onNotify(message.payload ?? "");
      });
      await listener.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.add(listener);
      return async () => {
        listeners.delete(listener);
        await listener.end().catch(() => {});
      };
    },
    async close() {
      await Promise.all([...listeners].map((listener) => listener.end().catch(() => {})));
      await db.destroy();
    },
  };
}

async function openPGlite(
  options: { dataDir: string; holder: string } | { inMemory: true; loadDataDir?: Blob },
): Promise<Database> {
  const release = "dataDir" in options ? acquireDataDirLock(options.dataDir, options.holder) : () => {};
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...("dataDir" in options
        ? { dataDir: path.join(options.dataDir, "pg") }
        : { loadDataDir: options.loadDataDir }),
      parsers: { [INT8_OID]: parseInt8 },
    });
  } catch (error) {
    release();
    throw error;
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    kind: "pglite",
    async listen(channel, onNotify) {
      const unlisten = await pglite.listen(channel, onNotify);
      return async () => unlisten();
    },
    dump: () => pglite.dumpDataDir("gzip") as Promise<Blob>,
    async close() {
      await db.destroy();
      await pglite.close();
      release();
    },
  };
}

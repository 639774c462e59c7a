import pg from "pg";
import { createAdapter as createPostgresAdapter } from "@socket.io/postgres-adapter";
import { createAdapter as createRedisAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import type { Server } from "socket.io";
import type { Config } from "./config";
import type { Logger } from "./logger";

export interface RealtimeAdapter {
  kind: "postgres" | "redis";
  // The adapter factory socket.io takes; its exact type differs per package.
  adapter: Parameters<Server["adapter"]>[0];
  close(): Promise<void>;
}

/**
 * How socket.io events reach sockets held by other app processes (decision 022): Redis pub/sub
 * when REDIS_URL is set, else NOTIFY/LISTEN on the same PostgreSQL. None on the embedded
 * database: it serves one process, so the in-memory adapter is exact.
 */
export async function openRealtimeAdapter(config: Config, log: Logger): Promise<RealtimeAdapter | null> {
  if (config.redisUrl) {
    const pub = createClient({ url: config.redisUrl });
    const sub = pub.duplicate();
    for (const client of [pub, sub]) client.on("error", (error: Error) => log.warn({ err: error }, "redis adapter connection error"));
    await Promise.all([pub.connect(), sub.connect()]).catch((error: Error) => {
      throw new Error(`Cannot connect to REDIS_URL: ${error.message}`);
    });
    return {
      kind: "redis",
      adapter: createRedisAdapter(pub, sub),
      async close() {
        await Promise.all([pub.quit(), sub.quit()]).catch(() => {});
      },
    };
  }
  if (!config.databaseUrl) return null;
  // A pool of its own: the adapter keeps one connection for LISTEN for as long as it runs,
  // which must not starve the application's pool.
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 3 });
  pool.on("error", () => {});
  return {
    kind: "postgres",
    adapter: createPostgresAdapter(pool, {
      errorHandler: (error) => log.warn({ err: error }, "postgres socket.io adapter error"),
    }),
    async close() {
      await pool.end().catch(() => {});
    },
  };
}

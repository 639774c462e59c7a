import { sql, type Kysely } from "kysely";
import type { DB } from "../../../db/schema";
import { version } from "../../../package.json";

/**
 * What /admin/health shows: the same figures as /healthz (database, outbox backlog and lag,
 * sockets) plus the version and dead letters. Computed from the database, so any process can
 * answer for the dispatcher wherever it runs.
 */
export async function healthReport(db: Kysely<DB>, connectedSockets: number) {
  const started = Date.now();
  let database: { ok: boolean; ms: number; server: string | null };
  try {
    const row = await sql<{ server_version: string }>`show server_version`.execute(db);
    database = { ok: true, ms: Date.now() - started, server: row.rows[0]?.server_version ?? null };
  } catch {
    return { version, database: { ok: false, ms: Date.now() - started, server: null }, outbox: null, sockets: connectedSockets, uptimeSeconds: Math.round(process.uptime()) };
  }
  const outbox = await db
    .selectFrom("outbox_events")
    .select((eb) => [
      eb.fn.count<number>(eb.case().when(eb.and([eb("dispatched_at", "is", null), eb("failed_at", "is", null)])).then(1).end()).as("backlog"),
      eb.fn.count<number>("failed_at").as("dead"),
      sql<number>`coalesce(extract(epoch from now() - min(occurred_at) filter (where dispatched_at is null and failed_at is null)) * 1000, 0)::float8`.as("lag"),
    ])
    .executeTakeFirstOrThrow();
  return {
    version,
    database,
    outbox: { backlog: Number(outbox.backlog), deadLetters: Number(outbox.dead), lagMs: Math.round(Number(outbox.lag)) },
    sockets: connectedSockets,
    uptimeSeconds: Math.round(process.uptime()),
  };
}

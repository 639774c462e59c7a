import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { eventCatalogue, type DispatchedEvent, type DomainEvent } from "./catalogue";

export const OUTBOX_CHANNEL = "outbox_events";

/** The advisory lock only the dispatching process holds (see server/dispatcher.ts); a rebuild takes it to pause dispatch. */
export const DISPATCH_LOCK_ID = 7_306_454_601;

/**
 * Appends a domain event inside the caller's transaction, so the event exists if and only if
 * the change it describes committed. The NOTIFY is delivered at commit and wakes dispatchers.
 */
export async function appendEvent(
  trx: Transaction<DB> | Kysely<DB>,
  event: DomainEvent & { occurredAt?: Date },
) {
  const payload = eventCatalogue[event.type].parse(event.payload);
  // Insert and NOTIFY in one statement: one round trip inside the caller's transaction, which may hold locks.
  const row = await trx
    .with("appended", (db) =>
      db
        .insertInto("outbox_events")
        .values({
          type: event.type,
          payload: JSON.stringify(payload),
          actor_id: event.actorId,
          // Domain time, not insert time: imports and the demo seed record when things happened.
          ...(event.occurredAt ? { occurred_at: event.occurredAt } : {}),
        })
        .returning(["id"]),
    )
    .selectFrom("appended")
    .select(["appended.id", sql<string>`pg_notify(${OUTBOX_CHANNEL}, '')::text`.as("notified")])
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * appendEvent for many events at once: one insert per 5,000 (ids follow the order given) and
 * one NOTIFY. For subscribers that announce in bulk, such as the recognition engine.
 *
 * `dispatched: true` writes them as already dispatched (no NOTIFY, no dispatcher will select
 * them) and returns them, for a subscriber to hand to afterCommit (see Subscriber.HandleResult).
 */
export async function appendEvents(
  trx: Transaction<DB> | Kysely<DB>,
  events: ReadonlyArray<DomainEvent & { occurredAt: Date }>,
  options: { dispatched?: boolean } = {},
): Promise<DispatchedEvent[]> {
  if (events.length === 0) return [];
  const appended: DispatchedEvent[] = [];
  for (let i = 0; i < events.length; i += 5000) {
    const chunk = events.slice(i, i + 5000);
    // Column arrays (unnest), not a multi-row VALUES list: one bound parameter per column.
    const { rows } = await sql<{ id: number | string; txid: string }>`
      insert into outbox_events (type, payload, actor_id, occurred_at, dispatched_at)
      select t, p, a, o, case when ${options.dispatched ?? false}::boolean then now() end
      from unnest(${chunk.map((e) => e.type)}::text[], ${chunk.map((e) => JSON.stringify(eventCatalogue[e.type].parse(e.payload)))}::jsonb[],
        ${chunk.map((e) => e.actorId)}::text[], ${chunk.map((e) => e.occurredAt.toISOString())}::timestamptz[]) with ordinality as x(t, p, a, o, n)
      order by n
      returning id, txid`.execute(trx);
    // Ids are drawn in the order the rows are inserted, which is the order given.
    const ids = rows.map((row) => ({ id: Number(row.id), txid: row.txid })).sort((a, b) => a.id - b.id);
    ids.forEach(({ id, txid }, j) => {
      const event = chunk[j]!;
      appended.push({ id, txid, type: event.type, payload: event.payload, actorId: event.actorId, occurredAt: event.occurredAt } as DispatchedEvent);
    });
  }
  if (!options.dispatched) await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
  return appended;
}

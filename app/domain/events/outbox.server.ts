import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import { eventCatalogue, type DomainEvent } from "./catalogue";

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
  const row = await trx
    .insertInto("outbox_events")
    .values({
      type: event.type,
      payload: JSON.stringify(payload),
      actor_id: event.actorId,
      // Domain time, not insert time: imports and the demo seed record when things happened.
      ...(event.occurredAt ? { occurred_at: event.occurredAt } : {}),
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
  return row.id;
}

/**
 * appendEvent for many events at once: one multi-row insert (ids follow the order given) and
 * one NOTIFY. For subscribers that announce in bulk, such as the recognition engine.
 */
export async function appendEvents(
  trx: Transaction<DB> | Kysely<DB>,
  events: ReadonlyArray<DomainEvent & { occurredAt: Date }>,
) {
  if (events.length === 0) return;
  const rows = events.map((event) => ({
    type: event.type,
    payload: JSON.stringify(eventCatalogue[event.type].parse(event.payload)),
    actor_id: event.actorId,
    occurred_at: event.occurredAt,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await trx.insertInto("outbox_events").values(rows.slice(i, i + 1000)).execute();
  }
  await sql`select pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
}

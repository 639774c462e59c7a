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

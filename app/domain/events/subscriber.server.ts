import type { Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "./catalogue";

export type { DispatchedEvent };

/**
 * Something that reacts to domain events, fed by the dispatcher in (txid, id) order.
 *
 * - `handle` runs inside the transaction that marks the event dispatched, so its database
 *   effects commit together with the acknowledgement: effects happen exactly once. If it
 *   throws, the whole batch rolls back and the event is retried later (then dead-lettered).
 *   It must not have effects outside the database: a retried batch calls it again.
 * - `afterCommit` receives the batch's events, in order, once that transaction committed:
 *   the place for socket fan-out. Its errors are logged and never retried. Keep it quick:
 *   the next batch waits for it, so that fan-out keeps the same order.
 */
export interface Subscriber {
  name: string;
  handle?(trx: Transaction<DB>, event: DispatchedEvent): Promise<void>;
  afterCommit?(events: DispatchedEvent[]): void | Promise<void>;
}

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
 * - `handleBatch`, when present, is called instead of `handle` with the batch's events in
 *   order, in the same transaction and with the same exactly-once contract: one call per batch
 *   lets a subscriber read and write in bulk. If it throws, the batch rolls back and is run
 *   again one event per call, so that the failing event is found and retried alone.
 * - Either may return `{ announced }`: events it appended to the outbox *already dispatched*
 *   (`appendEvents(..., { dispatched: true })`) in the same transaction. No subscriber handles
 *   them in a transaction; once the batch commits, `afterCommit` receives them after the
 *   batch's own events. For announcements only socket fan-out reads (the recognition toasts):
 *   they reach the socket with the batch that caused them instead of a batch later, and the
 *   dispatcher does not select and acknowledge them again (decision 028).
 */
export interface HandleResult {
  announced?: DispatchedEvent[];
}

export interface Subscriber {
  name: string;
  handle?(trx: Transaction<DB>, event: DispatchedEvent): Promise<void | HandleResult>;
  handleBatch?(trx: Transaction<DB>, events: DispatchedEvent[]): Promise<void | HandleResult>;
  afterCommit?(events: DispatchedEvent[]): void | Promise<void>;
}

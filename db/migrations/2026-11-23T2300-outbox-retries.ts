import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// A subscriber failure is recorded on its event (attempts, last error, when to retry);
// after the last attempt the event is dead-lettered (failed_at) and the stream moves on.
export async function up(db: Kysely<unknown>) {
  await sql`alter table outbox_events
    add column attempts integer not null default 0,
    add column last_error text,
    add column retry_at timestamptz,
    add column failed_at timestamptz`.execute(db);
  // The dispatcher's query skips dead-lettered events, so the pending index must too.
  await sql`drop index outbox_events_pending`.execute(db);
  await sql`create index outbox_events_pending on outbox_events (txid, id)
    where dispatched_at is null and failed_at is null`.execute(db);
  await sql`create index outbox_events_failed on outbox_events (failed_at) where failed_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop index outbox_events_failed`.execute(db);
  await sql`drop index outbox_events_pending`.execute(db);
  await sql`create index outbox_events_pending on outbox_events (txid, id) where dispatched_at is null`.execute(db);
  await sql`alter table outbox_events
    drop column attempts, drop column last_error, drop column retry_at, drop column failed_at`.execute(db);
}

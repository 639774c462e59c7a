import { sql, type Kysely } from "kysely";

// Frozen in time: this migration imports no application code.
// @socket.io/postgres-adapter sends a broadcast over NOTIFY, whose payload is capped at 8000
// bytes; a larger or binary one goes through this table and the NOTIFY carries its id.
// The adapter deletes rows older than its cleanup interval (30 s). Its layout is the package's.
export async function up(db: Kysely<unknown>) {
  await sql`create table socket_io_attachments (
    id bigserial unique,
    created_at timestamptz default now(),
    payload bytea
  )`.execute(db);
}

export async function down(db: Kysely<unknown>) {
  await sql`drop table socket_io_attachments`.execute(db);
}

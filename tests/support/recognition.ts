import pino from "pino";
import { sql, type Kysely } from "kysely";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import type { EventPayload, EventType } from "../../app/domain/events/catalogue";
import { appendEvent } from "../../app/domain/events/outbox.server";
import { recognitionSubscriber } from "../../app/domain/recognition/engine.server";
import { createDispatcher, type Dispatcher } from "../../server/dispatcher";
import { makeOrganization, makeUser } from "./factories";

/** A dispatcher feeding only the recognition engine (tests drain it by hand). */
export function engineDispatcher(database: Pick<Database, "db" | "listen">, options: { batchSize?: number } = {}): Dispatcher {
  return createDispatcher({ database, log: pino({ level: "silent" }), subscribers: [recognitionSubscriber()], ...options });
}

/** Appends one event as a domain function would (in its own transaction). */
export async function emit<T extends EventType>(db: Kysely<DB>, type: T, payload: EventPayload<T>, at?: Date, actorId: string | null = null) {
  return db.transaction().execute((trx) => appendEvent(trx, { type, payload, actorId, occurredAt: at } as Parameters<typeof appendEvent>[1]));
}

/** An affiliated member (earns recognition) in a new organization unless one is given. */
export async function makeMember(db: Kysely<DB>, organizationId?: number) {
  const org = organizationId ?? (await makeOrganization(db)).id;
  return makeUser(db, { organizationId: org });
}

export async function pointsOf(db: Kysely<DB>, userId: string) {
  const row = await db.selectFrom("recognition_profiles").select("points").where("user_id", "=", userId).executeTakeFirst();
  return row?.points ?? 0;
}

export async function ledgerOf(db: Kysely<DB>, userId: string) {
  return db.selectFrom("recognition_ledger").selectAll().where("user_id", "=", userId).orderBy("event_id").orderBy("rule").execute();
}

export async function grantsOf(db: Kysely<DB>, userId: string) {
  return db.selectFrom("recognition_badge_grants").selectAll().where("user_id", "=", userId).orderBy("badge").orderBy("tier").execute();
}

const strip = <T extends Record<string, unknown>>(row: T, drop: string[]) =>
  Object.fromEntries(Object.entries(row).filter(([key]) => !drop.includes(key)));

/**
 * Everything the engine maintains, in a canonical order and without surrogate ids, write times
 * or write versions: two databases with equal snapshots hold the same recognition state.
 */
export async function recognitionSnapshot(db: Kysely<DB>) {
  const q = async (text: string, drop: string[] = []) =>
    (await sql.raw<Record<string, unknown>>(text).execute(db)).rows.map((row) => JSON.stringify(strip(row, drop)));
  return {
    ledger: await q(`select * from recognition_ledger order by event_id, rule, user_id, reverses_event_id nulls first, reverses_rule`, ["id", "created_at"]),
    profiles: await q(`select * from recognition_profiles order by user_id`, ["updated_at", "version"]),
    userPoints: await q(`select period, period_start::text, user_id, points from recognition_user_points where points <> 0 order by 1, 2, 3`),
    orgPoints: await q(`select period, period_start::text, organization_id, points from recognition_org_points where points <> 0 order by 1, 2, 3`),
    grants: await q(`select * from recognition_badge_grants order by user_id, badge, tier nulls first`, ["id"]),
    levels: await q(`select * from recognition_level_changes order by event_id, user_id`, ["id"]),
    counters: await q(`select * from recognition_counters where value <> 0 order by user_id, metric`),
    daily: await q(`select user_id, day::text, key, value from recognition_daily where value <> 0 order by 1, 2, 3`),
    reactions: await q(`select * from recognition_reactions order by post_id, reactor_id`),
    threads: await q(`select * from recognition_threads order by thread_id`),
    processed: await q(`select * from recognition_processed order by event_id`),
  };
}

import crypto from "node:crypto";
import fc from "fast-check";
import { sql, type Transaction } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import type { DB } from "../../db/schema";
import type { DispatchedEvent } from "../../app/domain/events/catalogue";
import { recognitionSubscriber } from "../../app/domain/recognition/engine.server";
import { publishRules } from "../../app/domain/recognition/rules.server";
import { asSessionUser, makeOrganization, makeUser } from "../support/factories";
import { makeCategory } from "../support/forum";
import { createTestDatabase } from "../support/database";
import { emit, recognitionSnapshot } from "../support/recognition";
import { CAST, historyArb, interpret } from "../support/recognition-model";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

class Rollback extends Error {}

async function pendingEvents(trx: Transaction<DB>): Promise<DispatchedEvent[]> {
  const rows = await trx
    .selectFrom("outbox_events")
    .select(["id", "txid", "type", "payload", "actor_id", "occurred_at"])
    .where("dispatched_at", "is", null)
    .orderBy("txid")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: Number(r.id), txid: r.txid, type: r.type, payload: r.payload, actorId: r.actor_id, occurredAt: r.occurred_at }) as DispatchedEvent);
}

/**
 * State plus what people are told: notifications and the toast events, in the order written.
 * Without the toasts' profile versions: a batch's toasts share one, one-by-one calls take one each.
 */
async function outcome(trx: Transaction<DB>, afterOutboxId: number) {
  const toasts = await sql<Record<string, unknown>>`
    select type, payload - 'version' as payload, actor_id, occurred_at from outbox_events where id > ${afterOutboxId} order by id`.execute(trx);
  const notices = await sql<Record<string, unknown>>`
    select user_id, kind, source_key, event_id, data, created_at from notifications where kind in ('badge', 'level') order by id`.execute(trx);
  return { state: await recognitionSnapshot(trx), toasts: toasts.rows, notices: notices.rows };
}

/** Runs `apply` over the pending events and returns the outcome, then rolls everything back. */
async function dryRun(apply: (trx: Transaction<DB>, events: DispatchedEvent[]) => Promise<void>) {
  let result: Awaited<ReturnType<typeof outcome>> | undefined;
  await database.db
    .transaction()
    .execute(async (trx) => {
      const events = await pendingEvents(trx);
      const last = Math.max(0, ...events.map((e) => e.id));
      await apply(trx, events);
      result = await outcome(trx, last);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return result!;
}

describe("recognition batch path", () => {
  it("gives the same state, notifications and toasts as one event per call, for random histories and batch sizes", async () => {
    const { db } = database;
    const engine = recognitionSubscriber();
    const admin = asSessionUser(await makeUser(db, { role: "admin", isVendorStaff: true }));
    const orgs = [(await makeOrganization(db)).id, (await makeOrganization(db)).id, (await makeOrganization(db, { communitySector: true })).id];
    const categories = [(await makeCategory(db)).id, (await makeCategory(db)).id];
    await db.updateTable("categories").set({ community_sector: true }).where("id", "=", categories[1]!).execute();
    let clock = Date.UTC(2027, 0, 4);
    let runNumber = 0;
    await fc.assert(
      fc.asyncProperty(historyArb(40), fc.integer({ min: 2, max: 25 }), async (commands, batchSize) => {
        runNumber++;
        const people = [];
        for (let i = 0; i < CAST; i++) {
          const home = i < 5 ? orgs[i % 3]! : null;
          people.push((await makeUser(db, { organizationId: home, isVendorStaff: i === 6 })).id);
        }
        const steps = interpret(commands, { people, orgs, prefix: `b${runNumber}x${crypto.randomBytes(3).toString("hex")}`, start: new Date(clock), categories });
        for (const step of steps) {
          if (step.kind === "drain") continue;
          if (step.kind === "rules") await publishRules(db, admin, { rules: step.rules }, step.at);
          else await emit(db, step.type, step.payload as never, step.at, step.actorId);
          clock = Math.max(clock, step.at.getTime());
        }
        clock += 86_400_000;

        const oneByOne = await dryRun(async (trx, events) => {
          for (const event of events) await engine.handle!(trx, event);
        });
        const batched = await dryRun(async (trx, events) => {
          for (let i = 0; i < events.length; i += batchSize) await engine.handleBatch!(trx, events.slice(i, i + batchSize));
        });
        expect(batched).toEqual(oneByOne);

        // Keep the history, so that later runs start from a state with credits, caps and badges.
        await db.transaction().execute(async (trx) => {
          const events = await pendingEvents(trx);
          await engine.handleBatch!(trx, events);
          if (events.length > 0) {
            await trx.updateTable("outbox_events").set({ dispatched_at: sql`now()` }).where("id", "in", events.map((e) => e.id)).execute();
          }
        });
      }),
      { numRuns: 10 },
    );
  }, 180_000);
});

import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import { createTestDatabase } from "../support/database";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("recognition schema", () => {
  it("starts with the brief's default rules in force from the beginning", async () => {
    const row = await database.db.selectFrom("recognition_rule_versions").selectAll().executeTakeFirstOrThrow();
    expect(row.version).toBe(1);
    expect(row.rules).toMatchObject({ rules: { thread_created: { points: 5 }, reaction_received: { points: 5, dailyCap: 200 } } });
  });

  it("keeps one credit per event, rule and recipient in the ledger", async () => {
    const { db } = database;
    const credit = { event_id: 1, rule: "reply_posted", rule_version: 1, user_id: "u1", points: 2, occurred_at: new Date() };
    await db.insertInto("recognition_ledger").values(credit).execute();
    await expect(db.insertInto("recognition_ledger").values(credit).execute()).rejects.toThrow();
    const reversal = { ...credit, event_id: 2, rule: "reversal", points: -2, reverses_event_id: 1, reverses_rule: "reply_posted" };
    await db.insertInto("recognition_ledger").values(reversal).execute();
    await expect(db.insertInto("recognition_ledger").values({ ...reversal, event_id: 3 }).execute()).rejects.toThrow();
    await sql`delete from recognition_ledger`.execute(db);
  });
});

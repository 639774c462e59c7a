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

async function insertOrganization(db: Database["db"], slug: string) {
  await db
    .insertInto("organizations")
    .values({ slug, name: slug, tier: "gold" })
    .execute();
}

describe("database connection handling", () => {
  it("keeps a committed transaction's rows when a concurrent one rolls back", async () => {
    const { db } = database;
    const failing = db.transaction().execute(async (trx) => {
      await insertOrganization(trx, "rolled-back-org");
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error("abort this transaction");
    });
    const committing = db.transaction().execute(async (trx) => {
      await insertOrganization(trx, "committed-org");
    });
    const outside = insertOrganization(db, "outside-any-transaction");
    await expect(failing).rejects.toThrow("abort this transaction");
    await committing;
    await outside;
    const slugs = (await db.selectFrom("organizations").select("slug").execute()).map((r) => r.slug);
    expect(slugs).toContain("committed-org");
    expect(slugs).toContain("outside-any-transaction");
    expect(slugs).not.toContain("rolled-back-org");
  });

  it("reports how many rows an update changed", async () => {
    const { db } = database;
    await insertOrganization(db, "count-me");
    const result = await db
      .updateTable("organizations")
      .set({ description: "changed" })
      .where("slug", "=", "count-me")
      .executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });

  it("returns counts as numbers on both engines", async () => {
    const { db } = database;
    const row = await db
      .selectFrom("organizations")
      .select((eb) => eb.fn.countAll().as("n"))
      .executeTakeFirstOrThrow();
    expect(typeof row.n).toBe("number");
  });
});

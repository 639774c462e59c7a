import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { createTestDatabase } from "../support/database";
import { makeUser } from "../support/factories";

// The peer directory reads mentor_profiles by these column names: this pins the contract.
describe("mentor_profiles contract", () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => database.close());

  it("stores a mentor's offer under the column names the directory reads", async () => {
    const user = await makeUser(database.db);
    await database.db
      .insertInto("mentor_profiles")
      .values({ user_id: user.id, topics: ["Cloud migration"], languages: ["English"], segments: ["nonprofits"], pitch: "Hi" })
      .execute();
    const row = await sql<{ user_id: string; accepting: boolean; capacity: number; topics: string[]; languages: string[]; time_zone: string; segments: string[]; pitch: string; updated_at: Date }>`
      select user_id, accepting, capacity, topics, languages, time_zone, segments, pitch, updated_at
      from mentor_profiles where user_id = ${user.id}`.execute(database.db);
    expect(row.rows[0]).toMatchObject({ accepting: true, capacity: 2, topics: ["Cloud migration"], segments: ["nonprofits"] });
  });
});

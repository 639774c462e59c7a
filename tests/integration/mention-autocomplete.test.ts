import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client";
import * as mentionsRoute from "../../app/routes/api.mentions";
import { createTestDatabase } from "../support/database";
import { asSessionUser, makeUser, unique } from "../support/factories";
import { requestContext, visit } from "../support/councils";

let database: Database;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function suggest(q: string, signedIn = true) {
  const me = signedIn ? asSessionUser(await makeUser(database.db)) : null;
  const result = await visit(mentionsRoute.loader, { context: requestContext(database.db, me), path: `/api/mentions?q=${encodeURIComponent(q)}` });
  expect(result.status).toBe(200);
  return (JSON.parse(result.body) as { people: { handle: string; display_name: string }[] }).people;
}

describe("@mention autocomplete", () => {
  it("suggests people by display-name prefix whatever the case, as JSON", async () => {
    const stem = unique("Zed").replace("-", "");
    const person = await makeUser(database.db, { displayName: `${stem} Quill` });
    const people = await suggest(stem.toUpperCase());
    expect(people).toEqual([{ handle: person.handle, display_name: `${stem} Quill` }]);
  });

  it("treats % and _ as letters, not wildcards", async () => {
    await makeUser(database.db, { displayName: unique("Wild") });
    expect(await suggest("%")).toEqual([]);
    expect(await suggest("_")).toEqual([]);
  });

  it("tells signed-out visitors nothing", async () => {
    const stem = unique("Hidden").replace("-", "");
    await makeUser(database.db, { displayName: stem });
    expect(await suggest(stem, false)).toEqual([]);
  });
});

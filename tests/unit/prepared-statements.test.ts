import { describe, expect, it } from "vitest";
import { createStatementNames } from "../../db/prepared-statements";

describe("which statements each PostgreSQL connection keeps prepared", () => {
  it("names a parameterized statement from its second call on, always with the same name", () => {
    const names = createStatementNames();
    const text = 'select "id" from "users" where "id" = $1';
    expect(names.nameFor(text, 1)).toBeUndefined();
    const name = names.nameFor(text, 1);
    expect(name).toMatch(/^pc\d+$/);
    expect(names.nameFor(text, 1)).toBe(name);
    expect(names.nameFor('select "id" from "posts" where "id" = $1', 1)).toBeUndefined();
  });

  it("leaves statements without parameters and text search unnamed", () => {
    const names = createStatementNames();
    for (let i = 0; i < 3; i++) {
      expect(names.nameFor("commit", 0)).toBeUndefined();
      expect(names.nameFor("select 1 from posts where search @@ websearch_to_tsquery('english', $1)", 1)).toBeUndefined();
    }
  });

  it("leaves upserts onto a partial unique index unnamed: a generic plan could not match the index", () => {
    const names = createStatementNames();
    const upsert = 'insert into "review_items" ("post_id") values ($1) on conflict ("post_id") where "status" in ($2, $3) do nothing';
    for (let i = 0; i < 3; i++) expect(names.nameFor(upsert, 3)).toBeUndefined();
    const plain = 'insert into "tags" ("name") values ($1) on conflict ("name") do nothing';
    names.nameFor(plain, 1);
    expect(names.nameFor(plain, 1)).toMatch(/^pc\d+$/);
  });

  it("stops naming new texts at the cap, so one-off statements cannot fill every connection", () => {
    const names = createStatementNames();
    const named = new Set<string>();
    for (let i = 0; i < 1_500; i++) {
      const text = `select ${i} where $1::int > 0`;
      names.nameFor(text, 1);
      const name = names.nameFor(text, 1);
      if (name) named.add(name);
    }
    expect(named.size).toBe(1_000);
  });
});

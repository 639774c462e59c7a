import type pg from "pg";

/**
 * Names the statements the app runs again and again, so each PostgreSQL connection parses and
 * plans them once instead of on every call (decision 036). Unnamed statements (what Kysely
 * sends) are parsed and planned per execution: on a signed-in thread page that was two thirds of
 * the database's time. Left unnamed, as before:
 * - statements without parameters (transaction control, migrations with several statements);
 * - text search (`@@`): its best plan depends on how common the words are, which a plan cached
 *   for one word would get wrong for the next;
 * - statements seen only once (bulk inserts with a value list per row), and any beyond the cap,
 *   so one-off texts cannot pile up in every connection;
 * - upserts onto a partial unique index (`on conflict (…) where status = $1`): PostgreSQL matches
 *   the index by its predicate when planning, and a generic plan, which a named statement gets
 *   after five runs, has no value for `$1` to match it with ("no unique or exclusion constraint").
 */
export interface StatementNames {
  nameFor(text: string, parameterCount: number): string | undefined;
}

const MAX_NAMED = 1_000;
const MAX_TEXT_LENGTH = 8_000;
/** Texts seen once, waiting for a second call; forgotten wholesale when it fills. */
const MAX_SEEN_ONCE = 2_000;
const PARTIAL_INDEX_UPSERT = /on conflict \([^)]*\) where /i;

export function createStatementNames(): StatementNames {
  const named = new Map<string, string>();
  let seenOnce = new Set<string>();
  return {
    nameFor(text, parameterCount) {
      if (parameterCount === 0 || text.length > MAX_TEXT_LENGTH) return undefined;
      const name = named.get(text);
      if (name) return name;
      if (named.size >= MAX_NAMED || text.includes("@@") || PARTIAL_INDEX_UPSERT.test(text)) return undefined;
      if (!seenOnce.has(text)) {
        if (seenOnce.size >= MAX_SEEN_ONCE) seenOnce = new Set();
        seenOnce.add(text);
        return undefined;
      }
      seenOnce.delete(text);
      const fresh = `pc${named.size + 1}`;
      named.set(text, fresh);
      return fresh;
    },
  };
}

type QueryFunction = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/** Makes a pooled client send `query(text, values)` as a named statement when `names` says so. */
export function prepareRepeatedStatements(client: pg.PoolClient, names: StatementNames) {
  const query = client.query.bind(client) as QueryFunction;
  (client as { query: QueryFunction }).query = (text, values, callback) => {
    if (typeof text !== "string" || !Array.isArray(values)) return query(text, values, callback);
    const name = names.nameFor(text, values.length);
    return name ? query({ name, text, values }, undefined, callback) : query(text, values, callback);
  };
}

import type { Kysely, KyselyPlugin, RootOperationNode } from "kysely";
import type { DB } from "../../db/schema";

/**
 * The statements a database handle sends, by kind, in order (a subquery is compiled too, but
 * never sent alone). Transaction control (begin, commit) goes around Kysely's plugins and is
 * not listed.
 */
export function counting(db: Kysely<DB>) {
  const compiled = new Map<unknown, RootOperationNode["kind"]>();
  const kinds: RootOperationNode["kind"][] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      compiled.set(args.queryId, args.node.kind);
      return args.node;
    },
    transformResult: async (args) => {
      kinds.push(compiled.get(args.queryId)!);
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), kinds };
}

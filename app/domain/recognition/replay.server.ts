import { sql, type Transaction } from "kysely";
import type { DB } from "../../../db/schema";
import type { DispatchedEvent } from "../events/catalogue";
import { evaluate } from "./evaluate";
import { loadRuleVersions } from "./rules.server";
import { versionAt } from "./rules";
import { EngineState, type LevelChange } from "./state";
import { insertGrants, insertLedger, insertLevelChanges, PointBuckets, writePoints, writeState } from "./store.server";

/**
 * The bulk of a rebuild: the engine's whole state kept in memory from the first event to the
 * last, instead of loaded and saved per batch. The rebuild's copies are private until the swap
 * and one process replays them in order, so nothing else can change that state meanwhile.
 * Per batch only the append-only rows are written (ledger, processed, level changes); the
 * state tables and the leaderboard aggregates are written once, by `flush`. The same pure
 * evaluator decides, so the result is what per-batch replay (and live processing) produce;
 * tests/integration/recognition-rebuild.test.ts compares them.
 */
export class MemoryReplay {
  private readonly state = new EngineState();
  private readonly points = new PointBuckets();
  private categoriesLoaded = false;
  ledgerRows = 0;

  async apply(trx: Transaction<DB>, events: readonly DispatchedEvent[]) {
    if (events.length === 0) return;
    if (!this.categoriesLoaded) {
      // Read once (decision 011: the community-sector flag is read at processing time).
      const rows = await trx.selectFrom("categories").select(["id", "community_sector"]).execute();
      for (const row of rows) this.state.sectorCategories.set(row.id, row.community_sector);
      this.categoriesLoaded = true;
    }
    await sql`insert into recognition_processed (event_id) select unnest(${events.map((e) => e.id)}::bigint[])`.execute(trx);
    const versions = await loadRuleVersions(trx);
    const ledger = [];
    const levelChanges: LevelChange[] = [];
    for (const event of events) {
      const effects = evaluate(this.state, event, versionAt(versions, event.occurredAt));
      for (const entry of effects.ledger) ledger.push(entry);
      for (const change of effects.levelChanges) levelChanges.push(change);
    }
    await insertLedger(trx, ledger);
    await insertLevelChanges(trx, levelChanges);
    this.points.add(ledger);
    this.ledgerRows += ledger.length;
  }

  /** Writes the state and the aggregates; the replay may not continue in memory afterwards. */
  async flush(trx: Transaction<DB>) {
    const { state } = this;
    await writeState(trx, state, {
      profiles: state.profiles.keys(),
      counters: state.counters.keys(),
      daily: state.daily.keys(),
      reactions: state.reactions.keys(),
      threads: state.threads.keys(),
    });
    // In the order first granted (a Map keeps the first insertion's place), revocations included.
    await insertGrants(trx, [...state.grants.values()]);
    await writePoints(trx, this.points);
  }
}

/**
 * CPU time a benchmark phase used, so that figures taken on a shared (loaded) machine can be
 * judged: wall time stretches with other people's load, CPU time per event much less so.
 * Node: process.cpuUsage(). PostgreSQL: utime + stime from /proc of the backends connected to
 * the bench database (same host only; elsewhere it reports null). Background workers
 * (autovacuum, WAL writer, checkpointer) are not counted.
 */
import fs from "node:fs";
import os from "node:os";
import { sql, type Kysely } from "kysely";
import type { DB } from "../db/schema";

const TICKS_PER_SECOND = 100;

async function backendTicks(db: Kysely<DB>): Promise<Map<number, number> | null> {
  const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
  const ticks = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields after the command name "(...)": utime and stime are the 12th and 13th.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      return null;
    }
  }
  return ticks;
}

export interface CpuSample {
  wallMs: number;
  nodeMs: number;
  pgMs: number | null;
  load: string;
}

export async function cpuStart(db: Kysely<DB>) {
  const wall = performance.now();
  const node = process.cpuUsage();
  const pg = await backendTicks(db);
  return async (): Promise<CpuSample> => {
    const nodeUsed = process.cpuUsage(node);
    const wallMs = performance.now() - wall;
    const pgEnd = await backendTicks(db);
    let pgMs: number | null = null;
    if (pg && pgEnd) {
      let ticks = 0;
      for (const [pid, end] of pgEnd) ticks += end - (pg.get(pid) ?? 0);
      pgMs = (ticks * 1000) / TICKS_PER_SECOND;
    }
    return { wallMs, nodeMs: (nodeUsed.user + nodeUsed.system) / 1000, pgMs, load: loadNow() };
  };
}

export const loadNow = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** "node 123 ms + pg 456 ms CPU per 1,000 events" */
export function perThousand(sample: CpuSample, events: number) {
  const k = events / 1000;
  const pg = sample.pgMs === null ? "pg n/a" : `pg ${(sample.pgMs / k).toFixed(0)} ms`;
  return `node ${(sample.nodeMs / k).toFixed(0)} ms + ${pg} CPU per 1,000 events`;
}

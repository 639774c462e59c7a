/**
 * `npm run bench:seed -- --posts 1000000`: a fresh database (BENCH_DATABASE_NAME, default
 * pc_bench_posts, next to BENCH_DATABASE_URL) filled with a forum community, with a progress
 * bar on stderr. Its own default name, so it never replaces the recognition bench's pc_bench.
 */
import cliProgress from "cli-progress";
import pg from "pg";
import { openDatabase } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { benchServerUrl } from "../seed";
import { seedForum } from "./load";
import type { ForumSeedSize } from "./size";

export const FORUM_BENCH_DATABASE = process.env.BENCH_DATABASE_NAME ?? "pc_bench_posts";

export function forumBenchDatabaseUrl() {
  const url = new URL(benchServerUrl());
  url.pathname = `/${FORUM_BENCH_DATABASE}`;
  return url.toString();
}

export async function runForumSeed(size: ForumSeedSize) {
  const admin = new pg.Client({ connectionString: benchServerUrl() });
  await admin.connect();
  await admin.query(`drop database if exists ${pg.escapeIdentifier(FORUM_BENCH_DATABASE)} with (force)`);
  await admin.query(`create database ${pg.escapeIdentifier(FORUM_BENCH_DATABASE)}`);
  await admin.end();
  const database = await openDatabase({ url: forumBenchDatabaseUrl(), poolSize: 4 });
  // cli-progress draws nothing when stderr is not a terminal (CI, pipes).
  const bar = new cliProgress.SingleBar({ format: "Seeding {bar} {value}/{total} posts · {phase}", hideCursor: true, clearOnComplete: true }, cliProgress.Presets.shades_classic);
  bar.start(size.posts, 0, { phase: "people" });
  try {
    const started = performance.now();
    await migrateToLatest(database.db);
    const summary = await seedForum(database.db, size, { onProgress: (done, phase) => bar.update(done, { phase }) });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const n = (value: number) => value.toLocaleString("en");
    console.info(
      `Bench database ${FORUM_BENCH_DATABASE}: ${n(size.organizations)} organizations, ${n(size.people)} people, ${n(size.threads)} threads, ` +
        `${n(size.posts)} posts, ${n(summary.reactions)} reactions, ${n(summary.acceptedAnswers)} accepted answers, ${n(size.mentorships)} mentorships, ` +
        `${n(summary.events)} outbox events, in ${seconds.toFixed(1)} s (load ${summary.seconds.toFixed(1)} s after migrations).`,
    );
  } finally {
    bar.stop();
    await database.close();
  }
}

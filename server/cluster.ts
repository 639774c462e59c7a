import cluster, { type Worker } from "node:cluster";
import type { Config } from "./config";
import type { Logger } from "./logger";

/**
 * The primary of WEB_CONCURRENCY > 1 (decision 022): it serves nothing and opens no pool, it
 * forks the app processes, which share the port (the primary hands out connections in turn),
 * replaces one that crashes once it had started, and passes a stop signal on to all of them.
 * A process that dies before it listens (bad port, no database) stops the whole start-up:
 * retrying would only repeat the same error.
 */
export function runPrimary(config: Config, log: Logger, fail: (message: string) => never) {
  const listening = new Set<number>();
  let stopping = false;

  const fork = () => {
    const worker = cluster.fork();
    worker.once("listening", () => listening.add(worker.id));
    return worker;
  };

  cluster.on("exit", (worker: Worker, code, signal) => {
    const started = listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!started) {
      stopAll();
      fail(`An app process stopped during start-up (exit code ${code}); see its message above.`);
    }
    log.error({ pid: worker.process.pid, code, signal }, "an app process died; starting a new one");
    fork();
  });

  const stopAll = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
  };
  const shutdown = (signal: string) => {
    if (stopping) return;
    log.info({ signal, processes: config.processes }, "stopping the app processes");
    stopAll();
    setTimeout(() => process.exit(1), 15_000).unref();
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));

  log.info({ processes: config.processes }, `starting ${config.processes} app processes`);
  for (let i = 0; i < config.processes; i++) fork();
}

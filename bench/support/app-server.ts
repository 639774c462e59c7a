/**
 * Starts the real server as `npm start` runs it (the compiled build/app-server/index.js,
 * production settings) as a child process for the HTTP benchmarks, and samples its memory:
 * the peak RSS of the process and its workers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { SERVER_ENTRY, startArguments } from "../../server/start-command";

const root = path.resolve(import.meta.dirname, "../..");

export interface AppServer {
  origin: string;
  child: ChildProcess;
  /** Peak resident memory (MiB) of the server's processes since the last reset. */
  peakRssMiB(): number;
  resetPeak(): void;
  /** Waits until the dispatcher has nothing left to do, so one phase's work does not slow the next. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Resident memory (bytes) of a process and all its descendants (cluster workers, markdown workers are threads). */
function treeRss(pid: number): number {
  let total = 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    total += Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) * 1024;
    for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
      const children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(" ") : []) total += treeRss(Number(child));
    }
  } catch {
    // The process ended between two reads.
  }
  return total;
}

export async function startAppServer(options: { databaseUrl: string; port: number; processes?: number; env?: Record<string, string>; nodeArgs?: string[] }): Promise<AppServer> {
  const processes = options.processes ?? 1;
  const origin = `http://127.0.0.1:${options.port}`;
  if (!fs.existsSync(path.join(root, SERVER_ENTRY))) throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first`);
  const command = startArguments(root);
  // Extra node flags (a CPU profile) go before the entry, which comes last.
  const child = spawn(process.execPath, [...command.slice(0, -1), ...(options.nodeArgs ?? []), ...command.slice(-1)], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      LOG_LEVEL: "warn",
      WEB_CONCURRENCY: String(processes),
      ...options.env,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 300_000;
  // The health check does not say which process answered: wait for a run of successes.
  let ok = 0;
  while (ok < 5 * processes) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the server did not start");
    ok = (await fetch(`${origin}/healthz`).then((r) => r.ok, () => false)) ? ok + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, treeRss(child.pid!))), 100);
  return {
    origin,
    child,
    peakRssMiB: () => Math.max(peak, treeRss(child.pid!)) / 2 ** 20,
    resetPeak: () => (peak = treeRss(child.pid!)),
    async settle() {
      const until = Date.now() + 300_000;
      while (Date.now() < until) {
        const health = (await fetch(`${origin}/healthz`).then((r) => r.json(), () => null)) as { outbox?: { backlog: number } } | null;
        if (health?.outbox?.backlog === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      throw new Error("the outbox backlog did not drain in 5 minutes");
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sampler);
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

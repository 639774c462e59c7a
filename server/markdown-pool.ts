import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { MessageChannel } from "node:worker_threads";
import Piscina from "piscina";
import {
  assertPostLength,
  MarkdownTimeoutError,
  MarkdownTooComplexError,
  type References,
} from "../app/domain/forum/markdown";
import type { RenderOutcome, RenderTask } from "./markdown-worker";
import { compiled } from "./compiled";

export type RenderedMarkdown = { html: string; references: References; rendererVersion: number };

export type MarkdownPool = {
  /** Rejects with PostTooLongError, MarkdownTooComplexError or its subclass MarkdownTimeoutError. */
  render(source: string): Promise<RenderedMarkdown>;
  close(): Promise<void>;
};

/**
 * Compiled, the threads run the bundled worker beside this bundle as plain JavaScript (decision 037).
 * From the sources they load the worker's TypeScript through tsx: under `tsx server/index.ts` the
 * threads inherit its loader from execArgv; elsewhere (vitest) it is added by absolute URL so it
 * resolves whatever the working directory.
 */
function workerOptions(): { filename: string; execArgv?: string[] } {
  if (compiled) return { filename: new URL("./markdown-worker.js", import.meta.url).href };
  const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return {
    filename: new URL("./markdown-worker.ts", import.meta.url).href,
    execArgv: process.execArgv.includes(tsxLoader) ? process.execArgv : [...process.execArgv, "--import", tsxLoader],
  };
}

/**
 * Markdown rendering off the event loop, with a time limit: marked is synchronous and a hostile post
 * can keep it busy for seconds. A task past its limit is aborted; piscina terminates that worker
 * thread and starts a new one.
 */
export function createMarkdownPool({
  maxThreads = Math.max(1, availableParallelism()),
  timeoutMs = 1000,
}: { maxThreads?: number; timeoutMs?: number } = {}): MarkdownPool {
  const pool = new Piscina<RenderTask, RenderOutcome>({
    ...workerOptions(),
    minThreads: 1,
    maxThreads,
    // A thread costs about 40 MB and a second or so to start: keep an extra one through a burst.
    idleTimeout: 60_000,
  });

  async function render(source: string): Promise<RenderedMarkdown> {
    assertPostLength(source);
    const abort = new AbortController();
    const { port1, port2 } = new MessageChannel();
    let timer: NodeJS.Timeout | undefined;
    port1.once("message", () => {
      timer = setTimeout(() => abort.abort(), timeoutMs);
    });
    try {
      const outcome = await pool.run({ source, started: port2 }, { signal: abort.signal, transferList: [port2] });
      if (!outcome.ok) throw new MarkdownTooComplexError();
      const { ok: _ok, ...rendered } = outcome;
      return rendered;
    } catch (error) {
      if (abort.signal.aborted) throw new MarkdownTimeoutError(timeoutMs);
      throw error;
    } finally {
      clearTimeout(timer);
      port1.close();
    }
  }

  return { render, close: () => pool.close() };
}

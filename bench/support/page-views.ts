/**
 * A signed-in thread page view as a browser makes it (decisions 043, 044): the document, which may
 * be the page rendered for the member's audience, then the member's own parts of it (what the
 * page fetches after hydration). Each view signs in as the next member, round robin.
 * Counts views, not requests, and times each view from the document's request to the data's end.
 */
import { performance } from "node:perf_hooks";
import autocannon from "autocannon";
import { percentile } from "./stats";

export interface PageViews {
  viewsPerSecond: number;
  p50: number;
  p99: number;
  failed: number;
  summary: string;
}

interface ViewContext {
  cookie?: string;
  startedAt?: number;
}

export async function pageViews(options: {
  origin: string;
  path: string;
  cookies: string[];
  connections: number;
  seconds: number;
  /** Seconds of load before the measured run; 0 when the caller warms up (and samples CPU) itself. */
  warmUpSeconds?: number;
}): Promise<PageViews> {
  const { origin, path, cookies, connections } = options;
  const threadId = /^\/t\/([^/?]+)/.exec(path)?.[1];
  if (!threadId) throw new Error(`a page view is of a thread page, not ${path}`);
  const page = new URLSearchParams(path.split("?")[1] ?? "").get("page") ?? "1";
  const partsPath = `/api/thread-reader/${threadId}?page=${page}`;
  let next = 0;
  let timings: number[] = [];
  let failed = 0;
  const asMember = (request: { headers?: Record<string, string> }, context: ViewContext) => ({
    ...request,
    headers: { ...request.headers, cookie: context.cookie! },
  });
  const run = (duration: number) =>
    autocannon({
      url: origin,
      connections,
      duration,
      requests: [
        {
          method: "GET",
          path,
          setupRequest: (request, context: ViewContext) => {
            context.cookie = cookies[next++ % cookies.length];
            context.startedAt = performance.now();
            return asMember(request, context);
          },
          onResponse: (status) => {
            if (status !== 200) failed += 1;
          },
        },
        {
          method: "GET",
          path: partsPath,
          setupRequest: asMember,
          onResponse: (status, _body, context: ViewContext) => {
            if (status === 200) timings.push(performance.now() - context.startedAt!);
            else failed += 1;
          },
        },
      ],
    });
  const warmUp = options.warmUpSeconds ?? 5;
  if (warmUp > 0) await run(warmUp);
  timings = [];
  failed = 0;
  const result = await run(options.seconds);
  const viewsPerSecond = timings.length / options.seconds;
  const p50 = Math.round(percentile(timings, 50));
  const p99 = Math.round(percentile(timings, 99));
  const errors = failed + result.errors + result.timeouts;
  return {
    viewsPerSecond,
    p50,
    p99,
    failed: errors,
    summary: `${viewsPerSecond.toFixed(0)} page views/s (document + the reader's parts), p50 ${p50} ms, p99 ${p99} ms${errors ? `, failed: ${errors}` : ""}`,
  };
}

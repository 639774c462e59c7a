/**
 * Reply creation through the real action, as the browser's fetcher sends it (POST to the
 * route's single-fetch data URL, same Origin, a member's session cookie): validation,
 * sanitizing, the posting limits, the outbox and everything the dispatcher does after.
 * Writers take the bench members' sessions in turn, so no member passes the posting limit.
 */
import { performance } from "node:perf_hooks";
import { samplePost } from "./forum-fixture";
import { percentile } from "./stats";

let next = 0;

export async function measureReplies(options: { origin: string; threadId: string; cookies: string[]; writers: number; seconds: number }) {
  const { origin, threadId, cookies, writers, seconds } = options;
  const latencies: number[] = [];
  const failures = new Map<number, number>();
  const until = performance.now() + seconds * 1000;
  const started = performance.now();
  async function writer() {
    while (performance.now() < until) {
      const n = next++;
      const body = new URLSearchParams({ intent: "reply", js: "1", body: `Reply ${n} from the benchmark.\n\n${samplePost}` });
      const start = performance.now();
      const response = await fetch(`${origin}/t/${threadId}.data`, {
        method: "POST",
        headers: { origin, cookie: cookies[n % cookies.length]!, "content-type": "application/x-www-form-urlencoded" },
        body,
      });
      await response.arrayBuffer();
      if (response.status === 200) latencies.push(performance.now() - start);
      else failures.set(response.status, (failures.get(response.status) ?? 0) + 1);
    }
  }
  await Promise.all(Array.from({ length: writers }, writer));
  const elapsed = (performance.now() - started) / 1000;
  const failed = [...failures].map(([status, count]) => `${count} × ${status}`).join(", ");
  return `${(latencies.length / elapsed).toFixed(0)} replies/s (${latencies.length} in ${elapsed.toFixed(1)} s), p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms${failed ? `; refused: ${failed}` : ""}`;
}

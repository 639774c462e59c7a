/**
 * Real-time fan-out: signed-out socket.io clients in one thread's room (as open thread pages
 * are); a member replies N times, one after another; each sample is the time from the reply
 * request leaving to one client receiving the `thread:changed` event.
 */
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { percentile } from "./stats";

async function connect(origin: string, room: string) {
  const socket = io(origin, { transports: ["websocket"], extraHeaders: { origin }, forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  const answer = await socket.timeout(10_000).emitWithAck("room:join", room);
  if (!answer?.ok) throw new Error(`room join refused: ${JSON.stringify(answer)}`);
  return socket;
}

export async function measureFanout(options: { origin: string; threadId: string; cookies: string[]; sockets: number; replies: number }) {
  const { origin, threadId, cookies } = options;
  const clients: Socket[] = [];
  for (let i = 0; i < options.sockets; i += 50) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(50, options.sockets - i) }, () => connect(origin, `thread:${threadId}`)))));
  }
  const samples: number[] = [];
  let sentAt = 0;
  let received = 0;
  let allReceived = () => {};
  for (const client of clients) {
    client.on("thread:changed", (event: { change: string }) => {
      if (event.change !== "reply" || !sentAt) return;
      samples.push(performance.now() - sentAt);
      if (++received === clients.length) allReceived();
    });
  }
  let missed = 0;
  try {
    for (let i = 0; i < options.replies; i++) {
      received = 0;
      const everyone = new Promise<void>((resolve) => (allReceived = resolve));
      sentAt = performance.now();
      const response = await fetch(`${origin}/t/${threadId}.data`, {
        method: "POST",
        headers: { origin, cookie: cookies[i % cookies.length]!, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ intent: "reply", js: "1", body: `Fan-out reply ${i} from the benchmark.` }),
      });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`reply refused with ${response.status}`);
      await Promise.race([everyone, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      missed += Math.max(0, clients.length - received);
      sentAt = 0;
    }
  } finally {
    for (const client of clients) client.close();
  }
  return `${samples.length} receipts over ${options.replies} replies, p50 ${percentile(samples, 50).toFixed(0)} ms, p99 ${percentile(samples, 99).toFixed(0)} ms, max ${Math.max(...samples).toFixed(0)} ms${missed ? `, ${missed} missed` : ""}`;
}

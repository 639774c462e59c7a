import type { MessagePort } from "node:worker_threads";
import {
  MarkdownTooComplexError,
  RENDERER_VERSION,
  renderMarkdown,
  type References,
} from "../app/domain/forum/markdown";

// marked builds its rules on first use, a few hundred milliseconds on a busy machine: pay that while
// the thread starts, not inside the first post's time limit.
renderMarkdown(
  "# h\n\n*a* **b** ~~c~~ `d` @e [f](/t/g) <https://h.example> ![i](/uploads/j.png)\n\n" +
    "> [!quote post=k]\n> l\n\n- [x] m\n1. n\n\n| o |\n| - |\n| p |\n\n```js\nq\n```",
);

export type RenderTask = { source: string; started: MessagePort };
export type RenderOutcome =
  | { ok: true; html: string; references: References; rendererVersion: number }
  | { ok: false; reason: "too-complex" };

/**
 * Runs in a piscina worker thread. It says when it starts so the time limit counts rendering, not
 * waiting in the queue. Errors cross the thread boundary as plain objects, so the known refusal is
 * returned as a value and the pool turns it back into its class.
 */
export default function render({ source, started }: RenderTask): RenderOutcome {
  started.postMessage(null);
  started.close();
  try {
    return { ok: true, ...renderMarkdown(source), rendererVersion: RENDERER_VERSION };
  } catch (error) {
    if (error instanceof MarkdownTooComplexError) return { ok: false, reason: "too-complex" };
    throw error;
  }
}

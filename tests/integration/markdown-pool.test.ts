import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MAX_POST_LENGTH,
  MarkdownTimeoutError,
  MarkdownTooComplexError,
  PostTooLongError,
  RENDERER_VERSION,
  renderMarkdown,
} from "../../app/domain/forum/markdown";
import { createMarkdownPool, type MarkdownPool } from "../../server/markdown-pool";

const TIMEOUT_MS = 1000;
/** The pool's limit plus room for dispatch and abort on a loaded 2-core machine. */
const SETTLES_WITHIN_MS = 3000;

const NORMAL = "still **works** @dana";

// Each fits in MAX_POST_LENGTH; some render quickly, some exhaust marked's time or stack.
const pathological: [string, string][] = [
  ["a long run of spaces", `a${" ".repeat(49_000)}b`],
  ["a long run of tabs", `${"\t".repeat(49_000)}x`],
  ["a long run of newlines", `${"\n".repeat(49_000)}x`],
  ["nested brackets", "[".repeat(10_000) + "x" + "]".repeat(10_000)],
  ["unclosed brackets", `${"[".repeat(10_000)}x`],
  ["unclosed link openers", "[x](".repeat(10_000)],
  ["unclosed image openers", "![".repeat(10_000)],
  ["*_ alternations", "*_".repeat(20_000)],
  ["_a alternations", "_a".repeat(20_000)],
  ["a long emphasis run", `${"*".repeat(20_000)}a${"*".repeat(20_000)}`],
  ["many emphasis openers", `${"*a ".repeat(15_000)}b`],
  ["deeply nested blockquotes", `${">".repeat(5000)} x`],
  ["deeply nested blockquotes with spaces", `${"> ".repeat(5000)}x`],
  ["deeply nested lists", `${"- ".repeat(10_000)}x`],
  ["backtick runs", "`".repeat(49_000)],
  ["many < characters", "<".repeat(49_000)],
  ["many reference definitions", "[a]: ".repeat(10_000)],
  ["many pipes", `${"|".repeat(49_000)}\n|-|\n`],
  ["many mentions", "@a ".repeat(16_000)],
];

describe("markdown pool", () => {
  let pool: MarkdownPool;

  beforeAll(() => {
    pool = createMarkdownPool({ maxThreads: 1, timeoutMs: TIMEOUT_MS });
  });
  afterAll(async () => {
    await pool.close();
  });

  it("renders in a worker exactly as renderMarkdown does, with the renderer version", async () => {
    const source = "# Hi @dana-kim\n\n> [!quote post=p1]\n> text\n\n[t](/t/t1) [x](javascript:alert(1))";
    const rendered = await pool.render(source);
    expect(rendered).toEqual({ ...renderMarkdown(source), rendererVersion: RENDERER_VERSION });
  });

  it("renders many posts at once", async () => {
    const sources = Array.from({ length: 50 }, (_, i) => `post ${i} for @user-${i}`);
    const rendered = await Promise.all(sources.map((source) => pool.render(source)));
    expect(rendered.map((r) => r.references.mentions)).toEqual(sources.map((_, i) => [`user-${i}`]));
  });

  it("refuses a post over the length limit without sending it to a worker", async () => {
    await expect(pool.render("a".repeat(MAX_POST_LENGTH + 1))).rejects.toBeInstanceOf(PostTooLongError);
  });

  it("times out a slow post with MarkdownTimeoutError and keeps serving the posts queued behind it", async () => {
    const slow = pool.render(`${"*".repeat(20_000)}a${"*".repeat(20_000)}`);
    const queued = pool.render(NORMAL);
    const error = await slow.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarkdownTimeoutError);
    expect((error as MarkdownTimeoutError).message).toBe(
      "This post is too complex to format. Simplify it and try again.",
    );
    // Waiting in the queue does not count against the queued post's limit.
    expect((await queued).html).toContain("<strong>works</strong>");
  }, 60_000);

  it.each(pathological)(
    "%s: renders or gives up within the limit, and the pool keeps working",
    async (_name, source) => {
      await pool.render("warm"); // a live worker, so the measured call is only this post
      const started = performance.now();
      const outcome = await pool.render(source).then(
        () => "rendered",
        (error: unknown) => error,
      );
      const elapsed = performance.now() - started;
      if (outcome !== "rendered") expect(outcome).toBeInstanceOf(MarkdownTooComplexError);
      expect(elapsed).toBeLessThan(SETTLES_WITHIN_MS);
      expect((await pool.render(NORMAL)).html).toContain("<strong>works</strong>");
    },
    60_000,
  );
});

describe("renderMarkdown on its own", () => {
  it("turns a stack overflow in marked into MarkdownTooComplexError", () => {
    expect(() => renderMarkdown(`${">".repeat(5000)} x`)).toThrow(MarkdownTooComplexError);
  });
});

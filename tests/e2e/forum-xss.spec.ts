import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import {
  armXssSentinel,
  createThread,
  forumCategories,
  postReply,
  scriptableMarkup,
  settle,
  uniqueTitle,
  uniqueWord,
} from "./support/forum";
import { xssPayloads } from "../support/xss-payloads";

/** Several payloads per post keeps the post count (and so the accounts needed) down. */
const PAYLOADS_PER_POST = 5;
/** The posting limit for accounts in their first day: each author writes at most this many. */
const POSTS_PER_NEW_ACCOUNT = 5;
const POSTS_PER_PAGE = 20;

// Each payload follows a marker paragraph. Every marker must reach the page: a payload that
// swallowed the next one's markup would otherwise hide it from the test.
const marker = (n: number) => `xss-case-${n}-start`;

test("no XSS payload runs when posts render, on any page of the thread or in search", async ({ page, newPage, baseURL }) => {
  test.setTimeout(480_000); // about 25 posts by hand, on a busy machine
  const origin = new URL(baseURL!).origin;
  const fired: number[] = [];
  const word = uniqueWord();
  const batches: string[] = [];
  for (let i = 0; i < xssPayloads.length; i += PAYLOADS_PER_POST) {
    const payloads = xssPayloads.slice(i, i + PAYLOADS_PER_POST);
    batches.push([...payloads.flatMap((payload) => [marker(payload.n), payload.markdown]), `End of batch ${word}`].join("\n\n"));
  }

  // Every page that ever shows these posts has the sentinel, the authors' pages included.
  const [category] = await forumCategories(page);
  const authors: Page[] = [];
  for (let start = 0; start < batches.length; start += POSTS_PER_NEW_ACCOUNT) {
    const author = authors.length === 0 ? page : await newPage();
    await armXssSentinel(author.context(), origin, fired);
    await signUp(author, { person: newPerson(`xss${authors.length}`) });
    authors.push(author);
  }
  const thread = await createThread(page, { category: category!.name, title: uniqueTitle("Sanitizer sentinel"), body: batches[0]! });
  for (const [index, batch] of batches.entries()) {
    if (index === 0) continue;
    const author = authors[Math.floor(index / POSTS_PER_NEW_ACCOUNT)]!;
    if (!author.url().includes(thread.path)) await author.goto(thread.path);
    await postReply(author, batch);
  }

  // A fresh reader goes through every page of the thread.
  const reader = await newPage();
  await armXssSentinel(reader.context(), origin, fired);
  const pages = Math.ceil(batches.length / POSTS_PER_PAGE);
  const seenText: string[] = [];
  for (let number = 1; number <= pages; number++) {
    await reader.goto(`${thread.path}?page=${number}`);
    await expect(reader.getByRole("heading", { level: 1 })).toBeVisible();
    const posts = reader.locator("article.post");
    await expect(posts).toHaveCount(number < pages ? POSTS_PER_PAGE : batches.length - (pages - 1) * POSTS_PER_PAGE);
    if (pages > 1) await expect(reader.getByRole("navigation", { name: "Thread pages" }).getByRole("link")).toHaveCount(pages);
    await settle(reader);
    expect(await scriptableMarkup(reader), `page ${number}`).toEqual({ scripts: [], handlers: [], dangerousUrls: [], frames: [] });
    expect(await reader.evaluate(() => (window as unknown as { __xssFired: number[] }).__xssFired), `page ${number}`).toEqual([]);
    seenText.push(...(await reader.locator(".post-body").allTextContents()));
  }
  const text = seenText.join("\n");
  expect(xssPayloads.filter((payload) => !text.includes(marker(payload.n))).map((payload) => payload.name)).toEqual([]);

  // Search snippets come from the Markdown source: they must stay text too.
  await reader.goto(`/search?q=${word}`);
  await expect(reader.getByRole("list", { name: "Results" }).getByRole("listitem")).toHaveCount(Math.min(batches.length, POSTS_PER_PAGE));
  await settle(reader);
  const search = await scriptableMarkup(reader);
  expect(search.handlers, "search page").toEqual([]);
  expect(await reader.locator(".snippet *:not(mark)").count(), "search snippets hold only <mark>").toBe(0);

  for (const author of authors) await settle(author);
  const named = (numbers: number[]) => numbers.map((n) => `${n}: ${xssPayloads[n - 1]?.name ?? "unknown"}`);
  expect(named(fired), "payloads that ran").toEqual([]);

  // The sentinel itself works: an injected handler calling it is seen.
  await reader.evaluate(() => {
    const image = document.createElement("img");
    image.setAttribute("onerror", "__xss(-1)");
    image.src = "data:,not-an-image";
    document.body.append(image);
  });
  await expect.poll(() => fired).toEqual([-1]);
});

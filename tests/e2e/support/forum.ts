import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, type BrowserContext, type Locator, type Page } from "@playwright/test";
import { formPost } from "./forms";

/** Helpers for the forum specs (tests/e2e/forum-*.spec.ts): content of their own, never the seed's. */

export interface Category {
  name: string;
  slug: string;
}

/** The categories /forum lists for whoever `page` is signed in as (nobody: the public ones). */
export async function forumCategories(page: Page): Promise<Category[]> {
  await page.goto("/forum");
  const links = page.getByRole("region", { name: "Categories" }).getByRole("heading", { level: 3 }).getByRole("link");
  await expect(links.first()).toBeVisible();
  return Promise.all(
    (await links.all()).map(async (link) => ({
      name: (await link.textContent())!.trim(),
      slug: (await link.getAttribute("href"))!.replace(/^\/c\//, ""),
    })),
  );
}

/** Categories in `wider` that `narrower` does not list, e.g. members-only = member's minus a visitor's. */
export function onlyIn(wider: Category[], narrower: Category[]) {
  return wider.filter((category) => !narrower.some((other) => other.slug === category.slug));
}

/**
 * A word no other post contains. Letters only: full-text search keeps it one lexeme, and a
 * trailing "s" or "ing" (which the English stemmer would cut) is avoided by the fixed ending.
 */
export function uniqueWord(prefix = "zq") {
  const letters = [...crypto.randomBytes(8)].map((byte) => String.fromCharCode(97 + (byte % 26))).join("");
  return `${prefix}${letters}x`;
}

export function uniqueTitle(label: string) {
  return `${label} ${uniqueWord("t")}`;
}

export interface CreatedThread {
  id: string;
  /** `/t/<id>/<slug>` */
  path: string;
}

/** Starts a thread through /new-thread (with or without JavaScript) and waits for its page. */
export async function createThread(page: Page, thread: { category: string; title: string; body: string }): Promise<CreatedThread> {
  await page.goto("/new-thread");
  await page.getByLabel("Title").fill(thread.title);
  await page.getByLabel("Category").selectOption({ label: thread.category });
  await page.getByLabel("Your post (Markdown)").fill(thread.body);
  // By keyboard, not a click at coordinates: the similar-threads panel can open under the title
  // at any moment after typing and push the button down between aiming and clicking.
  await page.getByRole("button", { name: "Post thread" }).press("Enter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(thread.title);
  const path = new URL(page.url()).pathname;
  const id = /^\/t\/([^/]+)\//.exec(path)?.[1];
  if (!id) throw new Error(`not a thread page: ${page.url()}`);
  return { id, path };
}

/**
 * Posts a reply with the thread page's form and waits until it is stored: with JavaScript the
 * composer empties, without it the browser follows the redirect to the new post.
 */
export async function postReply(page: Page, body: string) {
  const composer = page.getByLabel("Reply (Markdown)");
  await composer.fill(body);
  const response = formPost(page, "/t/");
  await page.getByRole("button", { name: "Post reply" }).click();
  const status = (await response).status();
  if (status >= 400) {
    const alert = await page.getByRole("alert").allTextContents().catch(() => []);
    throw new Error(`reply refused with HTTP ${status}: ${alert.join(" ")}`);
  }
  await expect(composer).toHaveValue("");
}

/** The URL of a post on its thread page, as a permalink or a redirect lands there. */
export function postUrl(threadId: string, postNumber: number) {
  return new RegExp(`/t/${threadId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?:/[^?#]*)?\\?[^#]*#post-${postNumber}$`);
}

/** A post on the page, found by text in its body. */
export function postWith(page: Page, text: string | RegExp): Locator {
  return page.locator("article.post").filter({ has: page.locator(".post-body", { hasText: text }) });
}

/** A reaction button by its kind's label; its accessible name carries the count, e.g. "Thanks (0)". */
export function reactionButton(post: Locator, label: "Like" | "Thanks" | "Insightful", count?: number) {
  return post.getByRole("button", { name: count === undefined ? new RegExp(`^${label} \\(\\d+\\)$`) : `${label} (${count})`, exact: true });
}

export function anyReactionButton(post: Locator) {
  return post.getByRole("button", { name: /^(Like|Thanks|Insightful) \(\d+\)$/ });
}

/** Marks the current document; `stillSameDocument` is true until the page reloads or navigates away. */
export async function markDocument(page: Page) {
  await page.evaluate(() => Object.assign(window, { __e2eSameDocument: true }));
}

export async function stillSameDocument(page: Page) {
  return page.evaluate(() => (window as unknown as { __e2eSameDocument?: boolean }).__e2eSameDocument === true);
}

/**
 * Follows a page's socket.io traffic, so a test can wait until the page is really listening
 * (connected, and its room joins acknowledged) before another person acts. Without this a
 * live-update test races the socket handshake. Call before the page loads.
 */
export function watchSocket(page: Page) {
  interface Connection {
    open: boolean;
    connected: boolean;
    pending: Map<string, string>;
    rooms: Set<string>;
  }
  const connections: Connection[] = [];
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/socket.io/")) return;
    const connection: Connection = { open: true, connected: false, pending: new Map(), rooms: new Set() };
    connections.push(connection);
    // socket.io over engine.io: "40{…}" connects the namespace, `42<ack>["room:join",room]` asks
    // to join, `43<ack>[{"ok":true}]` is the server's answer.
    socket.on("framesent", ({ payload }) => {
      const match = /^42(\d+)(\[.*\])$/s.exec(String(payload));
      if (!match) return;
      const [event, room] = JSON.parse(match[2]!) as [string, unknown];
      if (event === "room:join" && typeof room === "string") connection.pending.set(match[1]!, room);
    });
    socket.on("framereceived", ({ payload }) => {
      const text = String(payload);
      if (text.startsWith("40")) connection.connected = true;
      const match = /^43(\d+)(\[.*\])$/s.exec(text);
      const room = match ? connection.pending.get(match[1]!) : undefined;
      if (room && (JSON.parse(match![2]!) as [{ ok?: boolean }])[0]?.ok) connection.rooms.add(room);
    });
    socket.on("close", () => {
      connection.open = false;
    });
  });
  const open = () => connections.filter((connection) => connection.open);
  return {
    /** Connected: the server has put the socket in its user's room. */
    async connected() {
      await expect.poll(() => open().some((connection) => connection.connected), { message: "socket.io connected" }).toBe(true);
    },
    async joined(room: string | RegExp) {
      const matches = (name: string) => (typeof room === "string" ? name === room : room.test(name));
      await expect
        .poll(() => open().some((connection) => [...connection.rooms].some(matches)), { message: `joined socket room ${room}` })
        .toBe(true);
    },
  };
}

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

/**
 * Serious and critical axe violations on the page as it is now, one readable paragraph each.
 * The same check as accessibility.spec.ts, which keeps its copy inside the spec file.
 */
export async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return report(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"));
}

function report(violations: Violations) {
  return violations.map((violation) =>
    [
      `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
      ...violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${node.failureSummary?.replaceAll("\n", "\n      ")}`),
    ].join("\n"),
  );
}

/** Axe on the loaded page in the light and then the dark colour scheme; the scheme switches live. */
export async function violationsLightAndDark(page: Page) {
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
    found.push(...(await seriousViolations(page)).map((violation) => `${colorScheme}: ${violation}`));
  }
  return found;
}

const TRANSPARENT_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/**
 * Arms an XSS sentinel in every page and frame of `context` before any script of theirs runs:
 * each payload calls `__xss(n)` (or `top.__xss(n)`), which records n in `window.__xssFired` and
 * logs it (into `fired`), so a frame that cannot reach the top window is caught too. Requests to other hosts
 * (external images in posts) get a blank image, keeping the test off the internet.
 */
export async function armXssSentinel(context: BrowserContext, origin: string, fired: number[]) {
  await context.addInitScript(() => {
    const record = (n: unknown) => {
      (window as unknown as { __xssFired: unknown[] }).__xssFired.push(n);
      console.info(`__xss fired ${String(n)}`);
    };
    Object.assign(window, { __xssFired: [], __xss: record });
  });
  context.on("console", (message) => {
    const match = /^__xss fired (.*)$/.exec(message.text());
    if (match) fired.push(Number(match[1]));
  });
  await context.route(
    (url) => url.origin !== origin,
    (route) => route.fulfill({ status: 200, contentType: "image/png", body: TRANSPARENT_PNG }),
  );
}

/**
 * Lets a rendered page do whatever it would do on its own: network quiet, every image, video
 * and audio element settled (so onerror/onload would have run), then a few frames and a short
 * task turn for timers and SVG animations starting at 0s.
 */
export async function settle(page: Page) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(async () => {
    const media = [...document.querySelectorAll<HTMLImageElement | HTMLMediaElement>("img, video, audio")];
    await Promise.all(
      media.map(
        (element) =>
          new Promise<void>((resolve) => {
            if (element instanceof HTMLImageElement ? element.complete : element.readyState > 0 || element.error) return resolve();
            element.addEventListener("load", () => resolve(), { once: true });
            element.addEventListener("loadedmetadata", () => resolve(), { once: true });
            element.addEventListener("error", () => resolve(), { once: true });
            setTimeout(resolve, 2_000);
          }),
      ),
    );
    for (let frame = 0; frame < 3; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
    await new Promise((resolve) => setTimeout(resolve, 250));
  });
}

/** What a page's DOM says about script: elements that should never come out of the sanitizer. */
export async function scriptableMarkup(page: Page) {
  return page.evaluate(() => {
    const describe = (element: Element) => element.outerHTML.slice(0, 160);
    const bodies = [...document.querySelectorAll(".post-body")];
    const inBodies = (selector: string) => bodies.flatMap((body) => [...body.querySelectorAll(selector)]);
    const dangerousUrl = /^(javascript|vbscript|data):/i;
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"];
    return {
      scripts: inBodies("script").map(describe),
      // Anywhere on the page: React and Remix never render inline handlers, so any is injected.
      handlers: [...document.querySelectorAll("*")]
        .filter((element) => element.getAttributeNames().some((name) => name.toLowerCase().startsWith("on")))
        .map(describe),
      dangerousUrls: inBodies("*")
        .filter((element) =>
          urlAttributes.some((name) => {
            const value = element.getAttribute(name);
            // Browsers ignore control characters and whitespace inside a scheme.
            return value !== null && dangerousUrl.test(value.replace(/[\u0000-\u0020\u007f-\u00a0\u200b\u2028\u2029\u202e]/g, ""));
          }),
        )
        .map(describe),
      frames: inBodies("iframe, frame, object, embed, base, meta, form, svg, math, style, link").map(describe),
    };
  });
}

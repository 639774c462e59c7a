import { test as base, expect, type BrowserContext, type BrowserContextOptions, type Cookie, type Page } from "@playwright/test";
import { demoAccount, logIn } from "./auth";
import type { DemoAccountKey } from "../../../db/seed/data/demo-accounts";

const ALWAYS_ALLOWED = [
  // The app ships no favicon yet, so Chromium's automatic /favicon.ico request gets a 404.
  /status of 404 \(Not Found\) \(at https?:\/\/[^/]+\/favicon\.ico\)$/,
  // Remix (single fetch) logs a data request it cancelled itself when a newer navigation made
  // it stale: after a fetcher's post (a reply, a reaction) the router re-reads the page, and a
  // click that lands first aborts that re-read mid-stream. The newer page shows everything; the
  // app never logs AbortErrors itself. Live events no longer cancel one another
  // (useRevalidateSoon), and typing suggestions do not go through the router (useSuggestions).
  /^console\.error: AbortError: signal is aborted without reason\n/,
  // The admin mail page shows a mail's HTML part in a frame sandboxed without scripts, on
  // purpose (app/routes/admin.mail.$id.tsx, the only srcdoc frame in the app). Chromium says so
  // when something (axe, Playwright's own frame scripts) tries to run in it, now and then.
  /^console\.error: Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set\. \(at about:srcdoc\)$/,
];

/**
 * Collects console.error messages and uncaught page errors from every context a test opens;
 * the test fails at the end if any was not expected with `browserErrors.allow(/…/)`.
 */
class BrowserErrors {
  private seen: string[] = [];
  private allowed: RegExp[] = [];

  watch(context: BrowserContext) {
    context.on("console", (message) => {
      if (message.type() !== "error") return;
      const where = message.location().url;
      this.seen.push(`console.error: ${message.text()}${where ? ` (at ${where})` : ""}`);
    });
    context.on("weberror", (error) => this.seen.push(`page error: ${error.error().stack ?? error.error().message}`));
  }

  /** An error the test provokes on purpose, such as the browser's note about a 400 response. */
  allow(pattern: RegExp) {
    this.allowed.push(pattern);
  }

  unexpected() {
    const allowed = [...this.allowed, ...ALWAYS_ALLOWED];
    return this.seen.filter((text) => !allowed.some((pattern) => pattern.test(text)));
  }
}

/**
 * The line Chromium logs for a response with an error status from `path` (a page, or its
 * `.data` request once Remix handles the form), e.g. an action's 400. Only that path: a 404
 * for a stylesheet on the same page still fails the test.
 */
export const failedResource = (status: number, path: string) =>
  new RegExp(
    `Failed to load resource: the server responded with a status of ${status}\\b.* \\(at https?://[^/]+${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^)]*\\)$`,
  );

interface Fixtures {
  browserErrors: BrowserErrors;
  /** A page in a context of its own (another person, JavaScript off, …), closed after the test. */
  newPage: (options?: BrowserContextOptions) => Promise<Page>;
  /** Signs a page (the test's own by default) in as a demo account, then opens home. */
  loginAs: (key: DemoAccountKey, page?: Page) => Promise<void>;
}

interface WorkerFixtures {
  /** Session cookies of each demo account, logged in through the form once per worker. */
  demoSessions: (key: DemoAccountKey) => Promise<Cookie[]>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  demoSessions: [
    async ({ browser }, use, workerInfo) => {
      const sessions = new Map<DemoAccountKey, Promise<Cookie[]>>();
      const start = async (key: DemoAccountKey) => {
        const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
        try {
          await logIn(await context.newPage(), demoAccount(key));
          return await context.cookies();
        } finally {
          await context.close();
        }
      };
      await use((key) => {
        if (!sessions.has(key)) sessions.set(key, start(key));
        return sessions.get(key)!;
      });
    },
    { scope: "worker" },
  ],
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  browserErrors: async ({}, use) => {
    const errors = new BrowserErrors();
    await use(errors);
    expect(errors.unexpected(), "unexpected console.error or page error in the browser").toEqual([]);
  },
  context: async ({ context, browserErrors }, use) => {
    browserErrors.watch(context);
    await use(context);
  },
  newPage: async ({ browser, browserErrors, baseURL }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({ baseURL, ...options });
      browserErrors.watch(context);
      contexts.push(context);
      return context.newPage();
    });
    for (const context of contexts) await context.close();
  },
  loginAs: async ({ page, demoSessions }, use) => {
    await use(async (key, target = page) => {
      await target.context().addCookies(await demoSessions(key));
      await target.goto("/");
      await expect(target.locator("header details.menu")).toBeVisible();
    });
  },
});

export { expect };

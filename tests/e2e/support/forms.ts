import type { Page } from "@playwright/test";

/**
 * The response to a form's POST to `path`: a document POST without JavaScript (or before
 * hydration), a data request once Remix handles the form. Start waiting before the click.
 */
export function formPost(page: Page, path: string) {
  return page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith(path),
  );
}

/** A string as a RegExp that matches it literally. */
export function literally(text: string) {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}

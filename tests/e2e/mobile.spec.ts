import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { signUp } from "./support/auth";

test.use({ viewport: { width: 360, height: 740 } });

/** Elements that stick out past the right edge, to say what to fix when the page scrolls sideways. */
async function horizontalOverflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.body.querySelectorAll<HTMLElement>("*")]
      .filter((element) => element.getBoundingClientRect().right > width + 1)
      .slice(0, 10)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`);
  });
}

test("home and sign-up fit a 360 px wide phone without sideways scrolling", async ({ page }) => {
  for (const path of ["/", "/signup", "/login"]) {
    await page.goto(path);
    expect(await horizontalOverflow(page), `${path} is wider than the screen`).toEqual([]);
  }
  await signUp(page);
  expect(await horizontalOverflow(page), "signed-in home is wider than the screen").toEqual([]);
});

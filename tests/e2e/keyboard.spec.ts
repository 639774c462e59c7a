import type { Locator } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { accountMenu } from "./support/auth";

test("the skip link is the first tab stop and moves focus to the main content", async ({ page }) => {
  await page.goto("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("main")).toBeFocused();
  // The next tab stop is inside main, past the header.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.activeElement?.closest("main") !== null)).toBe(true);
});

test("the account menu opens and works with the keyboard", async ({ page, loginAs }) => {
  await loginAs("member");
  const menu = accountMenu(page);
  const summary = menu.locator("summary");
  await tabUntilFocused(page.keyboard, summary);
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("open", "");
  const ownProfile = menu.getByRole("link", { name: "Your profile" });
  const editProfile = menu.getByRole("link", { name: "Edit profile" });
  await expect(editProfile).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(ownProfile).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(editProfile).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL("/settings/profile");
});

test("a link focused from the keyboard shows a visible outline", async ({ page }) => {
  await page.goto("/");
  const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Directory" });
  await tabUntilFocused(page.keyboard, link);
  const outline = await link.evaluate((element) => {
    const style = getComputedStyle(element);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
  });
  expect(outline.style).not.toBe("none");
  expect(outline.width).toBeGreaterThanOrEqual(2);
  expect(outline.color).not.toMatch(/rgba\(\d+, \d+, \d+, 0\)|transparent/);
});

/** Presses Tab until `target` has focus: proves it is reachable from the keyboard, in a few stops. */
async function tabUntilFocused(keyboard: { press(key: string): Promise<void> }, target: Locator, maxStops = 15) {
  for (let stop = 0; stop < maxStops; stop++) {
    await keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`not reached with ${maxStops} presses of Tab`);
}

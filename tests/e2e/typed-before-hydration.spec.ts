import { expect, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, uniqueTitle, uniqueWord } from "./support/forum";

test("text typed into the edit form before the page's scripts run is kept when they do", async ({ page }) => {
  const [category] = await forumCategories(page);
  await signUp(page, { person: newPerson("early-typist") });
  const body = `First words ${uniqueWord()}`;
  await createThread(page, { category: category!.name, title: uniqueTitle("Typed early"), body });
  const editPath = await page.locator("#post-1").getByRole("link", { name: "Edit", exact: true }).getAttribute("href");

  // Hold the page's JavaScript back, as a slow connection would, while the person types.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/assets/*.js", async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(editPath!, { waitUntil: "commit" });
  const editor = page.getByLabel("Post (Markdown)");
  const typed = `${body}\n\nAdded before the scripts ran.`;
  await editor.fill(typed);
  await expect(page.getByRole("button", { name: "Add image" })).toHaveCount(0);

  release();
  // The image button renders only once React has hydrated the form.
  await expect(page.getByRole("button", { name: "Add image" })).toBeVisible();
  await expect(editor).toHaveValue(typed);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator("#post-1")).toContainText("Added before the scripts ran.");
});

import { expect, test } from "./support/fixtures";
import { accountMenu, newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, uniqueTitle, uniqueWord } from "./support/forum";

// Decisions 043 and 044: a member's thread page arrives rendered for their audience, naming
// nobody, and the browser fills in what is theirs from their own parts, not the whole page again.
test("a member's thread page arrives shared and then shows their name and their own rights", async ({ page }) => {
  const [category] = await forumCategories(page);
  const person = await signUp(page, { person: newPerson("sharer") });
  const thread = await createThread(page, { category: category!.name, title: uniqueTitle("Shared page"), body: `Opening ${uniqueWord()}` });

  const reads: string[] = [];
  page.on("request", (request) => reads.push(new URL(request.url()).pathname));
  const response = await page.goto(thread.path);
  const html = await response!.text();
  // The author's name is on their post, which every member sees; the header names nobody, and
  // nobody may edit or not flag the post.
  expect(html).toContain("Log out");
  expect(html).toContain('<span class="menu-label">Your account</span>');
  expect(html).not.toContain(`/posts/`);
  expect(html).toContain(`>Flag</a>`);

  await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);
  await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Flag" })).toHaveCount(0);
  expect(reads).toContain(`/api/thread-reader/${thread.id}`);
  expect(reads.filter((path) => path.endsWith(".data"))).toEqual([]);

  // A bookmark is the reader's own: after a reload it comes back with their parts.
  await page.getByRole("button", { name: "Bookmark" }).click();
  await expect(page.getByText("Bookmarked")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Bookmarked")).toBeVisible();
});

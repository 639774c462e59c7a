import type { Page } from "@playwright/test";
import { expect, failedResource, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, onlyIn, postUrl, uniqueTitle, uniqueWord } from "./support/forum";

test.describe.configure({ mode: "parallel" });

async function search(page: Page, query: string) {
  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Search");
  return page.getByRole("list", { name: "Results" });
}

test("search finds a new post by a word only it contains, and highlights the word", async ({ page }) => {
  const [category] = await forumCategories(page);
  await signUp(page, { person: newPerson("searcher") });
  const word = uniqueWord();
  const title = uniqueTitle("Reporting to funders");
  const thread = await createThread(page, {
    category: category!.name,
    title,
    body: `For the quarterly grant report we tried ${word} and it saved a day of spreadsheet work.`,
  });

  // Through the search form, as a person would.
  await page.goto("/search");
  await page.getByRole("searchbox", { name: "Search the forum" }).fill(word);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/search\\?q=${word}(&|$)`));
  const results = page.getByRole("list", { name: "Results" });
  await expect(results.getByRole("listitem")).toHaveCount(1);
  const result = results.getByRole("listitem").first();
  await expect(result.getByRole("link", { name: title })).toBeVisible();
  await expect(result.locator("mark")).toHaveText([word]);
  await expect(result).toContainText("saved a day of spreadsheet work");

  await result.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(postUrl(thread.id, 1));
  await expect(page.locator("#post-1 .post-body")).toContainText(word);
});

test("search never shows a members-only thread to a visitor, nor a staff-only thread to members", async ({
  page: member,
  newPage,
  loginAs,
  browserErrors,
}) => {
  test.slow();
  browserErrors.allow(failedResource(404, "/t/"));
  const visitor = await newPage();
  const moderator = await newPage();
  const publicCategories = await forumCategories(visitor);
  await signUp(member, { person: newPerson("insider") });
  const memberCategories = await forumCategories(member);
  await loginAs("moderator", moderator);
  const staffCategories = await forumCategories(moderator);
  const [membersOnly] = onlyIn(memberCategories, publicCategories);
  const [staffOnly] = onlyIn(staffCategories, memberCategories);
  expect(membersOnly, "a members-only category on /forum").toBeDefined();
  expect(staffOnly, "a staff-only category on /forum").toBeDefined();

  const membersWord = uniqueWord();
  const membersTitle = uniqueTitle("Members talk");
  const membersThread = await createThread(member, {
    category: membersOnly!.name,
    title: membersTitle,
    body: `Between partners: ${membersWord} worked for our hiring round.`,
  });
  const staffWord = uniqueWord();
  const staffTitle = uniqueTitle("Staff note");
  const staffThread = await createThread(moderator, {
    category: staffOnly!.name,
    title: staffTitle,
    body: `Moderation note: ${staffWord} needs a follow-up.`,
  });

  // Those who may read each thread find it: the words are indexed, so a miss below means "hidden".
  await expect((await search(member, membersWord)).getByRole("link", { name: membersTitle })).toBeVisible();
  await expect((await search(moderator, staffWord)).getByRole("link", { name: staffTitle })).toBeVisible();
  await expect((await search(moderator, membersWord)).getByRole("link", { name: membersTitle })).toBeVisible();

  for (const [who, page, word] of [
    ["a visitor", visitor, membersWord],
    ["a visitor", visitor, staffWord],
    ["a member", member, staffWord],
  ] as const) {
    const results = await search(page, word);
    await expect(page.getByText(`No posts match “${word}”`), `${who} searching ${word}`).toBeVisible();
    await expect(results).toHaveCount(0);
  }
  // Nor by title words, nor by opening the thread directly.
  await search(visitor, membersTitle);
  await expect(visitor.getByRole("link", { name: membersTitle })).toHaveCount(0);
  await search(member, staffTitle);
  await expect(member.getByRole("link", { name: staffTitle })).toHaveCount(0);
  expect((await visitor.goto(membersThread.path))?.status()).toBe(404);
  expect((await member.goto(staffThread.path))?.status()).toBe(404);
});

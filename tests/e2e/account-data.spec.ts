import fs from "node:fs";
import { expect, failedResource, test } from "./support/fixtures";
import { formPost } from "./support/forms";
import { newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, postReply, postWith, seriousViolations, uniqueTitle, uniqueWord } from "./support/forum";

/** Issue #8, account lifecycle: export, mute, delete (docs/decisions/023). */

async function anyCategory(page: Parameters<typeof forumCategories>[0]) {
  const categories = await forumCategories(page);
  return categories[0]!.name;
}

test("a member downloads their data as a JSON file with their posts", async ({ page }) => {
  const person = await signUp(page, { person: newPerson("exporter") });
  const title = uniqueTitle("Export me");
  await createThread(page, { category: await anyCategory(page), title, body: `Words to export ${uniqueWord()}` });

  await page.goto("/settings/account");
  await expect(page.getByRole("heading", { level: 1, name: "Your data" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download my data" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^partner-community-.+\.json$/);
  const archive = JSON.parse(fs.readFileSync((await file.path())!, "utf8"));
  expect(archive.profile).toMatchObject({ email: person.email, display_name: person.displayName });
  expect(archive.posts.map((post: { thread_title: string }) => post.thread_title)).toContain(title);
});

test("a muted member's posts fold away behind a disclosure, and unmuting brings them back", async ({ page, newPage }) => {
  test.slow(); // two people sign up and post, and axe runs three times, on a busy 2-core machine
  await signUp(page, { person: newPerson("muter") });
  const thread = await createThread(page, { category: await anyCategory(page), title: uniqueTitle("Mute test"), body: "Opening post" });

  const loud = await newPage();
  const loudPerson = await signUp(loud, { person: newPerson("loud") });
  await loud.goto(thread.path);
  const words = `Loud words ${uniqueWord()}`;
  await postReply(loud, words);

  await page.goto(thread.path);
  await postWith(page, words).getByRole("link", { name: loudPerson.displayName }).click();
  await expect(page.getByRole("heading", { level: 1, name: loudPerson.displayName })).toBeVisible();
  await page.getByRole("button", { name: `Mute ${loudPerson.displayName}` }).click();
  await expect(page.getByRole("button", { name: `Mute ${loudPerson.displayName}` })).toHaveAttribute("aria-pressed", "true");

  await page.goto(thread.path);
  const fold = page.locator("details.muted-post");
  await expect(fold).toHaveCount(1);
  await expect(page.getByText(words)).toBeHidden();
  expect(await seriousViolations(page)).toEqual([]);
  await fold.getByText("Post by a muted member — show").click();
  await expect(page.getByText(words)).toBeVisible();

  await page.goto("/settings/muted");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: `Unmute ${loudPerson.displayName}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(`Unmuted ${loudPerson.displayName}.`);
  await page.goto(thread.path);
  await expect(page.locator("details.muted-post")).toHaveCount(0);
  await expect(page.getByText(words)).toBeVisible();
});

test("deleting the account asks for the password, signs out, shows posts as a former member, and sign-in fails", async ({ page, browserErrors }) => {
  test.slow(); // sign-up, a thread, two argon2 checks and axe, on a busy 2-core machine
  browserErrors.allow(failedResource(400, "/settings/account"));
  browserErrors.allow(failedResource(400, "/login"));
  const person = await signUp(page, { person: newPerson("leaver") });
  const words = `Staying words ${uniqueWord()}`;
  const thread = await createThread(page, { category: await anyCategory(page), title: uniqueTitle("Leaving"), body: words });

  await page.goto("/settings/account");
  await page.getByLabel("Your password").fill("not the password");
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  const refused = formPost(page, "/settings/account");
  await page.getByRole("button", { name: "Delete my account" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByLabel("Your password")).toHaveAccessibleDescription("That is not your password.");
  await expect(page.getByLabel("Type DELETE to confirm")).toHaveValue("DELETE");

  await page.getByLabel("Your password").fill(person.password);
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your account was deleted" })).toBeVisible();
  await expect(page.locator("header details.menu")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.goto(thread.path);
  const post = postWith(page, words);
  await expect(post.locator(".post-author")).toHaveText("Former member");
  await expect(post.locator(".post-author").getByRole("link")).toHaveCount(0);

  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toContainText("That email and password do not match an account.");
  await expect(page).toHaveURL(/\/login/);
});

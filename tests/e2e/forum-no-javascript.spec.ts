import { expect, failedResource, test } from "./support/fixtures";
import { formPost } from "./support/forms";
import { newPerson, signUp } from "./support/auth";
import { forumCategories, postReply, postWith, uniqueTitle, uniqueWord } from "./support/forum";
import { MAX_BODY } from "../../app/domain/forum/validation";

// The forum's forms are plain HTML forms first: everything here runs with no JavaScript at all.
test.use({ javaScriptEnabled: false });

test("without JavaScript: start a thread, reply, and get field errors back with a 400 and the text kept", async ({
  page,
  newPage,
  browserErrors,
}) => {
  test.slow();
  browserErrors.allow(failedResource(400, "/new-thread"));
  browserErrors.allow(failedResource(400, "/t/"));
  const [category] = await forumCategories(page);
  await signUp(page, { person: newPerson("nojs-forum") });

  // A new thread: a too-short title comes back at its field, with everything typed still there.
  const title = uniqueTitle("Plain form thread");
  const opening = `Started without script ${uniqueWord()}`;
  await page.goto("/new-thread");
  await page.getByLabel("Title").fill("Hey");
  await page.getByLabel("Category").selectOption({ label: category!.name });
  await page.getByLabel("Your post (Markdown)").fill(opening);
  const refusedThread = formPost(page, "/new-thread");
  await page.getByRole("button", { name: "Post thread" }).click();
  expect((await refusedThread).status()).toBe(400);
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/at least 5 characters/);
  await expect(page.getByLabel("Title")).toHaveValue("Hey");
  await expect(page.getByLabel("Category").locator("option:checked")).toHaveText(category!.name);
  await expect(page.getByLabel("Your post (Markdown)")).toHaveValue(opening);

  await page.getByLabel("Title").fill(title);
  const created = formPost(page, "/new-thread");
  await page.getByRole("button", { name: "Post thread" }).click();
  expect((await created).status()).toBe(302);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(postWith(page, opening)).toBeVisible();
  const threadPath = new URL(page.url()).pathname;

  // An empty reply: the error is at the field.
  const composer = page.getByLabel("Reply (Markdown)");
  const refusedEmpty = formPost(page, "/t/");
  await page.getByRole("button", { name: "Post reply" }).click();
  expect((await refusedEmpty).status()).toBe(400);
  await expect(composer).toHaveAttribute("aria-invalid", "true");
  await expect(composer).toHaveAccessibleDescription("Write something before posting.");

  // A reply over the length limit: refused at the field, and the text is not lost.
  const tooLong = `${uniqueWord()} ${"long ".repeat(Math.ceil(MAX_BODY / 5))}`;
  await composer.fill(tooLong);
  const refusedLong = formPost(page, "/t/");
  await page.getByRole("button", { name: "Post reply" }).click();
  expect((await refusedLong).status()).toBe(400);
  await expect(composer).toHaveAccessibleDescription(/characters or fewer/);
  expect(await composer.inputValue()).toBe(tooLong);

  // A reply that fits posts through the redirect and shows on the thread page.
  const replyText = `Replying without script ${uniqueWord()}`;
  await postReply(page, replyText);
  await expect(page).toHaveURL(new RegExp(`^[^#]*${threadPath}\\?page=1#post-2$`));
  await expect(postWith(page, replyText)).toBeVisible();
  await expect(page.locator("#post-2")).toContainText(replyText);

  // A visitor without JavaScript reads the thread.
  const visitor = await newPage({ javaScriptEnabled: false });
  await visitor.goto(threadPath);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(postWith(visitor, opening)).toBeVisible();
  await expect(postWith(visitor, replyText)).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Log in to reply" })).toBeVisible();
});

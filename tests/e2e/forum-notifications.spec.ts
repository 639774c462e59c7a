import { expect, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, postReply, postUrl, postWith, uniqueTitle, uniqueWord, watchSocket } from "./support/forum";

/** The header bell's accessible name carries the unread count; none (or zero) when all is read. */
const nothingUnread = /^Notifications\b(?!.*[1-9])/;

test("a mention raises the mentioned person's notification count live, and the notification leads to the post", async ({
  page: mentioned,
  newPage,
}) => {
  test.slow();
  const [category] = await forumCategories(mentioned);
  await signUp(mentioned, { person: newPerson("mentioned") });
  const title = uniqueTitle("Who knows grant reporting");
  const thread = await createThread(mentioned, { category: category!.name, title, body: `Asking around ${uniqueWord()}` });
  const handle = (await mentioned.locator("#post-1 .post-author .muted").textContent())!.trim();
  expect(handle).toMatch(/^@[a-z0-9-]+$/);

  // The mentioned person is somewhere else entirely, with nothing unread yet.
  const socket = watchSocket(mentioned);
  await mentioned.goto("/directory?tab=organizations");
  const bell = mentioned.getByRole("banner").locator('a[href="/notifications"]');
  await expect(bell).toHaveAccessibleName(nothingUnread);
  await socket.connected();

  const author = await newPage();
  const authorPerson = await signUp(author, { person: newPerson("mentioner") });
  await author.goto(thread.path);
  await postReply(author, `${handle} has done this before, ask them ${uniqueWord()}`);

  await expect(bell).toHaveAccessibleName(/^Notifications\b.*\b1\b/);
  await expect(mentioned).toHaveURL("/directory?tab=organizations");

  await bell.click();
  await expect(mentioned.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  const notification = mentioned
    .getByRole("list", { name: "Notifications" })
    .getByRole("link", { name: `${authorPerson.displayName} mentioned you in “${title}”` });
  await expect(notification).toBeVisible();
  await notification.click();
  await expect(mentioned).toHaveURL(postUrl(thread.id, 2));
  const post = mentioned.locator("#post-2");
  await expect(post.getByRole("link", { name: handle, exact: true })).toHaveAttribute("href", `/u/${handle.slice(1)}`);
  await expect(postWith(mentioned, handle)).toHaveCount(1);
  // Opening it marked it read.
  await expect(bell).toHaveAccessibleName(nothingUnread);
});

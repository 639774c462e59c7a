import { expect, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import {
  anyReactionButton,
  createThread,
  forumCategories,
  markDocument,
  postReply,
  postUrl,
  postWith,
  reactionButton,
  stillSameDocument,
  uniqueTitle,
  uniqueWord,
  watchSocket,
} from "./support/forum";

// Two people in two browser contexts; each test waits until the watching page's socket has
// joined its room before the other person acts, so nothing depends on timing.
test.describe.configure({ mode: "parallel" });

test("an open thread shows another person's reply, their edit, and sends a reaction back, all without reloading", async ({
  page: reader,
  newPage,
}) => {
  test.slow();
  const [category] = await forumCategories(reader); // signed out: public categories only
  await signUp(reader, { person: newPerson("reader") });
  const writer = await newPage();
  const writerPerson = await signUp(writer, { person: newPerson("writer") });

  const readerSocket = watchSocket(reader);
  const opening = `Opening post ${uniqueWord()}`;
  const thread = await createThread(reader, { category: category!.name, title: uniqueTitle("Live thread"), body: opening });
  await readerSocket.joined(`thread:${thread.id}`);
  await markDocument(reader);

  // A reply appears on the reader's page.
  const writerSocket = watchSocket(writer);
  await writer.goto(thread.path);
  const replyText = `Live reply ${uniqueWord()}`;
  await postReply(writer, replyText);
  const replyOnReader = postWith(reader, replyText);
  await expect(replyOnReader).toBeVisible();
  await expect(replyOnReader).toContainText(writerPerson.displayName);

  // The writer's edit replaces the text on the reader's page.
  await postWith(writer, replyText).getByRole("link", { name: "Edit", exact: true }).click();
  await expect(writer.getByRole("heading", { level: 1 })).toHaveText("Edit post");
  const editedText = `Edited reply ${uniqueWord()}`;
  await writer.getByLabel("Post (Markdown)").fill(editedText);
  await writer.getByRole("button", { name: "Save changes" }).click();
  await expect(writer).toHaveURL(postUrl(thread.id, 2));
  const editedOnReader = postWith(reader, editedText);
  await expect(editedOnReader).toBeVisible();
  await expect(editedOnReader.getByRole("link", { name: "edited" })).toBeVisible();
  await expect(postWith(reader, replyText)).toHaveCount(0);
  expect(await stillSameDocument(reader), "the reader's page reloaded").toBe(true);

  // Nobody may react to their own post: no reaction buttons there, on either side.
  const ownOnWriter = postWith(writer, editedText);
  await expect(ownOnWriter).toBeVisible();
  await expect(anyReactionButton(ownOnWriter)).toHaveCount(0);
  await expect(anyReactionButton(postWith(reader, opening))).toHaveCount(0);
  await expect(anyReactionButton(postWith(writer, opening))).toHaveCount(3);

  // The reader says thanks; the writer sees the count arrive.
  await writerSocket.joined(`thread:${thread.id}`);
  await markDocument(writer);
  const thanks = reactionButton(editedOnReader, "Thanks", 0);
  await expect(thanks).toHaveAttribute("aria-pressed", "false");
  await thanks.click();
  await expect(reactionButton(editedOnReader, "Thanks", 1)).toHaveAttribute("aria-pressed", "true");
  await expect(ownOnWriter.locator(".reaction")).toHaveText("Thanks 1");
  expect(await stillSameDocument(writer), "the writer's page reloaded").toBe(true);
  expect(await stillSameDocument(reader), "the reader's page reloaded").toBe(true);
});

test("a new thread appears on an open category page without reloading", async ({ page: visitor, newPage }) => {
  test.slow();
  const [category] = await forumCategories(visitor);
  const socket = watchSocket(visitor);
  await visitor.goto(`/c/${category!.slug}`);
  await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(category!.name);
  await socket.joined(/^category:\d+$/);
  await markDocument(visitor);

  const author = await newPage();
  await signUp(author, { person: newPerson("starter") });
  const title = uniqueTitle("Fresh thread");
  await createThread(author, { category: category!.name, title, body: `Just started ${uniqueWord()}` });

  await expect(visitor.getByRole("list", { name: "Threads" }).getByRole("link", { name: title })).toBeVisible();
  expect(await stillSameDocument(visitor), "the category page reloaded").toBe(true);
});

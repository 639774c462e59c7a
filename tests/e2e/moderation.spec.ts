import { expect, test, failedResource } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import { createThread, forumCategories, markDocument, postReply, postWith, seriousViolations, stillSameDocument, uniqueTitle, uniqueWord, watchSocket } from "./support/forum";
import type { Page } from "@playwright/test";

test.describe.configure({ mode: "parallel" });

/** The @handle of the signed-in person, from the account menu's profile link. */
async function ownHandle(page: Page) {
  await page.goto("/");
  const href = await page.locator("header details.menu").getByRole("link", { name: "Your profile", includeHidden: true }).getAttribute("href");
  return href!.replace("/u/", "");
}

/**
 * The `recognition:toast` events the server pushes to this page's sockets (its user room). There
 * is no toast component on main yet (the recognition UI branch adds it), so the test reads what
 * the browser receives: socket.io frames `42["recognition:toast",{…}]`.
 */
function recordToasts(page: Page) {
  const toasts: { message: string; points?: number; total?: number }[] = [];
  page.on("websocket", (socket) => {
    if (!socket.url().includes("/socket.io/")) return;
    socket.on("framereceived", ({ payload }) => {
      const match = /^42(\[.*\])$/s.exec(String(payload));
      if (!match) return;
      const [event, body] = JSON.parse(match[1]!) as [string, { message: string; points?: number; total?: number }];
      if (event === "recognition:toast") toasts.push(body);
    });
  });
  return toasts;
}

test("a member flags a post; a moderator sees it arrive live in the queue and hides it", async ({ page: moderator, newPage, loginAs }) => {
  test.slow();
  const author = await newPage();
  const authorToasts = recordToasts(author);
  // A demo partner: only people affiliated with a partner organization earn points.
  await loginAs("member", author);
  const [category] = await forumCategories(author);
  const thread = await createThread(author, { category: category!.name, title: uniqueTitle("Flag me"), body: `Opening ${uniqueWord()}` });
  const spam = `Cheap licences at example.test ${uniqueWord()}`;
  await postReply(author, spam);
  // The recognition engine credits the reply live (its toast carries the points and the total).
  await expect.poll(() => authorToasts.find((toast) => toast.message.includes("Reply posted")), { message: "reply credited" }).toBeTruthy();
  const credited = authorToasts.find((toast) => toast.message.includes("Reply posted"))!;

  const queueSocket = watchSocket(moderator);
  await loginAs("moderator", moderator);
  await expect(moderator.getByRole("link", { name: /^Review/ })).toBeVisible();
  await moderator.goto("/mod/queue");
  await expect(moderator.getByRole("heading", { level: 1, name: "Review queue" })).toBeVisible();
  await queueSocket.joined("moderators");
  await markDocument(moderator);
  expect(await seriousViolations(moderator)).toEqual([]);

  const flagger = await newPage();
  await signUp(flagger, { person: newPerson("flagger") });
  await flagger.goto(thread.path);
  const post = postWith(flagger, spam);
  await post.getByRole("button", { name: "Flag" }).click();
  const dialog = flagger.getByRole("dialog", { name: "Flag this post" });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(flagger)).toEqual([]);
  await dialog.getByRole("radio", { name: "Spam" }).check();
  await dialog.getByRole("button", { name: "Send flag" }).click();
  await expect(dialog).toBeHidden();
  await expect(post.getByText("Flagged — thank you")).toBeVisible();

  // Without reloading, the moderator's queue shows the flagged post.
  const item = moderator.locator("article.queue-item", { hasText: spam });
  await expect(item).toBeVisible();
  await expect(item.getByText("Spam by")).toBeVisible();
  expect(await stillSameDocument(moderator), "the queue page reloaded").toBe(true);

  await item.getByLabel("Reason (optional)").fill("Advertising");
  await item.getByRole("button", { name: "Agree: hide" }).click();
  await expect(moderator.getByRole("status").filter({ hasText: "Settled: hidden." })).toBeVisible();
  await expect(moderator.locator("article.queue-item", { hasText: spam })).toHaveCount(0);

  // The author's points for the hidden reply are reversed, and they are told live.
  const isReversal = (toast: { message: string }) => toast.message.includes("Reply posted (reversed)");
  await expect.poll(() => authorToasts.some(isReversal), { message: "points reversed" }).toBe(true);
  const reversal = authorToasts.find(isReversal)!;
  expect(credited.points).toBeGreaterThan(0);
  expect(reversal.points).toBe(-credited.points!);
  expect(reversal.total).toBe(credited.total! - credited.points!);

  // Hidden for other members; its author is told why.
  await flagger.goto(thread.path);
  await expect(postWith(flagger, spam)).toHaveCount(0);
  await author.goto("/account/notices");
  await expect(author.getByText(/hid your post .*Advertising/)).toBeVisible();

  // The audit log has the decision, and its pages pass axe.
  await moderator.goto("/mod/audit?action=review.");
  await expect(moderator.getByRole("cell", { name: "review.agreed" }).first()).toBeVisible();
  expect(await seriousViolations(moderator)).toEqual([]);
});

test("a moderator awards a badge to a helpful member, who is told and sees it on their profile", async ({ page: moderator, newPage, loginAs, browserErrors }) => {
  test.slow();
  const helper = await newPage();
  const helperToasts = recordToasts(helper);
  // A demo partner (affiliated, so they earn), who has not had this badge yet.
  await loginAs("mentor", helper);
  const handle = await ownHandle(helper);

  await loginAs("moderator", moderator);
  await moderator.goto("/mod/awards");
  expect(await seriousViolations(moderator)).toEqual([]);

  // Self-award is refused at the recipient field.
  browserErrors.allow(failedResource(403, "/mod/awards"));
  const self = await ownHandle(moderator);
  await moderator.goto("/mod/awards");
  await moderator.getByLabel("Recipient (@handle)").fill(`@${self}`);
  await moderator.getByLabel("Badge (for a badge)").selectOption({ label: "Great write-up: Wrote a guide or answer others keep coming back to." });
  await moderator.getByLabel("Reason (shown on their profile)").fill("Me, obviously");
  await moderator.getByRole("button", { name: "Award", exact: true }).click();
  await expect(moderator.getByText("You cannot award yourself: ask another moderator.")).toBeVisible();

  await moderator.getByLabel("Recipient (@handle)").fill(`@${handle}`);
  await moderator.getByLabel("Reason (shown on their profile)").fill("Patient answers for new partners");
  await moderator.getByRole("button", { name: "Award", exact: true }).click();
  await expect(moderator.getByRole("status").filter({ hasText: `Awarded to @${handle}.` })).toBeVisible();

  // The helper, sitting on the home page, receives the recognition engine's live toast.
  await expect.poll(() => helperToasts.some((toast) => toast.message.includes("Great write-up")), { message: "badge toast" }).toBe(true);
  // The award also shows in the recipient's moderation messages, notifications and profile.
  await helper.goto("/notifications");
  await expect(helper.getByText(/You earned the badge “Great write-up”/)).toBeVisible();
  // (A demo account has several notices, so the banner's "Read" links are ambiguous: open the page.)
  await helper.goto("/account/notices");
  await expect(helper.getByText(/awarded you the “Great write-up” badge: Patient answers for new partners/)).toBeVisible();
  await helper.goto(`/u/${handle}`);
  await expect(helper.getByRole("heading", { name: "Recognized by the moderators" })).toBeVisible();
  await expect(helper.getByText("Patient answers for new partners")).toBeVisible();
});

test("members see no moderation links and get 404 for moderation pages", async ({ page, browserErrors }) => {
  await signUp(page, { person: newPerson("member") });
  await expect(page.getByRole("link", { name: /^Review/ })).toHaveCount(0);
  browserErrors.allow(failedResource(404, "/mod/queue"));
  const response = await page.goto("/mod/queue");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("moderator tools and admin pages render and pass axe", async ({ page, newPage, loginAs }) => {
  test.slow();
  const author = await newPage();
  await signUp(author, { person: newPerson("tools") });
  const handle = await ownHandle(author);
  const [category] = await forumCategories(author);
  const thread = await createThread(author, { category: category!.name, title: uniqueTitle("Tools"), body: `Opening ${uniqueWord()}` });
  const text = `A reply to moderate ${uniqueWord()}`;
  await postReply(author, text);

  await loginAs("moderator", page);
  await page.goto(thread.path);
  await postWith(page, text).getByRole("link", { name: "Moderate" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Moderate post 2");
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Lock" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done." })).toBeVisible();
  await expect(page.getByText("Thread locked")).toBeVisible();

  await page.goto(`/mod/users/${handle}`);
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel("Reason (the person sees it)").fill("Testing the suspension form");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Suspended until" })).toBeVisible();
  await author.goto("/");
  await expect(author.getByText(/Your account is suspended until .*Testing the suspension form/)).toBeVisible();

  await loginAs("admin", page);
  for (const path of ["/admin/settings", "/admin/categories", "/admin/health"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await expect(page.getByText("Outbox backlog")).toBeVisible();
});

import { expect, failedResource, test } from "./support/fixtures";
import { createThread, forumCategories, markDocument, postWith, stillSameDocument, reactionButton, uniqueTitle, uniqueWord, violationsLightAndDark, watchSocket } from "./support/forum";

/**
 * Recognition as people meet it: a reaction earns its author points that arrive live (a toast
 * and the header score) and then show on the leaderboard and in the profile's explanation.
 * Demo accounts, because only members of a partner organization earn points.
 */
test("B sees a toast and a higher header score within a second of A's reaction; the leaderboard and profile explain the +5", async ({
  page: a,
  newPage,
  loginAs,
}) => {
  test.slow();
  const b = await newPage();
  await loginAs("member", a);
  const bSocket = watchSocket(b);
  await loginAs("mentor", b);
  await bSocket.connected();
  const bName = (await b.locator("header .menu-label").textContent())!.trim();
  const score = b.getByTestId("header-score");
  const bHandle = (await score.getAttribute("href"))!.split("/")[2]!;

  const [category] = await forumCategories(a);
  const body = `Which backup tier for a food bank? ${uniqueWord()}`;
  const title = uniqueTitle("Backup tier");
  const thread = await createThread(b, { category: category!.name, title, body });
  // Starting the thread earns B points too: let that toast land before reading the score.
  await expect(b.getByTestId("recognition-toast").filter({ hasText: "Thread started" })).toBeVisible();
  await bSocket.connected();
  const before = Number(await score.locator(".header-points").textContent());

  // A visitor watching this week's leaderboard.
  const watcher = await newPage();
  const watcherSocket = watchSocket(watcher);
  await watcher.goto("/leaderboard?period=week");
  await watcherSocket.joined("leaderboard");
  await markDocument(watcher);
  const bRow = watcher.locator(".leaderboard-row").filter({ has: watcher.getByRole("link", { name: bName, exact: true }) });
  const weekly = parseInt((await bRow.locator(".leaderboard-points").textContent())!, 10);

  // B moves from their profile (a page that reloads nothing live) to the leaderboard on a slow
  // connection: the server reads B's score now, before the reaction, but the answer reaches the
  // browser only after the reaction's toast.
  await b.goto(`/u/${bHandle}`);
  await bSocket.connected();
  let deliver!: () => void;
  const delivered = new Promise<void>((resolve) => (deliver = resolve));
  let answered!: () => void;
  const answeredBeforeReaction = new Promise<void>((resolve) => (answered = resolve));
  await b.route("**/leaderboard.data*", async (route) => {
    const response = await route.fetch();
    answered();
    await delivered;
    await route.fulfill({ response });
  });
  await b.getByRole("navigation").getByRole("link", { name: "Leaderboard" }).click();
  await answeredBeforeReaction;

  await a.goto(thread.path);
  const like = reactionButton(postWith(a, body), "Like", 0);
  await like.click();
  await expect(reactionButton(postWith(a, body), "Like", 1)).toHaveAttribute("aria-pressed", "true");

  // The engine, the outbox and the socket together: within a second of the reaction being stored.
  const toast = b.getByRole("status").getByTestId("recognition-toast").filter({ hasText: "+5 points: Reaction received" });
  await expect(toast).toBeVisible({ timeout: 1_000 });
  await expect(score.locator(".header-points")).toHaveText(String(before + 5), { timeout: 1_000 });
  // The leaderboard moved for the visitor, without reloading the page.
  await expect(bRow.locator(".leaderboard-points")).toHaveText(`${weekly + 5} points`);
  expect(await stillSameDocument(watcher), "the leaderboard page reloaded").toBe(true);
  // Toasts never take focus, and close on request.
  await expect(toast.getByRole("button")).not.toBeFocused();
  await toast.getByRole("button", { name: /Dismiss/ }).click();
  await expect(toast).toHaveCount(0);

  // The page data read before the reaction lands now: the header keeps the newer total.
  deliver();
  await expect(b.getByRole("heading", { level: 1, name: "Leaderboard" })).toBeVisible();
  await b.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  expect(await score.locator(".header-points").textContent()).toBe(String(before + 5));
  await b.unroute("**/leaderboard.data*");

  await b.goto("/leaderboard?period=week");
  await expect(b.getByRole("list", { name: /People, this week/ }).getByRole("link", { name: bName })).toBeVisible();
  await expect(b.getByRole("note")).toContainText("Your position");

  await b.goto(`/u/${bHandle}/recognition`);
  const line = b.locator(".ledger-line").filter({ hasText: "Reaction received" }).filter({ hasText: title }).first();
  await expect(line).toContainText("+5");
  await expect(line.getByRole("link", { name: title })).toHaveAttribute("href", new RegExp(`^/t/${thread.id}/`));
});

test("the leaderboard, badges, a profile's recognition tab and the admin rules page have no serious axe violations", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("admin", page);
  const handle = (await page.getByTestId("header-score").getAttribute("href"))!.split("/")[2]!;
  for (const path of ["/leaderboard", "/leaderboard?board=organizations&period=all", "/badges", `/u/${handle}/recognition`, "/admin/recognition"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await violationsLightAndDark(page), path).toEqual([]);
  }
});

test("an admin's bad rule value is refused at its field and keeps what was typed", async ({ page, loginAs, browserErrors }) => {
  browserErrors.allow(failedResource(400, "/admin/recognition"));
  await loginAs("admin", page);
  await page.goto("/admin/recognition");
  const points = page.getByLabel("Points for Reaction received");
  await points.fill("-3");
  await page.getByRole("button", { name: "Publish new version" }).click();
  await expect(page.getByText("Points cannot be negative.")).toBeVisible();
  await expect(page.getByLabel("Points for Reaction received")).toHaveValue("-3");
  await expect(page.getByLabel("Points for Reaction received")).toHaveAttribute("aria-invalid", "true");
});

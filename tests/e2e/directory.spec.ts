import { expect, failedResource, test } from "./support/fixtures";
import { markDocument, stillSameDocument, uniqueWord, violationsLightAndDark, watchSocket } from "./support/forum";

// The demo mentor, Rosa Martínez, speaks Spanish; the demo member finds her through the directory.
const MENTOR_NAME = "Rosa Martínez";

test("a member finds a person with a facet, follows them and messages them; the message arrives live, and nobody else can open the conversation", async ({
  page: member,
  newPage,
  loginAs,
  browserErrors,
}) => {
  test.slow();
  await loginAs("member");
  await member.getByRole("link", { name: "Directory", exact: true }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Directory" })).toBeVisible();

  // A facet narrows the list; the filters are in the URL.
  await member.getByLabel("Name, title, expertise or bio").fill("rosa");
  await member.getByRole("group", { name: "Language" }).getByLabel(/^Spanish \(\d+\)$/).check();
  await member.getByRole("button", { name: "Apply filters" }).click();
  await expect(member).toHaveURL(/[?&]language=Spanish/);
  await expect(member).toHaveURL(/[?&]q=rosa/);
  const people = member.getByRole("list", { name: "People" });
  await expect(people.getByRole("link", { name: MENTOR_NAME })).toBeVisible();

  // Her profile: follow, then message.
  await people.getByRole("link", { name: MENTOR_NAME }).click();
  await expect(member.getByRole("heading", { level: 1, name: MENTOR_NAME })).toBeVisible();
  const follow = member.getByRole("button", { name: `Follow ${MENTOR_NAME}`, exact: true });
  await expect(follow).toHaveAttribute("aria-pressed", "false");
  await follow.click();
  await expect(follow).toHaveAttribute("aria-pressed", "true");
  await expect(follow).toHaveText("Following");
  await member.getByRole("link", { name: "Send a message" }).click();
  const first = `Could we talk about migrations? ${uniqueWord()}`;
  await member.getByLabel("Message", { exact: true }).fill(first);
  await member.getByRole("button", { name: "Send", exact: true }).click();
  await expect(member).toHaveURL(/\/messages\/[\w-]+$/);
  const conversationPath = new URL(member.url()).pathname;
  const conversationId = conversationPath.split("/").pop()!;
  await expect(member.getByRole("list", { name: "Messages" })).toContainText(first);

  // The mentor opens the conversation in her own browser and waits, listening.
  const mentor = await newPage();
  const mentorSocket = watchSocket(mentor);
  await loginAs("mentor", mentor);
  await mentor.goto(conversationPath);
  await expect(mentor.getByRole("list", { name: "Messages" })).toContainText(first);
  await mentorSocket.joined(`conversation:${conversationId}`);
  await markDocument(mentor);

  const second = `Thursday **works** for me ${uniqueWord()}`;
  await member.getByLabel("Your message").fill(second);
  await member.getByRole("button", { name: "Send", exact: true }).click();
  const arrived = mentor.getByRole("list", { name: "Messages" }).getByText(second.replace("**works**", "works"));
  await expect(arrived).toBeVisible();
  await expect(mentor.getByRole("list", { name: "Messages" }).locator("strong", { hasText: "works" }).last()).toBeVisible();
  expect(await stillSameDocument(mentor), "the mentor's page reloaded").toBe(true);

  // Away from the conversation, the mentor hears of the next message in the notification centre,
  // live: who wrote, never the words.
  await mentor.goto("/notifications");
  await mentorSocket.connected();
  const third = `One more thing ${uniqueWord()}`;
  await member.getByLabel("Your message").fill(third);
  await member.getByRole("button", { name: "Send", exact: true }).click();
  await expect(member.getByRole("list", { name: "Messages" })).toContainText(third);
  const notice = mentor.getByRole("list", { name: "Notifications" }).getByRole("link", { name: /^Unread: .+ sent you a message$/ });
  await expect(notice).toBeVisible();
  await expect(mentor.getByRole("banner").locator('a[href="/notifications"]')).toHaveAccessibleName(/^Notifications\b.*\b[1-9]/);
  await expect(mentor.getByText(third)).toHaveCount(0);

  // A third person gets "not found", as for a conversation that never existed.
  const outsider = await newPage();
  await loginAs("council", outsider);
  browserErrors.allow(failedResource(404, conversationPath));
  const response = await outsider.goto(conversationPath);
  expect(response?.status()).toBe(404);
  await expect(outsider.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(outsider.getByText(first)).toHaveCount(0);
});

test.describe("accessibility of the directory pages", () => {
  const pages = ["/directory?language=Spanish", "/directory?tab=organizations&segment=nonprofits", "/messages", "/messages/new", "/following"];
  for (const path of pages) {
    test(`${path} has no serious or critical axe violations`, async ({ page, loginAs }) => {
      test.slow();
      await loginAs("member");
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      expect(await violationsLightAndDark(page)).toEqual([]);
    });
  }

  test("a conversation page has no serious or critical axe violations", async ({ page, loginAs }) => {
    test.slow();
    await loginAs("member");
    await page.goto("/messages");
    await page.getByRole("list", { name: "Conversations" }).getByRole("link").first().click();
    await expect(page.getByRole("list", { name: "Messages" })).toBeVisible();
    expect(await violationsLightAndDark(page)).toEqual([]);
  });
});

import type { Cookie, Page } from "@playwright/test";
import { expect, failedResource, test } from "./support/fixtures";
import { newPerson, signUp } from "./support/auth";
import {
  createThread,
  forumCategories,
  postReply,
  postWith,
  reactionButton,
  uniqueTitle,
  uniqueWord,
  violationsLightAndDark,
} from "./support/forum";

/** A thread worth checking: formatted Markdown, a reply with a mention, a reaction, an accepted answer, an edit. */
interface Sample {
  categorySlug: string;
  threadPath: string;
  historyPath: string;
  word: string;
  /** The replier's session: they see reaction buttons on the opening post and tools on their own. */
  viewer: Cookie[];
}

let sample: Sample;

test.describe.configure({ mode: "parallel" });

// Each worker that runs these tests builds its own sample once.
test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL;
  const asker = await browser.newContext({ baseURL });
  const replier = await browser.newContext({ baseURL });
  try {
    const askerPage = await asker.newPage();
    const replierPage = await replier.newPage();
    const [category] = await forumCategories(askerPage);
    await signUp(askerPage, { person: newPerson("a11y-asker") });
    await signUp(replierPage, { person: newPerson("a11y-replier") });
    const word = uniqueWord();
    const opening = [
      `How do you report volunteer hours to a funder? We use ${word} today.`,
      "## What we tried",
      "1. A shared spreadsheet\n2. The CRM's activity log",
      "> Funders want totals per quarter.",
      "```sql\nselect sum(hours) from volunteer_shifts;\n```",
      "| Quarter | Hours |\n| --- | --- |\n| Q1 | 420 |",
      "More in the [program guide](https://example.com/guide).",
    ].join("\n\n");
    const thread = await createThread(askerPage, { category: category!.name, title: uniqueTitle("Volunteer hours"), body: opening });
    const askerHandle = (await askerPage.locator("#post-1 .post-author .muted").textContent())!.trim();

    await replierPage.goto(thread.path);
    const answer = `Per quarter totals from the shift log, ${askerHandle}: **export** them as \`csv\`.`;
    await postReply(replierPage, answer);

    await askerPage.reload();
    const reply = postWith(askerPage, "Per quarter totals");
    await expect(reply).toBeVisible();
    await reactionButton(reply, "Thanks", 0).click();
    await expect(reactionButton(reply, "Thanks", 1)).toBeVisible();
    await reply.getByRole("button", { name: "Accept answer" }).click();
    await expect(reply.getByText("Accepted answer", { exact: true })).toBeVisible();

    await askerPage.locator("#post-1").getByRole("link", { name: "Edit", exact: true }).click();
    await askerPage.getByLabel("Post (Markdown)").fill(`${opening}\n\nEdit: the funder also asked for volunteer counts.`);
    await askerPage.getByRole("button", { name: "Save changes" }).click();
    const history = askerPage.locator("#post-1").getByRole("link", { name: "edited" });
    await expect(history).toBeVisible();

    sample = {
      categorySlug: category!.slug,
      threadPath: thread.path,
      historyPath: (await history.getAttribute("href"))!,
      word,
      viewer: await replier.cookies(),
    };
  } finally {
    await asker.close();
    await replier.close();
  }
});

interface Check {
  name: string;
  path: () => string;
  signedOut?: boolean;
  status?: number;
  prepare?: (page: Page) => Promise<void>;
}

const checks: Check[] = [
  { name: "the forum", path: () => "/forum" },
  { name: "a category", path: () => `/c/${sample.categorySlug}` },
  { name: "a thread with replies", path: () => sample.threadPath },
  { name: "a thread with replies, signed out", path: () => sample.threadPath, signedOut: true },
  { name: "new thread", path: () => "/new-thread" },
  {
    name: "new thread showing field errors",
    path: () => "/new-thread",
    status: 400,
    prepare: async (page) => {
      await page.getByRole("button", { name: "Post thread" }).click();
      await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    },
  },
  {
    name: "search results",
    path: () => `/search?q=${sample.word}`,
    prepare: async (page) => {
      await expect(page.getByRole("list", { name: "Results" }).locator("mark").first()).toBeVisible();
    },
  },
  { name: "a post's edit history", path: () => sample.historyPath },
];

for (const check of checks) {
  test(`${check.name} has no serious accessibility violations, light or dark`, async ({ page, browserErrors }) => {
    test.slow(); // axe's colour-contrast pass takes seconds on a busy machine
    if (check.status) browserErrors.allow(failedResource(check.status, check.path()));
    if (!check.signedOut) await page.context().addCookies(sample.viewer);
    await page.goto(check.path());
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check.prepare?.(page);
    const found = await violationsLightAndDark(page);
    expect(found, `${check.path()}:\n${found.join("\n")}`).toEqual([]);
  });
}

import crypto from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, failedResource, test } from "./support/fixtures";
import { signUp } from "./support/auth";

/** Serious and critical axe findings on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function handleOf(page: Page) {
  const href = await page.locator("header details.menu a", { hasText: "Your profile" }).getAttribute("href");
  return href!.replace("/u/", "");
}

const inputDate = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a council from creation to a logged decision, invisible to a partner outside it", async ({ page, newPage, loginAs, browserErrors }) => {
  test.setTimeout(480_000); // four people through a whole council cycle, on a busy 2-core machine
  const canary = `Canary${crypto.randomBytes(4).toString("hex")}`;
  const chairPage = await newPage();
  const memberPage = await newPage();
  const outsiderPage = await newPage();
  await signUp(chairPage);
  await signUp(memberPage);
  await signUp(outsiderPage);
  const [chairHandle, memberHandle] = [await handleOf(chairPage), await handleOf(memberPage)];

  // The admin creates the council and invites two partners.
  await loginAs("admin");
  await page.goto("/councils");
  await page.getByLabel("Name").fill(`Council ${canary}`);
  await page.getByLabel("Objective").fill("Advise on the partner programme.");
  await page.getByLabel("Meeting frequency").fill("Quarterly");
  await page.getByLabel("Expected commitment").fill("Four meetings a year");
  await page.getByLabel("Confidentiality terms").fill("What is said here stays here.");
  await page.getByRole("button", { name: "Create council" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Council ${canary}` })).toBeVisible();
  const councilPath = new URL(page.url()).pathname;
  for (const [handle, role] of [
    [chairHandle, "Chair"],
    [memberHandle, "Member"],
  ] as const) {
    await page.goto(`${councilPath}/roster`);
    await page.getByLabel("Handle").fill(handle);
    await page.getByLabel("Role").selectOption({ label: role });
    await page.getByLabel("Term ends").fill(inputDate(365));
    await page.getByRole("button", { name: "Send invitation" }).click();
    await expect(page.getByRole("cell", { name: "Invited" }).first()).toBeVisible();
  }

  // Both accept and acknowledge the terms; until then the door says why it is closed.
  browserErrors.allow(failedResource(403, councilPath));
  for (const person of [chairPage, memberPage]) {
    await person.goto(councilPath);
    await person.getByRole("button", { name: "Accept invitation" }).click();
    await expect(person.getByText("acknowledge the current confidentiality terms before you enter", { exact: false })).toBeVisible();
    await person.getByRole("button", { name: "I acknowledge these terms" }).click();
    await expect(person.getByRole("heading", { name: "Private threads" })).toBeVisible();
    await expect(person.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Councils" })).toBeVisible();
  }
  expect(await seriousViolations(memberPage)).toEqual([]);

  // A private thread with the canary.
  await chairPage.getByRole("link", { name: "New private thread" }).click();
  await chairPage.getByLabel("Title").fill(`Pricing ${canary} thoughts`);
  await chairPage.getByLabel("Your post (Markdown)").fill(`Confidential numbers: ${canary}.`);
  await chairPage.getByRole("button", { name: "Post thread" }).click();
  await expect(chairPage.getByRole("heading", { name: `Pricing ${canary} thoughts` })).toBeVisible();
  const threadPath = new URL(chairPage.url()).pathname;

  // The chair schedules a meeting with an agenda.
  await chairPage.goto(`${councilPath}/meetings`);
  await chairPage.getByLabel("Title").fill(`Kick-off ${canary}`);
  await chairPage.getByLabel("Date and time").fill(`${inputDate(7)}T10:00`);
  await chairPage.getByLabel("Time zone").fill("UTC");
  await chairPage.getByLabel("Location").fill("Video call");
  await chairPage.getByRole("button", { name: "Schedule meeting" }).click();
  await expect(chairPage.getByRole("heading", { name: `Kick-off ${canary}` })).toBeVisible();
  const meetingPath = new URL(chairPage.url()).pathname;
  await chairPage.getByLabel("Agenda item").fill("Welcome and introductions");
  await chairPage.getByLabel("Owner (handle, optional)").fill(chairHandle);
  await chairPage.getByRole("button", { name: "Add to agenda" }).click();
  await expect(chairPage.getByRole("listitem").filter({ hasText: "Welcome and introductions" })).toBeVisible();
  expect(await seriousViolations(chairPage)).toEqual([]);

  // The member drafts a proposal; the chair opens voting; both vote.
  await memberPage.goto(`${councilPath}/proposals`);
  await memberPage.getByLabel("Title").fill(`Proposal ${canary}`);
  await memberPage.getByLabel("Proposal (Markdown)").fill("Count community-sector deals at **1.5x**.");
  await memberPage.getByRole("button", { name: "Save draft" }).click();
  await expect(memberPage.getByRole("heading", { name: `Proposal ${canary}` })).toBeVisible();
  const proposalPath = new URL(memberPage.url()).pathname;
  await chairPage.goto(proposalPath);
  await chairPage.getByLabel("Voting closes").fill(`${inputDate(2)}T12:00`);
  await chairPage.getByRole("button", { name: "Open voting" }).click();
  // Wait for the opened ballot before navigating: leaving at once can cancel the submission.
  await expect(chairPage.getByLabel("Yes")).toBeVisible();
  for (const voter of [chairPage, memberPage]) {
    await voter.goto(proposalPath);
    await voter.getByLabel("Yes").check();
    await voter.getByRole("button", { name: "Cast my vote" }).click();
    await expect(voter.getByText("now: Yes", { exact: false })).toBeVisible();
  }
  await chairPage.getByLabel("Decided at meeting (optional)").selectOption({ label: `Kick-off ${canary}` });
  await chairPage.getByRole("button", { name: "Close voting and record the decision" }).click();
  await expect(chairPage.getByText("Turnout: 2 of 2 voting members")).toBeVisible();
  await memberPage.goto(`${councilPath}/proposals`);
  await expect(memberPage.getByRole("region", { name: "Decision log" }).getByRole("link", { name: `Proposal ${canary}` })).toBeVisible();

  // A third partner learns nothing, anywhere.
  const outsider = outsiderPage;
  await outsider.goto("/");
  await expect(outsider.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Councils" })).toHaveCount(0);
  await outsider.goto("/councils");
  await expect(outsider.getByText("You are not on a council at the moment.")).toBeVisible();
  await expect(outsider.locator("body")).not.toContainText(canary);
  for (const path of [councilPath, `${councilPath}/roster`, `${councilPath}/proposals`, `${councilPath}/meetings`, meetingPath, proposalPath, threadPath]) {
    browserErrors.allow(failedResource(404, path));
    const response = await outsider.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(outsider.locator("body")).not.toContainText(canary);
  }
  expect(await seriousViolations(outsider)).toEqual([]);
  // Search echoes the query itself, so there the promise is "no results".
  await outsider.goto(`/search?q=${canary}`);
  await expect(outsider.getByText(`No posts match “${canary}”`)).toBeVisible();
  for (const path of ["/latest", "/forum", `/u/${chairHandle}`, "/notifications"]) {
    await outsider.goto(path);
    await expect(outsider.locator("body")).not.toContainText(canary);
  }
  await expect(outsider.getByText(canary)).toHaveCount(0);
});

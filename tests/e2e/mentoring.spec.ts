import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, failedResource, test } from "./support/fixtures";
import { signUp } from "./support/auth";

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `[${violation.impact}] ${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

const MENTOR_NAME = "Rosa Martínez";

test("a mentee finds a mentor, the mentor accepts, both confirm a session, and the mentorship completes with feedback", async ({
  page,
  newPage,
  loginAs,
}) => {
  test.slow(); // two people, a dozen round trips and four axe passes on a busy machine
  const mentee = await signUp(page);

  // The mentee says what they need and gets ranked mentors with the reasons.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentoring" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Mentoring" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("link", { name: "Find a mentor" }).click();
  await page.getByLabel("Your goals").fill("Plan our first cloud migration for a food bank.");
  await page.getByRole("checkbox", { name: "Cloud migration" }).check();
  await page.getByLabel("Preferred languages").fill("English");
  await page.getByLabel("Segment you work in").selectOption("nonprofits");
  await page.getByRole("button", { name: "Find mentors" }).click();
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: MENTOR_NAME }) });
  await expect(card).toBeVisible();
  await expect(card).toContainText("topics 1/1");
  await expect(card).toContainText("same language (English)");
  await expect(card).toContainText("places left");
  await expect(card).toContainText("knows nonprofits");
  expect(await seriousViolations(page)).toEqual([]);

  // …asks Rosa, with a message.
  await card.getByText(`Ask ${MENTOR_NAME} to mentor you`).click();
  await card.getByLabel(`Message to ${MENTOR_NAME}`).fill("Hello Rosa, could you help us plan our first migration?");
  await card.getByRole("button", { name: "Send request" }).click();
  await expect(page).toHaveURL(/\/mentoring\/m\/[A-Za-z0-9_-]{16}$/);
  const mentorshipUrl = new URL(page.url()).pathname;
  await expect(page.getByText(`Waiting for ${MENTOR_NAME}`)).toBeVisible();

  // The mentor accepts.
  const mentor = await newPage();
  await loginAs("mentor", mentor);
  await mentor.goto("/mentoring");
  await expect(mentor.getByRole("region", { name: "Requests to you" }).getByRole("link", { name: mentee.displayName })).toBeVisible();
  await mentor.goto(mentorshipUrl);
  await mentor.getByRole("button", { name: "Accept request" }).click();
  await expect(mentor.getByRole("main").getByRole("status")).toHaveText("Request accepted. The mentorship is active.");

  // The mentee logs a session and adds a note; the mentor confirms the session.
  await page.reload();
  await page.getByText("Log a session").click();
  await page.getByLabel("Length in minutes").fill("45");
  await page.getByLabel("Summary (optional)").fill("Discovery checklist");
  await page.getByRole("button", { name: "Log session" }).click();
  await expect(page.getByText("Waiting for confirmation")).toBeVisible();
  await page.getByLabel("Add a note").fill("Next: **price the assessment**");
  await page.getByRole("button", { name: "Save note" }).click();
  await expect(page.locator(".prose strong", { hasText: "price the assessment" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await mentor.reload();
  await mentor.getByRole("button", { name: /Confirm session/ }).click();
  await expect(mentor.getByText("Confirmed by both")).toBeVisible();

  // The mentee completes it; both give feedback, once each.
  await page.reload();
  await page.getByText("End the mentorship").click();
  await page.getByLabel("Why is it ending?").selectOption("completed");
  await page.getByRole("button", { name: "End mentorship" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Mentorship ended. Please leave your feedback below.");
  await page.getByRole("radio", { name: "5" }).check();
  await page.getByLabel("Comment (optional)").fill("Clear and practical.");
  await page.getByRole("button", { name: "Send feedback" }).click();
  await expect(page.getByText(`You rated ${MENTOR_NAME} 5/5`)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send feedback" })).toHaveCount(0);

  await mentor.reload();
  await expect(mentor.getByText(`${mentee.displayName} has left feedback`)).toBeVisible();
  await mentor.getByRole("radio", { name: "4" }).check();
  await mentor.getByRole("button", { name: "Send feedback" }).click();
  await expect(mentor.getByText(`${mentee.displayName} rated the mentorship 5/5: “Clear and practical.”`)).toBeVisible();
  expect(await seriousViolations(mentor)).toEqual([]);

  // The mentor's notification centre told them about the request.
  await mentor.goto("/notifications");
  await expect(mentor.getByRole("link", { name: `${mentee.displayName} asked you to be their mentor` })).toBeVisible();
});

test("a third person gets the page-not-found for someone else's mentorship", async ({ page, newPage, loginAs, browserErrors }) => {
  await loginAs("member");
  await page.goto("/mentoring");
  const link = page.getByRole("region", { name: "My mentors" }).getByRole("link").first();
  const path = await link.getAttribute("href");
  expect(path).toMatch(/^\/mentoring\/m\//);
  browserErrors.allow(failedResource(404, path!));
  const stranger = await newPage();
  await signUp(stranger);
  const response = await stranger.goto(path!);
  expect(response?.status()).toBe(404);
  await expect(stranger.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("the mentor profile and the admin's programme page pass axe", async ({ page, newPage, loginAs }) => {
  test.slow(); // axe's colour-contrast pass over the load table takes seconds on a busy machine
  await loginAs("mentor");
  await page.goto("/mentoring/profile");
  await expect(page.getByRole("checkbox", { name: "Accepting new mentees" })).toBeChecked();
  expect(await seriousViolations(page)).toEqual([]);
  const admin = await newPage();
  await loginAs("admin", admin);
  await admin.goto("/admin/mentoring");
  await expect(admin.getByRole("heading", { name: "Load across mentors" })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: MENTOR_NAME })).toBeVisible();
  expect(await seriousViolations(admin)).toEqual([]);
});

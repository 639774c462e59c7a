import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";
import { accountMenu, fillSignup, newPerson, PARTNER_ADMIN_ORG, signUp } from "./support/auth";

/** The partner admin's way in: the account menu's "Manage organization". */
async function openManagePage(page: Page) {
  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Manage organization" }).click();
  await expect(page).toHaveURL(`/orgs/${PARTNER_ADMIN_ORG.slug}/manage`);
  await expect(page.getByRole("heading", { level: 1, name: `Manage ${PARTNER_ADMIN_ORG.name}` })).toBeVisible();
}

test("a partner admin approves a join request and the newcomer becomes a member", async ({ page, newPage, loginAs }) => {
  const newcomer = await signUp(page, { organization: PARTNER_ADMIN_ORG.name });
  await expect(page.getByRole("main").getByRole("status")).toContainText(`Your request to join ${PARTNER_ADMIN_ORG.name} is waiting`);

  const admin = await newPage();
  await loginAs("partneradmin", admin);
  await openManagePage(admin);
  const requests = admin.getByRole("list", { name: "Pending join requests" });
  await expect(requests).toContainText(newcomer.email);
  await admin.getByRole("button", { name: `Approve ${newcomer.displayName}` }).click();
  await expect(admin.getByRole("main").getByRole("status")).toHaveText("Request approved: they are now a member.");
  await expect(admin.getByText(newcomer.email)).toHaveCount(0);

  await page.reload();
  await expect(page.getByText(`You are a member of ${PARTNER_ADMIN_ORG.name}.`)).toBeVisible();
  await page.getByRole("link", { name: PARTNER_ADMIN_ORG.name }).click();
  await expect(page.getByRole("region", { name: "People" })).toContainText(newcomer.displayName);
});

test("an invitation link makes a new visitor a member at once", async ({ page, newPage, loginAs }) => {
  await loginAs("partneradmin");
  await openManagePage(page);
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/signup\?invitation=\S+$/);

  const visitor = await newPage();
  await visitor.goto(link);
  await expect(visitor.getByRole("main").getByRole("status")).toContainText(`You were invited to join ${PARTNER_ADMIN_ORG.name}`);
  await expect(visitor.getByLabel("Your partner organization")).toHaveCount(0);
  const person = newPerson("invited");
  await fillSignup(visitor, person);
  await visitor.getByRole("button", { name: "Create account" }).click();
  await expect(visitor).toHaveURL("/");
  await expect(visitor.getByText(`You are a member of ${PARTNER_ADMIN_ORG.name}.`)).toBeVisible();

  // A link works once: the next visitor is told so.
  const late = await newPage();
  await late.goto(link);
  await expect(late.getByRole("alert")).toContainText("That invitation link has expired or was already used");
});

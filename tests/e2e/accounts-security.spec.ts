import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { generate } from "otplib";
import { expect, failedResource, test } from "./support/fixtures";
import { accountMenu, logOut, newPerson, PARTNER_ADMIN_ORG, signUp, type Credentials } from "./support/auth";

/**
 * Issue 8's security end to end: two-factor sign-in with an authenticator code and with a
 * recovery code, and single sign-on through a real OpenID provider (oidc-provider, started by
 * tests/e2e/support/serve.ts before the server and configured as its OIDC_ISSUER).
 * Every page the person sees is checked with axe.
 */
async function expectAccessible(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

/** The code an authenticator app shows, `steps` 30-second steps from now (the app's library). */
const totp = (secret: string, steps = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

async function passwordStep(page: Page, person: Credentials) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/login/two-factor");
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor sign-in" })).toBeVisible();
}

async function secondStep(page: Page, code: string) {
  await page.getByLabel("Code", { exact: true }).fill(code);
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Turns two-factor on from the security page, as a person typing the key into their app. */
async function enableTwoFactor(page: Page) {
  await page.goto("/settings/security");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Two-factor authentication" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  // A person without a camera types the key in by hand; the test does the same.
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expectAccessible(page);
  await page.getByLabel("Code from your app").fill(await totp(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Two-factor authentication is on" })).toBeVisible();
  const recoveryCodes = await page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await expectAccessible(page);
  return { secret, recoveryCodes };
}

test("two-factor: turn it on, sign out, and sign in with the password and a code from the app", async ({ page }) => {
  test.slow();
  const person = await signUp(page);
  const { secret } = await enableTwoFactor(page);

  await logOut(page);
  await passwordStep(page, person);
  await expect(accountMenu(page)).toHaveCount(0);
  await expectAccessible(page);
  // The enrolment spent this step's code (no replay): the app shows the next one soon enough.
  await secondStep(page, await totp(secret, 1));
  await expect(page).toHaveURL("/");
  await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);
});

test("two-factor: a recovery code signs in once, and cannot be used again", async ({ page, browserErrors }) => {
  test.slow();
  const person = await signUp(page);
  const { recoveryCodes } = await enableTwoFactor(page);

  await logOut(page);
  await passwordStep(page, person);
  await secondStep(page, recoveryCodes[0]!);
  await expect(page).toHaveURL("/");
  await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);

  await logOut(page);
  await passwordStep(page, person);
  browserErrors.allow(failedResource(400, "/login/two-factor"));
  await secondStep(page, recoveryCodes[0]!);
  const field = page.getByLabel("Code", { exact: true });
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/does not match/);
  await expect(page).toHaveURL("/login/two-factor");
  await expect(accountMenu(page)).toHaveCount(0);
  await expectAccessible(page);
  await secondStep(page, recoveryCodes[1]!);
  await expect(page).toHaveURL("/");
  await page.goto("/settings/two-factor");
  await expect(page.getByText("8 unused recovery codes left.")).toBeVisible();
  await expectAccessible(page);
});

async function portalSignIn(page: Page, who: { email: string; name: string; organization?: string }) {
  await page.goto("/login");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign in with your partner portal" }).click();
  // The provider's own sign-in page, on another origin.
  await expect(page.getByRole("heading", { level: 1, name: "Partner portal sign-in" })).toBeVisible();
  expect(new URL(page.url()).pathname).toMatch(/^\/interaction\//);
  await expectAccessible(page);
  await page.getByLabel("Portal email").fill(who.email);
  await page.getByLabel("Full name").fill(who.name);
  if (who.organization) await page.getByLabel("Partner organization").fill(who.organization);
  await page.getByRole("button", { name: "Continue to Partner Community" }).click();
  await expect(page).toHaveURL("/");
  await expect(accountMenu(page)).toBeVisible();
}

test("single sign-on through the partner portal creates the account, in the portal's organization, and finds it again", async ({ page, newPage }) => {
  test.slow();
  const person = newPerson("portal");
  await portalSignIn(page, { email: person.email, name: person.displayName, organization: PARTNER_ADMIN_ORG.slug });
  await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);
  await expectAccessible(page);
  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Your profile" }).click();
  await expect(page.getByRole("main").getByRole("link", { name: PARTNER_ADMIN_ORG.name })).toHaveAttribute("href", `/orgs/${PARTNER_ADMIN_ORG.slug}`);
  await expectAccessible(page);

  // Another browser (the portal remembers this one): the same account again, now on two devices.
  const laptop = await newPage();
  await portalSignIn(laptop, { email: person.email, name: person.displayName });
  await expect(accountMenu(laptop).locator("summary")).toContainText(person.displayName);
  await laptop.goto("/settings/security");
  await expect(laptop.getByRole("table").getByRole("row")).toHaveCount(3);
  await expect(laptop.getByRole("row", { name: /this device/ })).toHaveCount(1);
  await expectAccessible(laptop);
});

test("single sign-on links an account made with a password, by the address the portal confirms", async ({ page }) => {
  test.slow();
  const person = await signUp(page);
  await logOut(page);
  await portalSignIn(page, { email: person.email, name: "Someone Else Entirely" });
  // The existing account, not a new one named after the portal's profile.
  await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);
});

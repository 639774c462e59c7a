import { expect, failedResource, test } from "./support/fixtures";
import { formPost } from "./support/forms";
import { accountMenu, fillSignup, logIn, logOut, newPerson, PARTNER_ADMIN_ORG } from "./support/auth";

// Server-rendered forms: everything below must work before (or without) the JavaScript bundle.
test.use({ javaScriptEnabled: false });

test("sign up, log out, log in and edit the profile without JavaScript", async ({ page, browserErrors }) => {
  browserErrors.allow(failedResource(400, "/signup"));
  const person = newPerson("nojs");

  await page.goto("/signup");
  await fillSignup(page, { ...person, password: "short" }, PARTNER_ADMIN_ORG.name);
  const refused = formPost(page, "/signup");
  await page.getByRole("button", { name: "Create account" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 10 characters/);
  await expect(page.getByLabel("Work email")).toHaveValue(person.email);
  await expect(page.getByLabel("Your partner organization")).toHaveValue(/\d+/);

  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome back, ${person.displayName}`);
  await expect(page.getByRole("main").getByRole("status")).toContainText(`Your request to join ${PARTNER_ADMIN_ORG.name} is waiting`);

  await logOut(page);
  await logIn(page, person);

  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Edit profile" }).click();
  await page.getByLabel("Title").fill("Grants and volunteer programs");
  await page.getByLabel("Time zone").selectOption("America/Chicago");
  await page.getByLabel("Languages").fill("English, Spanish");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Profile saved.");
  await page.goto("/settings/profile");
  await expect(page.getByLabel("Title")).toHaveValue("Grants and volunteer programs");
  await expect(page.getByLabel("Time zone")).toHaveValue("America/Chicago");
  await expect(page.getByLabel("Languages")).toHaveValue("English, Spanish");
});

test("a wrong password is refused without JavaScript", async ({ page, browserErrors }) => {
  browserErrors.allow(failedResource(400, "/login"));
  await page.goto("/login");
  await page.getByLabel("Email").fill(`nobody-${Date.now()}@e2e.partners.test`);
  await page.getByLabel("Password").fill("not-the-password-1");
  const refused = formPost(page, "/login");
  await page.getByRole("button", { name: "Log in" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText("That email and password do not match an account.");
});

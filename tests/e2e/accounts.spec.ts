import { expect, failedResource, test } from "./support/fixtures";
import { formPost, literally } from "./support/forms";
import { accountMenu, fillSignup, logIn, logOut, newPerson, PARTNER_ADMIN_ORG, signUp } from "./support/auth";

test.describe("sign up", () => {
  test("a new person who chooses an organization lands home signed in, with the request pending", async ({ page }) => {
    const person = await signUp(page, { organization: PARTNER_ADMIN_ORG.name });
    await expect(page.getByRole("main").getByRole("status")).toContainText(`Your request to join ${PARTNER_ADMIN_ORG.name} is waiting`);
    await expect(accountMenu(page).locator("summary")).toContainText(person.displayName);
  });

  const cases = [
    {
      name: "an empty email",
      change: { email: "" },
      field: "Work email",
      message: "Enter your email address.",
    },
    {
      name: "a malformed email",
      change: { email: "dana.at.example" },
      field: "Work email",
      message: "Enter a valid email address, like name@example.com.",
    },
    {
      name: "a too-short password",
      change: { password: "short" },
      field: "Password",
      message: "Use at least 10 characters for the password.",
    },
    {
      name: "an over-long display name",
      change: { displayName: "D".repeat(61) },
      field: "Display name",
      message: "Keep the display name to 60 characters or fewer.",
    },
  ];
  for (const { name, change, field, message } of cases) {
    test(`${name} is refused at its field with a 400, keeping what was typed`, async ({ page, browserErrors }) => {
      browserErrors.allow(failedResource(400, "/signup"));
      const person = { ...newPerson("invalid"), ...change };
      await page.goto("/signup");
      await fillSignup(page, person, PARTNER_ADMIN_ORG.name);
      const response = formPost(page, "/signup");
      await page.getByRole("button", { name: "Create account" }).click();
      expect((await response).status()).toBe(400);

      const input = page.getByLabel(field);
      await expect(input).toHaveAttribute("aria-invalid", "true");
      await expect(input).toHaveAccessibleDescription(literally(message));
      await expect(page).toHaveURL("/signup");
      await expect(page.getByLabel("Work email")).toHaveValue(person.email);
      await expect(page.getByLabel("Display name")).toHaveValue(person.displayName);
      await expect(page.getByLabel("Your partner organization")).toHaveValue(/\d+/);
      await expect(page.getByLabel("Password")).toHaveValue("");
    });
  }

  test("an email that already has an account is refused at the email field", async ({ page, newPage, browserErrors }) => {
    browserErrors.allow(failedResource(400, "/signup"));
    const existing = await signUp(await newPage());
    const person = { ...newPerson("duplicate"), email: existing.email };
    await page.goto("/signup");
    await fillSignup(page, person);
    const response = formPost(page, "/signup");
    await page.getByRole("button", { name: "Create account" }).click();
    // A field error like the others: 400, the message at the email field.
    expect((await response).status()).toBe(400);
    const email = page.getByLabel("Work email");
    await expect(email).toHaveAccessibleDescription(/An account with this email already exists/);
    await expect(email).toHaveValue(existing.email);
    await expect(page.getByLabel("Display name")).toHaveValue(person.displayName);
    await expect(page.getByLabel("Password")).toHaveValue("");
  });
});

test.describe("log in and out", () => {
  test("log out, then log back in", async ({ page }) => {
    const person = await signUp(page);
    await logOut(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("The community where partners carry each other");
    await logIn(page, person);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Welcome back, ${person.displayName}`);
  });

  test("a wrong password and an unknown email get the same message", async ({ page, browserErrors }) => {
    browserErrors.allow(failedResource(400, "/login"));
    const person = await signUp(page);
    await logOut(page);

    const attempt = async (email: string, password: string) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      const response = formPost(page, "/login");
      await page.getByRole("button", { name: "Log in" }).click();
      expect((await response).status()).toBe(400);
      const alert = page.getByRole("alert");
      await expect(alert).toBeVisible();
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await expect(page.getByLabel("Password")).toHaveValue("");
      return alert.textContent();
    };
    const wrongPassword = await attempt(person.email, "not-the-password-1");
    const unknownEmail = await attempt(`nobody-${Date.now()}@e2e.partners.test`, person.password);
    expect(wrongPassword).toBe("That email and password do not match an account.");
    expect(unknownEmail).toBe(wrongPassword);
  });

  test("logging in from a protected page returns there", async ({ page }) => {
    const person = await signUp(page);
    await logOut(page);
    await page.goto("/settings/profile");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Fprofile$/);
    await page.getByLabel("Email").fill(person.email);
    await page.getByLabel("Password").fill(person.password);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page).toHaveURL("/settings/profile");
    await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  });
});

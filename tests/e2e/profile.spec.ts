import { expect, failedResource, test } from "./support/fixtures";
import { formPost } from "./support/forms";
import { accountMenu, signUp } from "./support/auth";

test("profile changes persist after a reload", async ({ page }) => {
  await signUp(page);
  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Edit profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();

  const profile = {
    displayName: `Ingrid Renamed ${Date.now().toString(36)}`,
    title: "Solutions architect",
    bio: "Nonprofit CRM rollouts on grant budgets; ask me about volunteer data.",
    timeZone: "Europe/Oslo",
    languages: "Norwegian, English",
  };
  await page.getByLabel("Display name").fill(profile.displayName);
  await page.getByLabel("Title").fill(profile.title);
  await page.getByLabel("Bio").fill(profile.bio);
  await page.getByLabel("Time zone").selectOption(profile.timeZone);
  await page.getByLabel("Languages").fill(profile.languages);
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Profile saved.");

  await page.reload();
  await expect(page.getByLabel("Display name")).toHaveValue(profile.displayName);
  await expect(page.getByLabel("Title")).toHaveValue(profile.title);
  await expect(page.getByLabel("Bio")).toHaveValue(profile.bio);
  await expect(page.getByLabel("Time zone")).toHaveValue(profile.timeZone);
  await expect(page.getByLabel("Languages")).toHaveValue(profile.languages);
  await expect(accountMenu(page).locator("summary")).toContainText(profile.displayName);
});

test("an over-long title and an unknown time zone are refused at their fields", async ({ page, browserErrors }) => {
  browserErrors.allow(failedResource(400, "/settings/profile"));
  await signUp(page);
  await page.goto("/settings/profile");
  const title = "T".repeat(101);
  await page.getByLabel("Title").fill(title);
  // The list offers only real zones; a tampered submission must still be refused.
  await page
    .getByLabel("Time zone")
    .evaluate((select: HTMLSelectElement) => (select.options[select.selectedIndex].value = "Mars/Olympus_Mons"));
  const response = formPost(page, "/settings/profile");
  await page.getByRole("button", { name: "Save profile" }).click();
  expect((await response).status()).toBe(400);

  await expect(page.getByLabel("Title")).toHaveAccessibleDescription(/Keep the title to 100 characters or fewer\./);
  await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Title")).toHaveValue(title);
  await expect(page.getByLabel("Time zone")).toHaveAccessibleDescription("Choose a time zone from the list.");
  await expect(page.getByRole("main").getByRole("status")).toHaveCount(0);

  await page.reload();
  await expect(page.getByLabel("Title")).toHaveValue("");
});

import { expect, failedResource, test } from "./support/fixtures";
import { signUp } from "./support/auth";

test("an admin changes another person's role, and that person's access follows", async ({ page, newPage, loginAs }) => {
  const someone = await newPage();
  const person = await signUp(someone);
  await expect(someone.getByRole("link", { name: "Admin" })).toHaveCount(0);

  await loginAs("admin");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People and roles" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search people" }).fill(person.email);
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("row")).toHaveCount(2);
  const role = page.getByLabel(`Role for ${person.displayName}`, { exact: true });
  await expect(role).toHaveValue("member");
  await role.selectOption({ label: "Admin" });
  await page.getByRole("button", { name: `Save role for ${person.displayName}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText("Role changed.");

  await page.reload();
  await expect(page.getByLabel(`Role for ${person.displayName}`, { exact: true })).toHaveValue("admin");
  await someone.reload();
  await expect(someone.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toBeVisible();
});

test("someone who is not an admin gets a 404 from the admin pages", async ({ page, browserErrors, loginAs }) => {
  browserErrors.allow(failedResource(404, "/admin/users"));
  await loginAs("moderator");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
});

test("an unknown address shows the 404 page with status 404", async ({ page, browserErrors }) => {
  browserErrors.allow(failedResource(404, "/no/such/page"));
  browserErrors.allow(failedResource(404, "/orgs/no-such-partner"));
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await expect(page).toHaveTitle(/./);
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL("/");

  const organization = await page.goto("/orgs/no-such-partner");
  expect(organization?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});

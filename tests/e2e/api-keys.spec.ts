import { expect, test } from "./support/fixtures";
import { violationsLightAndDark } from "./support/forum";

/**
 * An admin creates an integration key, sees it in full exactly once, and revokes it; the API then
 * refuses it. The page passes axe in light and dark.
 */
test("an admin creates an API key, sees it once, and revokes it", async ({ page, loginAs }) => {
  await loginAs("admin");
  await page.goto("/admin/api-keys");
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();
  await expect(page.getByRole("link", { name: "OpenAPI description" })).toHaveAttribute("href", "/api/v1/openapi.json");

  const name = `Learning platform ${Date.now()}`;
  await page.getByLabel("Name (the system that will use it)").fill(name);
  await page.getByRole("button", { name: "Create key" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("shown only this once");
  const key = await page.getByLabel("New API key").inputValue();
  expect(key).toMatch(/^pck_[0-9a-f]{10}_[A-Za-z0-9_-]{43}$/);
  const row = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name }) });
  await expect(row).toContainText(`${key.slice(0, 14)}_…`);
  await expect(row).toContainText("Never");
  expect(await violationsLightAndDark(page)).toEqual([]);

  await page.reload();
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  expect(await page.content()).not.toContain(key.slice(15));

  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText(`Revoked “${name}”`);
  await expect(row).toContainText("Revoked");

  const refused = await page.request.post("/api/v1/events", {
    headers: { authorization: `Bearer ${key}`, "idempotency-key": "e2e-1", "content-type": "application/json" },
    data: { type: "certification_earned", person: { email: "someone@example.com" } },
  });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe("revoked_key");
});

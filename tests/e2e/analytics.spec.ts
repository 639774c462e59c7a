import { fileURLToPath } from "node:url";
import { expect, failedResource, test } from "./support/fixtures";
import { PARTNER_ADMIN_ORG } from "./support/auth";
import { violationsLightAndDark } from "./support/forum";

const SAMPLE = fileURLToPath(new URL("../../docs/samples/program-performance.csv", import.meta.url));

/**
 * Program analytics as an admin meets it: import the sample file, then read engagement against
 * revenue as a scatter chart (hover names a point) and as a table, with nothing axe calls serious.
 */
test("an admin imports the sample file and sees the scatter chart and the table", async ({ page, loginAs }) => {
  test.slow();
  await loginAs("admin");
  await page.goto("/analytics/import");
  await page.getByLabel("Program performance file (CSV)").setInputFiles(SAMPLE);
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.locator(".alert-success")).toContainText(/Imported 130 rows from program-performance\.csv/);
  await expect(page.getByRole("table", { name: "Recent imports" })).toContainText("program-performance.csv");

  await page.goto("/analytics?period=2026");
  const table = page.getByRole("table", { name: "Organizations, 2026" });
  const northwind = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Northwind Cloud Partners" }) });
  await expect(northwind).toBeVisible();
  // Revenue for 2026 is the sum of the eleven monthly rows: a number, formatted, not a dash.
  await expect(northwind.getByRole("cell").nth(7)).toHaveText(/^\d{1,3}(,\d{3})+$/);

  const scatter = page.getByTestId("engagement-scatter");
  await expect(scatter.locator("figcaption")).toHaveText("Engagement points against revenue, 2026");
  const points = scatter.locator(".recharts-scatter-symbol");
  await expect(points).toHaveCount(12);
  await points.first().hover();
  await expect(page.getByTestId("scatter-tooltip")).toContainText(/Engagement points: /);
  await expect(page.getByTestId("trend-chart").locator(".recharts-line")).toHaveCount(2);

  expect(await violationsLightAndDark(page)).toEqual([]);
});

test("a bad file is refused line by line", async ({ page, loginAs, browserErrors }) => {
  test.slow();
  browserErrors.allow(failedResource(422, "/analytics/import"));
  await loginAs("admin");
  await page.goto("/analytics/import");
  await page.getByLabel("Program performance file (CSV)").setInputFiles({
    name: "bad.csv",
    mimeType: "text/csv",
    buffer: Buffer.from("organization,period,revenue,registered_deals,won_deals,certifications,tier\nnobody,2026-01,5,1,1,0,gold\nandes-digital,2026-01,lots,1,1,0,silver\n"),
  });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert")).toContainText("Nothing was imported: 2 rows have problems in bad.csv");
  const errors = page.getByRole("table", { name: "Rows to fix" });
  await expect(errors.getByRole("row").filter({ hasText: 'unknown organization "nobody"' })).toContainText("2");
  await expect(errors.getByRole("row").filter({ hasText: 'bad number for revenue "lots"' })).toContainText("3");
  expect(await violationsLightAndDark(page)).toEqual([]);
});

test("a partner admin sees only their own organization; a member sees no analytics", async ({ page, loginAs, newPage, browserErrors }) => {
  test.slow();
  browserErrors.allow(failedResource(404, "/analytics"));
  await loginAs("partneradmin");
  await page.goto("/analytics");
  await expect(page).toHaveURL(`/analytics/orgs/${PARTNER_ADMIN_ORG.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(PARTNER_ADMIN_ORG.name);
  const other = await page.goto("/analytics/orgs/northwind-cloud-partners");
  expect(other?.status()).toBe(404);
  const csv = await page.request.get("/analytics/export/organizations");
  expect(csv.status()).toBe(403);

  const member = await newPage();
  await loginAs("member", member);
  expect((await member.goto("/analytics"))?.status()).toBe(404);
  expect((await member.goto("/analytics/import"))?.status()).toBe(404);
});

import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, failedResource, test } from "./support/fixtures";
import { accountMenu, PARTNER_ADMIN_ORG } from "./support/auth";
import type { DemoAccountKey } from "../../db/seed/data/demo-accounts";

type Violations = Awaited<ReturnType<AxeBuilder["analyze"]>>["violations"];

/** Serious and critical axe violations on the page as it is now, one readable paragraph each. */
async function seriousViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return report(violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical"));
}

function report(violations: Violations) {
  return violations.map((violation) =>
    [
      `[${violation.impact}] ${violation.id}: ${violation.help} (${violation.helpUrl})`,
      ...violation.nodes.map((node) => `    ${node.target.join(" ")}\n      ${node.failureSummary?.replaceAll("\n", "\n      ")}`),
    ].join("\n"),
  );
}

const organizationPage = `/orgs/${PARTNER_ADMIN_ORG.slug}`;

interface Check {
  name: string;
  path: string;
  as?: DemoAccountKey;
  status?: number;
  /** Brings the page into the state to check, after it has loaded. */
  prepare?: (page: Page) => Promise<void>;
}

const checks: Check[] = [
  { name: "home, signed out", path: "/" },
  { name: "sign up", path: "/signup" },
  {
    name: "sign up showing field errors",
    path: "/signup",
    status: 400,
    prepare: async (page) => {
      await page.getByLabel("Work email").fill("not-an-email");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByLabel("Work email")).toHaveAttribute("aria-invalid", "true");
    },
  },
  { name: "log in", path: "/login" },
  { name: "organizations", path: "/orgs" },
  { name: "an organization", path: organizationPage },
  { name: "404", path: "/no-such-page", status: 404 },
  { name: "home, signed in", path: "/", as: "member" },
  {
    name: "home with the account menu open",
    path: "/",
    as: "partneradmin",
    prepare: async (page) => {
      await accountMenu(page).locator("summary").click();
      await expect(accountMenu(page).getByRole("link", { name: "Edit profile" })).toBeVisible();
    },
  },
  { name: "profile", path: "/settings/profile", as: "member" },
  { name: "an organization, as its partner admin", path: organizationPage, as: "partneradmin" },
  { name: "manage organization", path: `${organizationPage}/manage`, as: "partneradmin" },
  {
    name: "manage organization with a new invitation link",
    path: `${organizationPage}/manage`,
    as: "partneradmin",
    prepare: async (page) => {
      await page.getByRole("button", { name: "Create invitation link" }).click();
      await expect(page.getByLabel("Invitation link")).toBeVisible();
    },
  },
  { name: "admin: people and roles", path: "/admin/users", as: "admin" },
];

test.describe.configure({ mode: "parallel" });

// One page load per check: the colour scheme switches live, so light and dark share it.
for (const check of checks) {
  test(`${check.name} (${check.path}) has no serious accessibility violations, light or dark`, async ({
    page,
    loginAs,
    browserErrors,
  }) => {
    test.slow(); // axe's colour-contrast pass over a long table takes seconds on a busy machine
    if (check.status) browserErrors.allow(failedResource(check.status, check.path));
    if (check.as) await loginAs(check.as);
    await page.goto(check.path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await check.prepare?.(page);
    const found: string[] = [];
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
      found.push(...(await seriousViolations(page)).map((violation) => `${colorScheme}: ${violation}`));
    }
    expect(found, `${check.path}:\n${found.join("\n")}`).toEqual([]);
  });
}

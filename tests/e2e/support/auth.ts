import crypto from "node:crypto";
import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, type DemoAccountKey } from "../../../db/seed/data/demo-accounts";

/** The organization the demo partner admin runs; the seed leaves a join request pending there. */
export const PARTNER_ADMIN_ORG = { name: "Commonwealth Impact Partners", slug: "commonwealth-impact-partners" };

export interface Credentials {
  email: string;
  password: string;
}

export interface Person extends Credentials {
  displayName: string;
}

export function demoAccount(key: DemoAccountKey): Credentials {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.key === key);
  if (!account) throw new Error(`no demo account "${key}"`);
  return { email: account.email, password: account.password };
}

const suffix = () => `${Date.now().toString(36)}${crypto.randomBytes(3).toString("hex")}`;

/** An address nobody else uses, so tests never share (or collide on) accounts. */
export function uniqueEmail(label = "person") {
  return `${label}-${suffix()}@e2e.partners.test`;
}

/** Someone who does not exist yet; pass to signUp. */
export function newPerson(label = "person"): Person {
  const id = suffix();
  return { email: `${label}-${id}@e2e.partners.test`, displayName: `Dana ${label} ${id}`, password: "e2e-password-42" };
}

/** The header's account menu (a <details>): its summary carries the person's display name. */
export const accountMenu = (page: Page) => page.locator("header details.menu");

export async function fillSignup(page: Page, person: Person, organization?: string) {
  await page.getByLabel("Work email").fill(person.email);
  await page.getByLabel("Display name").fill(person.displayName);
  await page.getByLabel("Password").fill(person.password);
  if (organization) await page.getByLabel("Your partner organization").selectOption({ label: organization });
}

/** Signs a new person up through the form (from `path`, e.g. an invitation link) and waits for home. */
export async function signUp(page: Page, options: { person?: Person; organization?: string; path?: string } = {}) {
  const person = options.person ?? newPerson();
  await page.goto(options.path ?? "/signup");
  await fillSignup(page, person, options.organization);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("heading", { level: 1, name: `Welcome back, ${person.displayName}` })).toBeVisible();
  return person;
}

export async function logIn(page: Page, credentials: Credentials) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(credentials.email);
  await page.getByLabel("Password").fill(credentials.password);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page).toHaveURL("/");
  await expect(accountMenu(page)).toBeVisible();
}

export async function logOut(page: Page) {
  const menu = accountMenu(page);
  await menu.locator("summary").click();
  await menu.getByRole("button", { name: "Log out" }).click();
  await expect(page.getByRole("link", { name: "Log in" }).first()).toBeVisible();
  await expect(menu).toHaveCount(0);
}

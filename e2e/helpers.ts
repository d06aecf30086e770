import { expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const DEMO_PASSWORD = "tamkin-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: /^(Se connecter|دخول|Sign in)$/ }).click();
}

/** Sign in and wait to land inside an organisation. */
export async function signInTo(page: Page, email: string, slug: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(new RegExp(`/${slug}$`));
}

export async function newSignedInPage(browser: Browser, email: string, slug: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInTo(page, email, slug);
  return { context, page };
}

export async function setLanguage(page: Page, label: "Français" | "العربية" | "English") {
  await page.getByRole("button", { name: label, exact: true }).first().click();
  await page.waitForLoadState("load");
}

/** Serious and critical accessibility violations on the current page. */
export async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export const uniqueEmail = (prefix: string) => `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;

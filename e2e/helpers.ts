import { readFileSync } from "node:fs";
import { expect, type Browser, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { readXlsx } from "../lib/exports/xlsx-read";

export const DEMO_PASSWORD = "tamkin-demo";

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: /^(Se connecter|دخول|Sign in)$/ }).click();
}

/**
 * An entry page ready to work offline: the service worker is installed, controls the page and has
 * kept it with its scripts (lib/offline/register.ts), and the page's requests are done.
 */
export async function offlineReady(page: Page) {
  await expect(page.locator("html[data-offline-ready=true]")).toHaveCount(1, { timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await page.waitForLoadState("networkidle");
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

/**
 * A member added by an admin (e2e: the members page's add form): the invitation's first sign-in
 * with the temporary password, a password of their own, then the invitation from `orgName`
 * accepted on the account page, where a newcomer lands.
 */
export async function acceptFirstInvitation(page: Page, email: string, temporary: string, password: string, orgName: string) {
  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/account\/password$/);
  await page.getByLabel("Mot de passe actuel").fill(temporary);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill(password);
  await page.getByLabel("Confirmer le nouveau mot de passe").fill(password);
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await page
    .getByTestId("invitation")
    .filter({ hasText: orgName })
    .getByRole("button", { name: /Accepter/ })
    .click();
  await expect(page.getByTestId("my-org").filter({ hasText: orgName })).toBeVisible();
}

/** The members page's one form: an invitation by address, with a name and a temporary password. */
export async function addMember(page: Page, name: string, email: string, temporary: string, role?: "Lecteur" | "Éditeur" | "Administrateur") {
  const form = page.getByTestId("add-member-form");
  await form.getByLabel("Nom complet").fill(name);
  await form.getByLabel("E-mail").fill(email);
  if (role) await form.getByLabel("Rôle").selectOption({ label: role });
  await form.getByLabel("Mot de passe provisoire").fill(temporary);
  await form.getByRole("button", { name: "Inviter" }).click();
  await expect(page.getByTestId(`invitation-${email}`)).toBeVisible();
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

/** A small CSV reader (quoted fields, CRLF) for the downloaded files. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (c !== "\r") field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * The table of a downloaded CSV: after the byte-order mark and the block that says what the file
 * is (title, organisation, date, period, filters, disclosure note), which ends with an empty line.
 */
export function csvTable(bytes: Buffer): string[][] {
  const rows = parseCsv(bytes.subarray(3).toString("utf8"));
  const blank = rows.findIndex((r) => r.length === 1 && r[0] === "");
  return blank < 0 ? rows : rows.slice(blank + 1);
}

/**
 * The table as the page shows it: header labels, then each row's cells; a cell written in the
 * reader's grouping ("1 234,5") gives its exact value (`data-value`, what the exports hold).
 */
export async function pageTable(page: Page, testId: string): Promise<string[][]> {
  const table = page.getByTestId(testId);
  // The column headings: the last header row (a row of column-group headings may stand above it).
  const header = await table.locator("thead tr").last().locator("th").allInnerTexts();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => (c.getAttribute("data-value") ?? c.textContent ?? "").trim())));
  return [header.map((h) => h.trim()), ...rows];
}

export async function download(page: Page, testId: string, scope: string) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.getByTestId(scope).locator("..").locator("..").getByTestId(testId).click()]);
  return { name: dl.suggestedFilename(), bytes: readFileSync(await dl.path()) };
}

/**
 * Download a dashboard table as CSV and as XLSX and check that both hold exactly what the page
 * shows (header labels and every cell); returns the table as shown.
 */
export async function expectDownloadsEqualPage(page: Page, testId: string, rtl = false): Promise<string[][]> {
  const shown = await pageTable(page, testId);
  const csv = await download(page, "export-csv", testId);
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csvTable(csv.bytes)).toEqual(shown);

  const xlsx = await download(page, "export-xlsx", testId);
  expect(xlsx.name).toMatch(/\.xlsx$/);
  const { rows, rtl: sheetRtl } = readXlsx(new Uint8Array(xlsx.bytes));
  expect(sheetRtl).toBe(rtl);
  // Empty trailing cells are not written to the sheet; every written cell equals the page's.
  expect(rows).toHaveLength(shown.length);
  expect(rows.map((r) => r.map(String))).toEqual(shown.map((r, i) => r.slice(0, rows[i].length)));
  shown.forEach((r, i) => expect(r.slice(rows[i].length).every((c) => c === "")).toBe(true));
  return shown;
}

/**
 * Switch the interface to Arabic on the current page and check it: right-to-left document, the
 * heading, the table's first header, a right-to-left XLSX sheet with the same header, and no
 * serious accessibility violation.
 */
export async function expectArabicPage(page: Page, heading: string, testId: string, firstHeader: string) {
  await setLanguage(page, "العربية");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  const shown = await pageTable(page, testId);
  expect(shown[0][0]).toBe(firstHeader);
  const xlsx = await download(page, "export-xlsx", testId);
  const { rows, rtl } = readXlsx(new Uint8Array(xlsx.bytes));
  expect(rtl).toBe(true);
  expect(rows[0]).toEqual(shown[0]);
  expect(await seriousViolations(page)).toEqual([]);
}

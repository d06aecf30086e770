import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, signInTo } from "./helpers";

// Edits and archiving of one group (the laundry): in order, each test leaves it as it found it.
test.describe.configure({ mode: "serial" });
test.use({ viewport: { width: 360, height: 780 } });

const valueOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).locator("[data-value]").first().getAttribute("data-value"));

async function laundryUrl(page: Page) {
  await page.goto("/adicor/groups?activity=laundry");
  const href = await page.locator('main a[href^="/adicor/groups/"]').filter({ hasText: "Blanchisserie" }).first().getAttribute("href");
  expect(href).toMatch(/^\/adicor\/groups\/[0-9a-f-]{36}$/);
  return href!;
}

async function rename(page: Page, name: string) {
  await page.getByTestId("edit-group-form").getByLabel("Nom").fill(name);
  await page.getByTestId("edit-group-form").getByRole("button", { name: "Enregistrer les modifications" }).click();
}

test("an editor renames a group from its page at 360 px; the history shows what changed; a second editor with a stale form is told who changed it", async ({
  page,
  browser,
}) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  const url = await laundryUrl(page);
  await page.goto(url);
  const original = (await page.getByTestId("group-name").innerText()).trim();
  await page.getByTestId("edit-link").click();
  await expect(page).toHaveURL(`${url}/edit`);

  // A second editor opens the same form before the first saves.
  const other = await newSignedInPage(browser, "admin@adicor.demo", "adicor");
  await other.page.goto(`${url}/edit`);

  await rename(page, `${original} (renommée)`);
  await expect(page.getByRole("status").filter({ hasText: "Modifications enregistrées" })).toBeVisible();
  // Read aloud "Nom : A devient B"; shown "Nom : A → B".
  const change = page.getByTestId("history-change").first();
  await expect(change).toContainText(`Nom : ${original} →`);
  await expect(change).toContainText(`devient ${original} (renommée)`);
  await page.goto(url);
  await expect(page.getByTestId("group-name")).toHaveText(`${original} (renommée)`);

  await rename(other.page, `${original} (autre)`);
  await expect(other.page.getByText(/Modifié entre-temps par Editor adicor à \d{4}-\d{2}-\d{2} \d{2}:\d{2}/)).toBeVisible();
  await other.page.goto(url);
  await expect(other.page.getByTestId("group-name")).toHaveText(`${original} (renommée)`);
  await other.context.close();

  // Back to its name (the saved version is the one the page now holds).
  await page.goto(`${url}/edit`);
  await rename(page, original);
  await expect(page.getByRole("status").filter({ hasText: "Modifications enregistrées" })).toBeVisible();
});

test("archiving hides the group from new entries and keeps the dashboard's figures; restoring brings it back", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  const url = await laundryUrl(page);
  await page.goto("/adicor/dashboard");
  const total = await valueOf(page, "individual-total-xof");
  const count = await valueOf(page, "individual-count");

  await page.goto(`${url}/edit`);
  await page.getByTestId("archive-form").getByRole("button", { name: "Archiver" }).click();
  await expect(page.getByTestId("archived-note")).toBeVisible();
  await page.goto(url);
  await expect(page.getByTestId("archived-note")).toBeVisible();
  await expect(page.getByTestId("record-entry-form")).toHaveCount(0);
  await page.goto("/adicor/dashboard");
  expect(await valueOf(page, "individual-total-xof")).toBe(total);
  expect(await valueOf(page, "individual-count")).toBe(count);

  await page.goto(`${url}/edit`);
  await page.getByTestId("restore-form").getByRole("button", { name: "Restaurer" }).click();
  await expect(page.getByTestId("edit-group-form")).toBeVisible();
  await page.goto(url);
  await expect(page.getByTestId("archived-note")).toHaveCount(0);
  await expect(page.getByTestId("record-entry-form")).toBeVisible();
});

test("the edit form submits without JavaScript, and reads in Arabic (right to left) and English", async ({ page, browser }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  const url = await laundryUrl(page);
  for (const [locale, title, dir] of [
    ["ar", "تعديل المجموعة", "rtl"],
    ["en", "Edit the group", "ltr"],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 360, height: 780 } });
    const p = await context.newPage();
    await signInTo(p, "editor@adicor.demo", "adicor");
    // After the sign-in, which sets the account's language.
    await context.addCookies([{ name: "tamkin_locale", value: locale, url: String(test.info().project.use.baseURL) }]);
    await p.goto(`${url}/edit`);
    await expect(p.locator("html")).toHaveAttribute("dir", dir);
    await expect(p.getByTestId("edit-title")).toContainText(title);
    // Nothing wider than the phone's screen.
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await context.close();
  }

  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 } });
  const p = await noJs.newPage();
  await signInTo(p, "editor@adicor.demo", "adicor");
  await p.goto(`${url}/edit`);
  const capital = p.getByTestId("edit-group-form").getByLabel("Capital de départ");
  const before = await capital.inputValue();
  await capital.fill(String(Number(before) + 1));
  await p.getByTestId("edit-group-form").getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(p.getByText("Modifications enregistrées")).toBeVisible();
  await p.goto(`${url}/edit`);
  await expect(p.getByTestId("history-change").first()).toContainText("Capital de départ");
  await p.getByTestId("edit-group-form").getByLabel("Capital de départ").fill(before);
  await p.getByTestId("edit-group-form").getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(p.getByText("Modifications enregistrées")).toBeVisible();
  await noJs.close();
});

test("another NGO's editor gets not found for the group's edit page", async ({ page, browser }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  const url = await laundryUrl(page);
  const other = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  const res = await other.page.goto(`${url.replace("/adicor/", "/ong-sahel/")}/edit`);
  expect(res?.status()).toBe(404);
  await other.context.close();
});

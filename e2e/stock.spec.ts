import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, seriousViolations } from "./helpers";

/** The demo's first community shop (its items came with the delivered grouped purchase). */
async function firstShopStock(page: Page) {
  // By its name: the list's order follows the revenue, which other specs' sales move.
  await page.goto("/adicor/groups?activity=shop");
  const shop = await page.getByRole("link", { name: "Boutique communautaire de Fassala", exact: true }).getAttribute("href");
  expect(shop).toMatch(/^\/adicor\/groups\/[0-9a-f-]{36}$/);
  await page.goto(shop!);
  await page.getByTestId("stock-link").click();
  await expect(page).toHaveURL(`${shop}/stock`);
  return `${shop}/stock`;
}

/** The item rows of the stock table: name, expected level and shrinkage (values as exported, digits only). */
async function stockRows(page: Page) {
  return page.getByTestId("stock-item").evaluateAll((rows) =>
    rows.map((r) => ({
      name: r.getAttribute("data-item") ?? "",
      level: Number((r.querySelector('[data-testid="stock-level"]')?.textContent ?? "").replace(/\D/g, "")),
      shrinkage: Number((r.querySelector('[data-testid="stock-shrinkage"]')?.textContent ?? "").replace(/[^\d-]/g, "")),
    })),
  );
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

test("a count at 360 px without JavaScript records the shrinkage: the counts table and the item's shrinkage show it", async ({ browser }) => {
  test.setTimeout(120_000);
  const signedIn = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  const url = await firstShopStock(signedIn.page);
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 780 },
    storageState: await signedIn.context.storageState(),
  });
  const page = await context.newPage();
  await page.goto(url);
  expect(await noSideScroll(page)).toBe(true);
  const before = await stockRows(page);
  expect(before.length).toBeGreaterThan(0);
  // The item with the most in stock: 2 fewer counted than expected.
  const item = before.reduce((a, b) => (b.level > a.level ? b : a));
  expect(item.level).toBeGreaterThanOrEqual(2);
  const form = page.getByTestId("count-form");
  const option = await form
    .getByLabel("Article")
    .locator("option")
    .evaluateAll((os, name) => os.find((o) => (o.textContent ?? "").startsWith(`${name} (`))?.getAttribute("value") ?? "", item.name);
  await form.getByLabel("Article").selectOption(option);
  await form.getByLabel("Compté").fill(String(item.level - 2));
  await form.getByRole("button", { name: "Enregistrer l'inventaire" }).click();
  await expect(page.getByTestId("count-form").getByRole("status")).toHaveText("Inventaire enregistré.");
  // The newest count: what was expected, what was counted, 2 missing.
  const newest = page.getByTestId("stock-count").first();
  await expect(newest).toContainText(item.name);
  await expect(newest.getByTestId("count-shrinkage")).toHaveText("2");
  const after = (await stockRows(page)).find((r) => r.name === item.name)!;
  expect(after).toEqual({ name: item.name, level: item.level - 2, shrinkage: item.shrinkage + 2 });
  expect(await noSideScroll(page)).toBe(true);
  await context.close();
  await signedIn.context.close();
});

test("the stock page and the supply dashboard at 360 px: their tables, no sideways scroll, no serious axe violation", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  await firstShopStock(page);
  await page.setViewportSize({ width: 360, height: 780 });
  await expect(page.getByTestId("stock-counts")).toBeVisible();
  expect(await noSideScroll(page)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto("/adicor/supply");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Approvisionnement");
  // The demo's shops ran out of stock and counted it: both tables have rows.
  await expect(page.getByTestId("table-out-days").locator("tbody tr").first()).toBeVisible();
  await expect(page.getByTestId("table-shrinkage").locator("tbody tr").first()).toBeVisible();
  expect(await noSideScroll(page)).toBe(true);
  expect(await seriousViolations(page)).toEqual([]);
  await context.close();
});

test("another NGO does not find the group's stock page", async ({ browser }) => {
  const adicor = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  const url = await firstShopStock(adicor.page);
  const sahel = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  const response = await sahel.page.goto(url.replace("/adicor/", "/ong-sahel/"));
  expect(response?.status()).toBe(404);
  await adicor.context.close();
  await sahel.context.close();
});

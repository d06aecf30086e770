import { expect, test, type Page } from "@playwright/test";
import { offlineReady, seriousViolations, signInTo } from "./helpers";

/**
 * The picture till (issue 17, point 5): a manager who cannot read records by pictures, a big
 * keypad and the notes and coins of the amount, confirms a picture, and the sale is on the
 * dashboard. In ONG Tadamoun, whose figures no other spec counts, by its editor (whom no other spec uses).
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

const GROUP = "Atelier Tadamoun de Tenhamed";
const today = () => new Date().toISOString().slice(0, 10);

async function openTill(page: Page) {
  await page.goto("/tadamoun/groups");
  await page.getByRole("link", { name: GROUP, exact: true }).click();
  await page.getByTestId("till-link").click();
  await expect(page).toHaveURL(/\/tadamoun\/groups\/[0-9a-f-]{36}\/till$/);
  await expect(page.getByTestId("picture-till")).toHaveAttribute("data-ready", "");
}

/** The group's revenue of today in a currency, as the dashboard's table by group shows it. */
async function revenueToday(page: Page, currency: "XOF" | "MRU") {
  await page.goto(`/tadamoun/dashboard?from=${today()}&to=${today()}`);
  const row = page
    .getByTestId("by-group")
    .locator("tbody tr")
    .filter({ has: page.getByRole("link", { name: GROUP, exact: true }) });
  if ((await row.count()) === 0) return 0;
  return Number(
    await row
      .locator(`[data-value]`)
      .nth(currency === "XOF" ? 0 : 1)
      .getAttribute("data-value"),
  );
}

test.describe("on a phone, by touch, in Arabic", () => {
  test.use({ viewport: { width: 360, height: 740 }, hasTouch: true });

  test("a sale recorded by pictures and the keypad is confirmed by its picture and appears on the dashboard; the pages pass axe", async ({ page }) => {
    await signInTo(page, "editor@tadamoun.demo", "tadamoun");
    // Arabic for this browser only (the account's stored language stays as it is).
    await page.context().addCookies([{ name: "tamkin_locale", value: "ar", url: String(test.info().project.use.baseURL) }]);
    {
      await openTill(page);
      const till = page.getByTestId("picture-till");
      await expect(page.getByTestId("till-step")).toHaveText("ماذا تريدين أن تسجّلي؟");
      expect(await seriousViolations(page)).toEqual([]);
      // Nothing of the page is wider than the phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

      await page.getByTestId("till-kind-sale").tap();
      await page.getByTestId("till-item-none").tap();
      await expect(till).toHaveAttribute("data-step", "amount");
      const label = await page.locator('label[for="till-amount"]').innerText();
      const cur = label.includes("XOF") ? "XOF" : "MRU";
      for (const key of ["2", "5", "0", "0", "back", "0"]) await page.getByTestId(`till-key-${key}`).tap();
      await expect(page.getByTestId("till-amount")).toHaveValue("2,500");
      // The amount in notes and coins, under the figure.
      await expect(till.getByRole("list", { name: "بالأوراق والقطع النقدية" })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("till-check").tap();

      await expect(page.getByTestId("till-step")).toHaveText("هل هذا صحيح؟");
      await expect(page.getByTestId("till-summary-amount")).toHaveText(`+ 2,500 ${cur}`);
      expect(await seriousViolations(page)).toEqual([]);
      const before = await page.evaluate(() => location.pathname);
      const revenueBefore = await (async () => {
        const other = await page.context().newPage();
        const r = await revenueToday(other, cur);
        await other.close();
        return r;
      })();
      await page.getByTestId("till-save").tap();
      await expect(page.getByTestId("till-done")).toContainText("تم التسجيل");
      expect(await page.evaluate(() => location.pathname)).toBe(before);

      expect(await revenueToday(page, cur)).toBe(revenueBefore + 2500);
      // The day's sheet holds it, with the money in.
      await page.goto(`${before}/sheet?date=${today()}&lang=ar`);
      await expect(page.getByTestId("daily-sheet")).toHaveAttribute("dir", "rtl");
      await expect(
        page
          .getByTestId("sheet-in")
          .getByTestId("sheet-entry")
          .filter({ hasText: `2,500 ${cur}` })
          .first(),
      ).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    }
  });
});

test("by keyboard alone, in French: a sale on credit to a new customer, then its repayment in full", async ({ page }) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await openTill(page);
  const till = page.getByTestId("picture-till");
  const customer = `Cliente ${Date.now()}`;
  const press = async (testId: string) => {
    await page.getByTestId(testId).focus();
    await page.keyboard.press("Enter");
  };

  await press("till-kind-credit");
  await expect(page.getByTestId("till-step")).toBeFocused();
  await page.getByLabel("Nouveau client : son nom").focus();
  await page.keyboard.type(customer);
  await page.keyboard.press("Enter");
  await press("till-community-refugee");
  // The amount field takes the focus: digits typed on the keyboard, Enter to go on.
  await expect(page.getByTestId("till-amount")).toBeFocused();
  await page.keyboard.type("1200");
  await expect(page.getByTestId("till-amount")).toHaveValue("1 200");
  await page.keyboard.press("Enter");
  await press("till-due-14");
  await expect(page.getByTestId("till-summary")).toContainText(customer);
  await expect(page.getByTestId("till-summary-amount")).toContainText("− 1 200");
  await press("till-save");
  await expect(page.getByTestId("till-done")).toContainText("Enregistré");

  await press("till-again");
  await press("till-kind-repayment");
  await expect(till).toHaveAttribute("data-step", "credit");
  await page.getByTestId("till-credit").filter({ hasText: customer }).focus();
  await page.keyboard.press("Enter");
  await press("till-all");
  await expect(page.getByTestId("till-amount")).toHaveValue("1 200");
  await press("till-check");
  await expect(page.getByTestId("till-summary-amount")).toContainText("+ 1 200");
  await press("till-save");
  await expect(page.getByTestId("till-done")).toContainText("Enregistré");

  // Repaid in full: the credit no longer waits for a repayment.
  await page.reload();
  await expect(page.getByTestId("picture-till")).toHaveAttribute("data-ready", "");
  await press("till-kind-repayment");
  await expect(page.getByTestId("till-credit").filter({ hasText: customer })).toHaveCount(0);
});

test("an amount above the ceiling comes back to the keypad with the server's message, then a corrected one is saved", async ({ page }) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await openTill(page);
  await page.getByTestId("till-kind-purchase").click();
  await page.getByTestId("till-item-none").click();
  // Twelve digits at most on the keypad.
  for (let i = 0; i < 13; i++) await page.getByTestId("till-key-9").click();
  await expect(page.getByTestId("till-amount")).toHaveValue("999 999 999 999");
  await page.getByTestId("till-check").click();
  await expect(page.getByTestId("till-summary-amount")).toContainText("− 999 999 999 999");
  await page.getByTestId("till-save").click();
  // Above the NGO's ceiling for a purchase: refused by the server, back on the keypad, the field named.
  await expect(page.getByTestId("picture-till")).toHaveAttribute("data-step", "amount");
  await expect(page.getByTestId("till-amount-error")).toContainText(/\d/);
  await expect(page.getByTestId("till-amount")).toHaveAttribute("aria-invalid", "true");
  await page.getByRole("button", { name: "Tout effacer" }).click();
  for (const key of ["3", "000"]) await page.getByTestId(`till-key-${key}`).click();
  await expect(page.getByTestId("till-amount-error")).toHaveCount(0);
  await page.getByTestId("till-check").click();
  await page.getByTestId("till-save").click();
  await expect(page.getByTestId("till-done")).toContainText("Enregistré");
  await expect(page.getByTestId("till-summary-amount")).toContainText("− 3 000");
});

test.describe("offline", () => {
  // The service worker keeps the till (the other specs block it: playwright.config.ts).
  test.use({ serviceWorkers: "allow" });

  test("without a connection, the till opens again and a sale is kept on the phone, sent once the network is back", async ({ page, context }) => {
    await signInTo(page, "editor@tadamoun.demo", "tadamoun");
    const other = await context.newPage();
    const before = { MRU: await revenueToday(other, "MRU"), XOF: await revenueToday(other, "XOF") };
    await other.close();
    await openTill(page);
    // The service worker keeps the till: it opens again in the village, without a connection.
    await offlineReady(page);
    await page.reload();
    await expect(page.getByTestId("picture-till")).toHaveAttribute("data-ready", "");
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId("picture-till")).toHaveAttribute("data-ready", "");
    await page.getByTestId("till-kind-sale").click();
    await page.getByTestId("till-item-none").click();
    const cur = (await page.locator('label[for="till-amount"]').innerText()).includes("XOF") ? "XOF" : "MRU";
    for (const key of ["7", "7", "7"]) await page.getByTestId(`till-key-${key}`).click();
    await page.getByTestId("till-check").click();
    await page.getByTestId("till-save").click();
    await expect(page.getByTestId("till-done")).toContainText("Gardé sur le téléphone");
    await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
    await context.setOffline(false);
    await expect(page.getByTestId("outbox")).toHaveCount(0);
    expect(await revenueToday(page, cur)).toBe(before[cur] + 777);
  });
});

test("a sale of an item by pictures: how many, then the money; the stock goes down and the ledger holds it; more than the stock comes back to the count", async ({
  page,
}) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  const item = `Voile ${Date.now()}`;
  // The group's item, and stock received, on its stock page.
  await page.goto("/tadamoun/groups");
  await page.getByRole("link", { name: GROUP, exact: true }).click();
  await expect(page).toHaveURL(/\/tadamoun\/groups\/[0-9a-f-]{36}$/);
  const groupPath = await page.evaluate(() => location.pathname);
  await page.goto(`${groupPath}/stock`);
  const itemForm = page.getByTestId("item-form");
  await itemForm.locator('[name="name"]').fill(item);
  await itemForm.locator('[name="unit"]').fill("pièce");
  await itemForm.getByRole("button").click();
  await expect(page.getByTestId("stock-item").filter({ hasText: item })).toBeVisible();
  const receive = page.getByTestId("receive-form");
  await receive.locator('[name="itemId"]').selectOption({ label: `${item} (pièce)` });
  await receive.locator('[name="quantity"]').fill("10");
  await receive.getByRole("button").click();
  await expect(page.getByTestId("stock-item").filter({ hasText: item }).getByTestId("stock-level")).toHaveText("10");

  await openTill(page);
  const till = page.getByTestId("picture-till");
  await page.getByTestId("till-kind-sale").click();
  await page.getByTestId("till-item").filter({ hasText: item }).click();
  await expect(till).toHaveAttribute("data-step", "quantity");
  await expect(page.getByTestId("till-quantity")).toBeFocused();
  // Twelve: more than the ten in stock.
  for (const key of ["1", "2"]) await page.getByTestId(`till-key-${key}`).click();
  await expect(page.getByTestId("till-quantity-pictures").locator("svg")).toHaveCount(10);
  await page.getByTestId("till-quantity-next").click();
  await expect(till).toHaveAttribute("data-step", "amount");
  const cur = (await page.locator('label[for="till-amount"]').innerText()).includes("XOF") ? "XOF" : "MRU";
  for (const key of ["1", "5", "00"]) await page.getByTestId(`till-key-${key}`).click();
  await page.getByTestId("till-check").click();
  await expect(page.getByTestId("till-summary")).toContainText(`${item} · 12 pièce`);
  await page.getByTestId("till-save").click();
  // Refused by the stock: back on the count, with the level in the message.
  await expect(till).toHaveAttribute("data-step", "quantity");
  await expect(page.getByTestId("till-quantity-error")).toContainText("10");
  await page.getByTestId("till-key-back").click();
  await page.getByTestId("till-key-back").click();
  await page.getByTestId("till-key-3").click();
  await expect(page.getByTestId("till-quantity-error")).toHaveCount(0);
  await expect(page.getByTestId("till-quantity-pictures").locator("svg")).toHaveCount(3);
  await page.getByTestId("till-quantity-next").click();
  await expect(page.getByTestId("till-amount")).toHaveValue("1 500");
  await page.getByTestId("till-check").click();
  await expect(page.getByTestId("till-summary-quantity")).toHaveText("× 3");
  await expect(page.getByTestId("till-summary-amount")).toHaveText(`+ 1 500 ${cur}`);
  await page.getByTestId("till-save").click();
  await expect(page.getByTestId("till-done")).toContainText("Enregistré");

  // The stock page: seven left, and the three sold with their 1 500 in the ledger.
  await page.goto(`${groupPath}/stock`);
  await expect(page.getByTestId("stock-item").filter({ hasText: item }).getByTestId("stock-level")).toHaveText("7");
  const sold = page.getByTestId("sales-item").filter({ hasText: item });
  await expect(sold.getByTestId("sold-with-amount")).toHaveText("3");
  await expect(sold.getByTestId("sold-amount")).toHaveText(`1 500 ${cur}`);
  // The ledger's sale entry of the day names the item.
  await page.goto(`${groupPath}?from=${today()}&to=${today()}`);
  await expect(page.getByText(`${item} × 3 pièce`).first()).toBeVisible();

  // Bought again by pictures: the stock goes up, and the ledger holds the stock purchase.
  await openTill(page);
  await page.getByTestId("till-kind-purchase").click();
  await page.getByTestId("till-item").filter({ hasText: item }).click();
  await expect(till).toHaveAttribute("data-step", "quantity");
  await page.getByTestId("till-key-5").click();
  await page.getByTestId("till-quantity-next").click();
  for (const key of ["2", "000"]) await page.getByTestId(`till-key-${key}`).click();
  await page.getByTestId("till-check").click();
  await expect(page.getByTestId("till-summary-quantity")).toHaveText("× 5");
  await expect(page.getByTestId("till-summary-amount")).toHaveText(`− 2 000 ${cur}`);
  await page.getByTestId("till-save").click();
  await expect(page.getByTestId("till-done")).toContainText("Enregistré");
  await page.goto(`${groupPath}/stock`);
  await expect(page.getByTestId("stock-item").filter({ hasText: item }).getByTestId("stock-level")).toHaveText("12");
  await expect(page.getByTestId("purchases-months")).toBeVisible();
  await page.goto(`${groupPath}?from=${today()}&to=${today()}`);
  await expect(page.getByText(`${item} × 5 pièce`).first()).toBeVisible();
});

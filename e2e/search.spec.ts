import { expect, test, type Page } from "@playwright/test";
import { signInTo } from "./helpers";

// Issue 14, point 4: the people page's search in French and Arabic on a 360 px screen, and the
// person picker of a group page without JavaScript.
test.use({ viewport: { width: 360, height: 780 } });

const names = (page: Page) => page.getByTestId("people-table").locator("tbody tr td:first-child").allInnerTexts();
const fitsScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

test("people search ignores accents and case in French, and finds Latin names from Arabic letters in Arabic", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/people");
  const all = await page.getByTestId("people-count").innerText();
  await page.getByRole("searchbox", { name: "Rechercher" }).fill("AÏCHA");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/\/adicor\/people\?q=A%C3%8FCHA$/);
  await expect(page.getByTestId("people-count")).not.toHaveText(all);
  const found = await names(page);
  expect(found.length).toBeGreaterThan(0);
  for (const n of found) expect(n).toMatch(/aicha/i);
  expect(await fitsScreen(page)).toBe(true);

  // Arabic by the locale cookie (the language switch sits in the menu on a narrow screen).
  await page.context().addCookies([{ name: "tamkin_locale", value: "ar", url: String(test.info().project.use.baseURL) }]);
  await page.goto("/adicor/people");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByRole("searchbox", { name: "بحث" }).fill("محمد");
  await page.getByRole("button", { name: "بحث" }).click();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent("محمد")}$`));
  await expect(page.getByTestId("people-table")).toBeVisible();
  const arabic = await names(page);
  expect(arabic.length).toBeGreaterThan(0);
  expect(arabic.some((n) => /Mohamed/.test(n))).toBe(true);
  expect(await fitsScreen(page)).toBe(true);
  // The query stays in the URL: the next page keeps it.
  const next = page.getByTestId("pager").getByRole("link").last();
  if (await next.count()) expect(await next.getAttribute("href")).toContain("q=");
});

test("the person picker narrows on the server and its form submits without JavaScript; with JavaScript it filters as one types", async ({ page, browser }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/groups");
  const href = await page.getByTestId("groups-table").locator('a[href^="/adicor/groups/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/adicor\/groups\/[0-9a-f-]{36}$/);
  const picker = (p: Page) => p.getByTestId("add-existing-member-form").locator('select[name="personId"]');

  // With JavaScript: typing hides the options that do not match, no request.
  await page.goto(href!);
  const total = await picker(page).locator("option").count();
  await page.getByTestId("picker-search").fill("khadij");
  const shown = await picker(page).evaluate((s: HTMLSelectElement) =>
    Array.from(s.options)
      .filter((o) => !o.hidden && o.value !== "")
      .map((o) => o.text),
  );
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.length).toBeLessThan(total - 1);
  for (const o of shown) expect(o).toMatch(/khadij/i);

  // Without JavaScript (same session): the GET step narrows the picker on the server.
  const context = await browser.newContext({
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
    viewport: { width: 360, height: 780 },
  });
  const noJs = await context.newPage();
  await noJs.goto(href!);
  await noJs.getByTestId("picker-search").fill("Khadijetou");
  await noJs.getByTestId("picker-form").getByRole("button").click();
  await expect(noJs).toHaveURL(/pq=Khadijetou/);
  await expect(noJs.getByTestId("picker-count")).toBeVisible();
  const options = (await picker(noJs).locator("option").allInnerTexts()).filter((o) => o !== "—");
  expect(options.length).toBeGreaterThan(0);
  for (const o of options) expect(o).toMatch(/Khadijetou/);
  // The form still posts without JavaScript: with no person chosen, the server answers in the page.
  await noJs.getByTestId("add-existing-member-form").getByRole("button").click();
  await expect(noJs.getByTestId("add-existing-member-form").getByRole("alert").first()).toBeVisible();
  expect(await fitsScreen(noJs)).toBe(true);
  await context.close();
});

import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * A group manager (issue 17.5), the first shop's manager on a shared phone: signed in, the portal
 * is her group; every other page of the NGO is not found. (That her writes reach her group only,
 * and that the database narrows every row, is shown by tests/integration/group-manager.test.ts.)
 */
test("the first shop's manager lands on her group, records its operations, and reaches nothing else of the NGO", async ({ page }) => {
  await signIn(page, "gerante@adicor.demo");
  await page.waitForURL(/\/adicor\/groups\/[0-9a-f-]{36}$/);
  const own = new URL(page.url()).pathname;
  await expect(page.getByTestId("group-name")).toHaveText(/^Boutique communautaire de /);
  // Her navigation is her group.
  const nav = page.getByRole("navigation").first();
  await expect(nav.getByRole("link")).toHaveText(["Mon groupe"]);
  // She records sales, expenses, credits and repayments; the group, its members and its rotation stay with the NGO's staff.
  await expect(page.getByTestId("record-entry-form")).toBeVisible();
  await expect(page.getByTestId("edit-link")).toHaveCount(0);
  await expect(page.getByTestId("updateGroup-form")).toHaveCount(0);
  // The NGO's pages, another shop, and the organisation's home (which leads back to her group).
  for (const path of [
    "/adicor/dashboard",
    "/adicor/inclusion",
    "/adicor/ledger",
    "/adicor/people",
    "/adicor/coaching",
    "/adicor/groups/new",
    "/adicor/advocacy",
    `${own}/edit`,
  ]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.goto("/adicor/groups");
  await expect(page).toHaveURL(own);
  await page.goto("/adicor");
  await expect(page).toHaveURL(own);
});

test("another shop of the same NGO is not found for the manager", async ({ browser, page }) => {
  const staff = await browser.newContext();
  const editor = await staff.newPage();
  await signIn(editor, "editor@adicor.demo");
  await editor.waitForURL(/\/adicor$/);
  await editor.goto("/adicor/groups?activity=shop");
  const hrefs = await editor.locator('main a[href^="/adicor/groups/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const shops = [...new Set(hrefs.filter((h) => /^\/adicor\/groups\/[0-9a-f-]{36}$/.test(h)))];
  await staff.close();
  expect(shops.length).toBeGreaterThan(2);
  await signIn(page, "gerante@adicor.demo");
  await page.waitForURL(/\/adicor\/groups\/[0-9a-f-]{36}$/);
  const own = new URL(page.url()).pathname;
  expect(shops).toContain(own);
  for (const shop of shops.filter((s) => s !== own).slice(0, 3)) {
    expect((await page.goto(shop))?.status(), shop).toBe(404);
    expect((await page.goto(`${shop}/plan`))?.status(), `${shop}/plan`).toBe(404);
  }
});

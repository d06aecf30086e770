import { expect, test } from "@playwright/test";
import { acceptFirstInvitation, addMember, newSignedInPage, signIn, uniqueEmail } from "./helpers";

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
  // Her picture till is the first thing on her group's page.
  await expect(page.getByTestId("till-link")).toBeVisible();
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
    expect((await page.goto(`${shop}/till`))?.status(), `${shop}/till`).toBe(404);
  }
});

test("an NGO admin names a new editor the manager of a group from its page: she lands there; the members page says so; the admin ends it", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // In ONG Tadamoun, whose pages no other spec counts.
  const admin = await newSignedInPage(browser, "admin@tadamoun.demo", "tadamoun");
  const email = uniqueEmail("gerante");
  const temporary = "temporaire-2026";
  await admin.page.goto("/tadamoun/members");
  await addMember(admin.page, "Salka Mint Brahim", email, temporary);
  // She signs in, sets her password and accepts: she is the NGO's editor.
  const context = await browser.newContext();
  const page = await context.newPage();
  await acceptFirstInvitation(page, email, temporary, "nouveau-mot-de-passe", "ONG Tadamoun");
  await admin.page.reload();
  await expect(admin.page.getByTestId(`member-${email}`).getByTestId("member-role")).toHaveText("Éditeur");

  await admin.page.goto("/tadamoun/groups");
  await admin.page.getByRole("link", { name: "Atelier Tadamoun de Tenhamed", exact: true }).click();
  const section = admin.page.getByTestId("group-managers");
  await expect(section.getByTestId("no-manager")).toBeVisible();
  const assign = section.getByTestId("assign-manager-form");
  await assign.getByLabel("Éditrice ou éditeur").selectOption({ label: `Salka Mint Brahim (${email})` });
  await assign.getByRole("button", { name: "Confier la gérance" }).click();
  await expect(section.getByTestId("group-manager")).toContainText(email);
  const groupPath = new URL(admin.page.url()).pathname;

  await admin.page.goto("/tadamoun/members");
  await expect(admin.page.getByTestId(`member-${email}`).getByTestId("member-manages")).toHaveText("gère Atelier Tadamoun de Tenhamed");

  // Her portal is now the group.
  await page.goto("/");
  await expect(page).toHaveURL(groupPath);
  await expect(page.getByTestId("group-name")).toHaveText("Atelier Tadamoun de Tenhamed");
  expect((await page.goto("/tadamoun/dashboard"))?.status()).toBe(404);

  // The admin ends it: on her next request she is the NGO's editor again.
  await admin.page.goto(groupPath);
  await section.getByTestId("group-manager").getByRole("button", { name: "Retirer la gérance" }).click();
  await expect(section.getByTestId("no-manager")).toBeVisible();
  expect((await page.goto("/tadamoun/dashboard"))?.status()).toBe(200);
  await context.close();
  await admin.context.close();
});

import { expect, test, type Page } from "@playwright/test";
import { seriousViolations, setLanguage, signInTo } from "./helpers";

/** Pages of the current page printed to A4 by the browser. */
async function printedPages(page: Page) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

/** The demo's community shops' pages. */
async function shopUrls(page: Page) {
  await page.goto("/adicor/groups?activity=shop");
  const hrefs = await page.locator('main a[href^="/adicor/groups/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((h) => /^\/adicor\/groups\/[0-9a-f-]{36}$/.test(h)))];
}

test("a shop's business plan against its results prints on one A4 page in French and Arabic", async ({ page }) => {
  test.setTimeout(120_000);
  await signInTo(page, "editor@adicor.demo", "adicor");
  const [first] = await shopUrls(page);
  await page.goto(first);
  await page.getByTestId("plan-link").click();
  await expect(page).toHaveURL(`${first}/plan`);
  await expect(page.getByTestId("plan-version")).toContainText("Version 1");
  await expect(page.getByTestId("plan-quarter")).toHaveCount(4);
  for (const lang of ["fr", "ar"]) {
    await page.goto(`${first}/plan/sheet?lang=${lang}`);
    const sheet = page.getByTestId("plan-sheet");
    await expect(sheet).toHaveAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    await expect(sheet.getByTestId("plan-quarter")).toHaveCount(4);
    expect(await printedPages(page), `pages in ${lang}`).toBe(1);
  }
});

test("the meeting form of a draft distribution works at 360 px in Arabic and refuses to finalise without a quorum", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInTo(page, "editor@adicor.demo", "adicor");
  // The demo's fourth shop has its 2024 distribution still to be shared at a meeting.
  let meeting: string | null = null;
  for (const url of await shopUrls(page)) {
    await page.goto(url);
    const draft = page.getByTestId("distributions-table").locator("tr", { hasText: "Brouillon" }).getByTestId("meeting-link");
    if ((await draft.count()) > 0) {
      meeting = await draft.first().getAttribute("href");
      break;
    }
  }
  expect(meeting).toMatch(/\/distributions\/[0-9a-f-]{36}$/);
  await page.goto(meeting!);
  await setLanguage(page, "العربية");
  // The language buttons are in the wide header; the form is then read on a phone's width.
  await page.setViewportSize({ width: 360, height: 780 });
  // The account's language is stored: back to French whatever happens below.
  test.info().annotations.push({ type: "language", description: "editor@adicor.demo in Arabic during this test" });
  try {
    await checkArabicMeeting(page);
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await setLanguage(page, "Français");
    await context.close();
  }
});

async function checkArabicMeeting(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const form = page.getByTestId("meeting-form");
  await expect(form).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  expect(await seriousViolations(page)).toEqual([]);
  // One member ticked of several: the distribution stays a draft.
  const boxes = form.getByRole("checkbox");
  expect(await boxes.count()).toBeGreaterThan(2);
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).setChecked(i === 0);
  await form.getByLabel("المكان").fill("أمام الدكان");
  await form.getByRole("button", { name: "اعتماد التقاسم" }).click();
  // Told beside the members' boxes, with the count needed.
  await expect(form.locator("#meeting-attendees-error")).toContainText("النصاب غير مكتمل");
  await page.reload();
  await expect(page.getByTestId("distribution-status")).toHaveText("مسودة: الاجتماع لم يعقد بعد");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The members' picture statements, in Arabic.
  await page.getByTestId("pictorial-ar").click();
  await expect(page.getByTestId("pictorial-member").first()).toBeVisible();
  await expect(page.getByTestId("pictorial")).toHaveAttribute("dir", "rtl");
}

test("an NGO admin sets the quorum of profit meetings beside the limits, told beside the field when it is out of range", async ({ page }) => {
  await signInTo(page, "admin@ong-sahel.demo", "ong-sahel");
  await page.goto("/ong-sahel/groups/limits");
  const form = page.getByTestId("quorum-form");
  const field = form.getByLabel("Part des membres présents exigée (%)");
  await expect(field).toHaveValue("50");
  await field.fill("30");
  await form.getByRole("button", { name: "Enregistrer le quorum" }).click();
  await expect(form.locator("#quorum-meetingQuorumPct-error")).toHaveText("Entre 50 et 100.");
  try {
    await field.fill("75");
    await form.getByRole("button", { name: "Enregistrer le quorum" }).click();
    await expect(form.getByText("Quorum enregistré.")).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("quorum-form").getByLabel("Part des membres présents exigée (%)")).toHaveValue("75");
  } finally {
    await page.goto("/ong-sahel/groups/limits");
    await page.getByTestId("quorum-form").getByLabel("Part des membres présents exigée (%)").fill("50");
    await page.getByTestId("quorum-form").getByRole("button", { name: "Enregistrer le quorum" }).click();
    await expect(page.getByTestId("quorum-form").getByText("Quorum enregistré.")).toBeVisible();
  }
});

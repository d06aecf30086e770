import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, seriousViolations, setLanguage, signInTo } from "./helpers";

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
  // Printed, each member's statement is a page of its own.
  expect(await printedPages(page)).toBe(await page.getByTestId("pictorial-member").count());
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

/** The version shown by a "Version N, par …" or "vN · …" line (0 when there is none yet). */
async function shownVersion(page: Page, testId: string) {
  const line = page.getByTestId(testId);
  if ((await line.count()) === 0) return 0;
  return Number(/(?:Version |v)(\d+)/.exec((await line.textContent()) ?? "")?.[1] ?? "0");
}

test("a butchery's rules and business plan are written at 360 px without JavaScript: each save a new version, members acknowledge the version in force, a form loaded before a change is refused", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // A butchery: no other spec writes its plan or rules (the plan sheet's test reads the first shop's version 1).
  const signedIn = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  await signedIn.page.goto("/adicor/groups?activity=butchery");
  const hrefs = await signedIn.page.locator('main a[href^="/adicor/groups/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const group = [...new Set(hrefs.filter((h) => /^\/adicor\/groups\/[0-9a-f-]{36}$/.test(h)))].at(-1);
  expect(group).toBeTruthy();
  const context = await browser.newContext({
    javaScriptEnabled: false,
    viewport: { width: 360, height: 780 },
    storageState: await signedIn.context.storageState(),
  });
  // French for this browser only: the meeting test of this file stores Arabic on the same account meanwhile.
  await context.addCookies([{ name: "tamkin_locale", value: "fr", url: String(test.info().project.use.baseURL) }]);
  const page = await context.newPage();
  const noSideScroll = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  // The rules: a tab opened now is out of date once the other saves.
  await page.goto(`${group}/rules`);
  const stale = await context.newPage();
  await stale.goto(`${group}/rules`);
  const rulesBefore = await shownVersion(page, "rules-version");
  const body = `Les ventes à crédit sont notées le jour même (${Date.now()}).`;
  await page.getByTestId("rules-form").getByLabel("Texte du règlement").fill(body);
  await page.getByTestId("rules-form").getByRole("button", { name: "Enregistrer la nouvelle version" }).click();
  await expect(page.getByTestId("rules-form").getByRole("status")).toHaveText("Nouvelle version du règlement enregistrée.");
  await expect(page.getByTestId("rules-body")).toHaveText(body);
  expect(await shownVersion(page, "rules-version")).toBe(rulesBefore + 1);
  expect(await noSideScroll()).toBe(true);
  // Nobody has acknowledged the new version yet; two members do, on a date.
  const members = await page.getByTestId("rules-acks").locator("tbody tr").count();
  expect(members).toBeGreaterThan(2);
  await expect(page.getByTestId("rules-ack-count")).toHaveText(`0 membres sur ${members} ont pris connaissance de la version ${rulesBefore + 1}.`);
  const ack = page.getByTestId("ack-form");
  await ack.getByRole("checkbox").nth(0).check();
  await ack.getByRole("checkbox").nth(1).check();
  await ack.getByLabel("Date").fill("2026-01-15");
  await ack.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("rules-ack-count")).toHaveText(`2 membres sur ${members} ont pris connaissance de la version ${rulesBefore + 1}.`);
  await expect(page.getByTestId("rules-acks").locator('tr[data-acknowledged="yes"]')).toHaveCount(2);
  await expect(page.getByTestId("rules-acks").locator('tr[data-acknowledged="yes"]').first()).toContainText("le 2026-01-15");
  // The tab loaded before: its save is refused, and the version in force is unchanged.
  await stale.getByTestId("rules-form").getByLabel("Texte du règlement").fill("Une autre version, écrite sans avoir vu la précédente.");
  await stale.getByTestId("rules-form").getByRole("button", { name: "Enregistrer la nouvelle version" }).click();
  await expect(stale.getByTestId("rules-form").getByRole("alert").first()).toContainText("modifié entre-temps");
  await page.reload();
  await expect(page.getByTestId("rules-body")).toHaveText(body);

  // The plan: a margin out of range is told beside its field, nothing saved; corrected, a new version.
  await page.goto(`${group}/plan`);
  const planBefore = await shownVersion(page, "plan-version");
  const plan = page.getByTestId("plan-form");
  await plan.getByLabel("Ventes prévues par mois").fill("180 000");
  await plan.getByLabel("Marge prévue (%)").fill("150");
  await plan.getByLabel("Réapprovisionnement tous les (jours)").fill("14");
  await plan.getByRole("button", { name: "Enregistrer la version" }).click();
  await expect(page.locator("#plan-marginPct-error")).toHaveText("Marge entre -100 et 100 %.");
  await expect(page.getByTestId("plan-form").getByLabel("Ventes prévues par mois")).toHaveValue("180 000");
  expect(await shownVersion(page, "plan-version")).toBe(planBefore);
  await page.getByTestId("plan-form").getByLabel("Marge prévue (%)").fill("30");
  await page.getByTestId("plan-form").getByRole("button", { name: "Enregistrer la version" }).click();
  await expect(page.getByTestId("plan-form").getByRole("status")).toHaveText("Nouvelle version du plan enregistrée.");
  expect(await shownVersion(page, "plan-version")).toBe(planBefore + 1);
  await expect(page.getByTestId("plan-quarter")).toHaveCount(4);
  if (planBefore > 0) await expect(page.getByTestId("plan-history")).toContainText(`Version ${planBefore}`);
  expect(await noSideScroll()).toBe(true);
  await context.close();
  await signedIn.context.close();
});

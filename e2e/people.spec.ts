import { expect, test, type Page } from "@playwright/test";
import { builtAction, callAction } from "./actions";
import { signInTo } from "./helpers";

// Issue 14, point 4: merging two records of one person whose names the near-duplicate rule does not
// pair, from the person's page: the search for the other record (with and without JavaScript, in
// French and Arabic on a 360 px screen), the details chosen field by field, the merge.
test.use({ viewport: { width: 360, height: 780 } });

const fitsScreen = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
/** A word no demo name holds, so that the search finds this run's people only. */
const tag = () => "Zq" + Array.from({ length: 6 }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(Math.random() * 20)]).join("");

async function addPeople(page: Page, names: [string, number][]) {
  await page.goto("/adicor/groups");
  const href = await page.getByTestId("groups-table").locator('a[href^="/adicor/groups/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/adicor\/groups\/[0-9a-f-]{36}$/);
  await page.goto(href!);
  const settlementId = await page
    .getByTestId("add-new-member-form")
    .locator('select[name="settlementId"] option:not([value=""])')
    .first()
    .getAttribute("value");
  const baseURL = String(test.info().project.use.baseURL);
  for (const [name, birthYear] of names) {
    const added = await callAction(
      page.request,
      builtAction("lib/groups/actions.ts#addMemberAction"),
      "adicor",
      {
        org: "adicor",
        groupId: href!.split("/").pop()!,
        mode: "new",
        name,
        sex: "female",
        birthYear: String(birthYear),
        settlementId: settlementId!,
        householdSize: "5",
        householdStatus: "host",
        joinedOn: new Date().toISOString().slice(0, 10),
      },
      { baseURL },
    );
    expect(added.ok, added.body.slice(0, 300)).toBe(true);
  }
}

async function personUrl(page: Page, q: string, name: string) {
  await page.goto(`/adicor/people?q=${encodeURIComponent(q)}`);
  const href = await page.getByTestId("people-table").getByRole("link", { name, exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/adicor\/people\/[0-9a-f-]{36}$/);
  return href!;
}

test("a writer finds another record of the person by name, picks the other record's year of birth, and merges", async ({ page, browser }) => {
  test.setTimeout(150_000); // three browser contexts (with and without JavaScript, Arabic) on a busy machine
  await signInTo(page, "editor@adicor.demo", "adicor");
  const t = tag();
  // Two spellings the near-duplicate rule does not pair (and years of birth three apart).
  const [keptName, otherName] = [`Mariem Mint ${t}`, `Meryem ${t}`];
  await addPeople(page, [
    [keptName, 1990],
    [otherName, 1993],
  ]);
  const kept = await personUrl(page, t, keptName);

  // Without JavaScript: the GET form lists the people found, as links to the merge page.
  const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 780 }, storageState: await page.context().storageState() });
  const plain = await noJs.newPage();
  await plain.goto(kept);
  await plain.getByTestId("merge-picker-form").getByRole("searchbox", { name: "Rechercher l'autre fiche" }).fill(t.toLowerCase());
  await plain.getByTestId("merge-picker-form").getByRole("button", { name: "Rechercher" }).click();
  await expect(plain).toHaveURL(new RegExp(`\\?mq=${t.toLowerCase()}`));
  const found = plain.getByTestId("merge-candidate");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(otherName);
  expect(await fitsScreen(plain)).toBe(true);
  await noJs.close();

  // In Arabic, right to left, on the phone's screen: the list and the merge page.
  const ar = await browser.newContext({ viewport: { width: 360, height: 780 }, storageState: await page.context().storageState() });
  await ar.addCookies([{ name: "tamkin_locale", value: "ar", url: String(test.info().project.use.baseURL) }]);
  const arabic = await ar.newPage();
  await arabic.goto(`${kept}?mq=${t}`);
  await expect(arabic.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(arabic.getByTestId("merge-picker").getByRole("heading")).toHaveText("الدمج مع شخص آخر…");
  await expect(arabic.getByTestId("merge-candidate")).toContainText(otherName);
  expect(await fitsScreen(arabic)).toBe(true);
  await arabic.getByTestId("merge-candidate").click();
  await expect(arabic.getByTestId("merge-detail-birthYearFrom")).toContainText("1993");
  expect(await fitsScreen(arabic)).toBe(true);
  await ar.close();

  // With JavaScript, in French: the list follows the query as one types.
  await page.goto(kept);
  await page.getByTestId("merge-picker-input").pressSequentially(t.toLowerCase(), { delay: 30 });
  await expect(page).toHaveURL(new RegExp(`\\?mq=${t.toLowerCase()}`));
  const candidate = page.getByTestId("merge-candidate").filter({ hasText: otherName });
  await expect(candidate).toBeVisible();
  // Neither the person themself.
  await expect(page.getByTestId("merge-candidate").filter({ hasText: keptName })).toHaveCount(0);
  await candidate.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fusionner deux fiches de la même personne");
  expect(await fitsScreen(page)).toBe(true);

  const form = page.getByTestId("merge-person-form");
  const year = form.getByTestId("merge-detail-birthYearFrom");
  await expect(year.getByRole("radio", { name: /Fiche gardée/ })).toBeChecked();
  await year.getByRole("radio", { name: "Autre fiche : 1993" }).check();
  await form.getByRole("checkbox", { name: /Je confirme/ }).check();
  await form.getByRole("button", { name: "Fusionner les deux fiches" }).click();
  // The page, read again, says whom the other record was merged into.
  const done = page.getByTestId("merge-done-note");
  await expect(done).toContainText(`La fiche de ${otherName} a été fusionnée avec :`);
  await done.getByRole("link", { name: keptName }).click();

  await expect(page).toHaveURL(new RegExp(`${kept}$`));
  await expect(page.getByTestId("person-name")).toHaveText(keptName);
  await expect(page.locator("dl > div").filter({ hasText: "Année de naissance" }).locator("dd")).toHaveText("1993");
  await expect(page.getByTestId("merged-here")).toContainText(otherName);
  await expect(page.getByTestId("history-change").filter({ hasText: "1990" }).first()).toContainText("1993");
  // The merged record is no longer offered.
  await page.goto(`${kept}?mq=${t}`);
  await expect(page.getByTestId("merge-picker-count")).toHaveText("Aucune autre personne de l'ONG ne correspond.");
});

test("another NGO's editor gets not found for the person page and its merge page", async ({ page, browser }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  const t = tag();
  await addPeople(page, [
    [`Aichetou ${t}`, 1985],
    [`Ayshetou ${t}`, 1988],
  ]);
  const a = await personUrl(page, t, `Aichetou ${t}`);
  const b = await personUrl(page, t, `Ayshetou ${t}`);
  const other = await browser.newContext({ storageState: undefined });
  const sahel = await other.newPage();
  await signInTo(sahel, "editor@ong-sahel.demo", "ong-sahel");
  const foreign = a.replace("/adicor/", "/ong-sahel/");
  expect((await sahel.goto(`${foreign}?mq=${t}`))?.status()).toBe(404);
  expect((await sahel.goto(`${foreign}/merge/${b.split("/").pop()}`))?.status()).toBe(404);
  await other.close();
});

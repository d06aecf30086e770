import { expect, test, type Page } from "@playwright/test";
import { seriousViolations, setLanguage, signInTo } from "./helpers";

/** A dashboard table's cell, found by its column key (the last row, its total, by default). */
async function cell(page: Page, testId: string, key: string, row = -1) {
  const table = page.getByTestId(testId);
  const keys = await table.locator("thead th").evaluateAll((ths) => ths.map((th) => th.getAttribute("data-key")));
  const rows = table.locator("tbody tr");
  const r = row < 0 ? (await rows.count()) + row : row;
  return (await rows.nth(r).locator("th, td").nth(keys.indexOf(key)).innerText()).trim();
}

/** Pages of the sheet printed to A4 by the browser. */
async function printedPages(page: Page) {
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  await page.emulateMedia({ media: "screen" });
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

test("a network viewer's advocacy sheet shows the dashboards' figures, no name, and prints on one A4 page in French and Arabic", async ({ page }) => {
  test.setTimeout(150_000); // axe twice, two PDFs, on a busy machine
  await signInTo(page, "viewer@femmes-fassala.demo", "femmes-fassala");
  // What the same user reads on the revenue, inclusion and cohesion dashboards.
  await page.goto("/femmes-fassala/dashboard");
  const value = (testId: string) => page.getByTestId(testId).locator("[data-value]").getAttribute("data-value");
  const revenue = { xof: await value("total-xof"), mru: await value("total-mru"), groups: await value("group-count") };
  await page.goto("/femmes-fassala/inclusion");
  const figures: Record<string, string> = {};
  for (const k of ["members", "womenPct", "disabledPct", "refugeesPct"]) figures[k] = (await page.getByTestId(`figure-${k}`).innerText()).trim();
  // The participation table's third row: members with a disability.
  figures.disabledManagersPct = await cell(page, "table-inclusion-participation", "shareOfManagers", 2);
  const sexDisability = [await cell(page, "table-inclusion-sex-disability", "disabled", 0), await cell(page, "table-inclusion-sex-disability", "disabled", 1)];
  await page.goto("/femmes-fassala/cohesion");
  const trust = { host: await cell(page, "table-cohesion-trend", "trust_host"), refugee: await cell(page, "table-cohesion-trend", "trust_refugee") };

  await page.goto("/femmes-fassala/inclusion");
  await page.getByTestId("advocacy-link").click();
  await expect(page).toHaveURL(/\/femmes-fassala\/advocacy$/);
  const sheet = page.getByTestId("advocacy-sheet");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("Fiche de plaidoyer — Réseau des coopératives féminines de Fassala");
  const checkFigures = async () => {
    expect(await sheet.getByTestId("sheet-revenue-xof").getAttribute("data-value")).toBe(revenue.xof);
    expect(await sheet.getByTestId("sheet-revenue-mru").getAttribute("data-value")).toBe(revenue.mru);
    expect(await sheet.getByTestId("sheet-groups").getAttribute("data-value")).toBe(revenue.groups);
    for (const [k, v] of Object.entries(figures)) await expect(sheet.getByTestId(`sheet-${k}`), k).toHaveText(v);
    await expect(sheet.getByTestId("sheet-trust-host")).toHaveText(trust.host);
    await expect(sheet.getByTestId("sheet-trust-refugee")).toHaveText(trust.refugee);
    // The members chart's table holds the inclusion table's cells, "<5" included.
    expect(await sheet.getByTestId("chart-members-table").locator("tbody tr td:first-of-type").allInnerTexts()).toEqual(sexDisability);
    // A bar the disclosure control hides is not drawn, and the chart says which (issue 11).
    const hidden = sexDisability.filter((v) => v === "<5" || v === "•");
    await expect(sheet.getByTestId("chart-members-hidden")).toHaveCount(hidden.length > 0 ? 1 : 0);
    for (const v of hidden) await expect(sheet.getByTestId("chart-members-hidden")).toContainText(`(${v})`);
  };
  await checkFigures();
  expect(Number(revenue.xof)).toBeGreaterThan(0);
  // Three charts, each named, drawn on the server (no script needed to print them).
  for (const id of ["chart-revenue", "chart-members", "chart-trust"]) {
    await expect(sheet.getByTestId(id).locator("svg[role=img] rect").first()).toBeAttached();
  }
  await expect(sheet.getByRole("img", { name: /^Confiance envers l'autre communauté/ })).toBeVisible();
  // A network receives aggregates only: small counts suppressed, and no person's name.
  await expect(sheet.locator("footer")).toContainText(
    "Effectifs de 1 à 4 personnes publiés « <5 » ; « • » : masqué pour protéger un petit effectif ; les parts qui en découlent retenues ; aucun nom de personne.",
  );
  expect(await sheet.innerText()).not.toMatch(/\b(Mint|Ould)\b/);
  expect(await seriousViolations(page)).toEqual([]);
  expect(await printedPages(page)).toBe(1);

  await setLanguage(page, "العربية");
  // The switch returns to the page the header was rendered on (the inclusion page, before the
  // client-side navigation): once it has, open the sheet again.
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.goto("/femmes-fassala/advocacy");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(sheet).toHaveAttribute("dir", "rtl");
  expect(await sheet.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(sheet.getByRole("heading", { level: 1 })).toHaveText("ورقة المناصرة — Réseau des coopératives féminines de Fassala");
  await checkFigures();
  expect(await seriousViolations(page)).toEqual([]);
  expect(await printedPages(page)).toBe(1);
  await setLanguage(page, "Français");
});

test("a member of another organisation gets 404 for the network's advocacy sheet; an NGO prints its own", async ({ page }) => {
  await signInTo(page, "viewer@ong-sahel.demo", "ong-sahel");
  for (const path of ["/femmes-fassala/advocacy", "/adicor/advocacy", "/acor/advocacy"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  await page.goto("/ong-sahel");
  await page.getByRole("link", { name: "Fiche de plaidoyer" }).click();
  await expect(page.getByTestId("sheet-members")).toHaveText("15");
  expect(await printedPages(page)).toBe(1);
});

import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { readXlsx } from "../lib/exports/xlsx-read";
import {
  download,
  expectArabicPage,
  expectDownloadsEqualPage,
  newSignedInPage,
  pageTable,
  csvTable,
  seriousViolations,
  setLanguage,
  signInTo,
} from "./helpers";

/** Quarters relative to today, as the demo seed computes them. */
function lastQuarterStart(): string {
  const now = new Date();
  const q = Math.floor(now.getUTCMonth() / 3);
  const year = q === 0 ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
  const startMonth = q === 0 ? 9 : (q - 1) * 3;
  return `${year}-${String(startMonth + 1).padStart(2, "0")}-15`;
}
const lastQuarter = () => {
  const d = lastQuarterStart();
  return `${d.slice(0, 4)}-Q${Math.floor((Number(d.slice(5, 7)) - 1) / 3) + 1}`;
};

test("a network viewer downloads CSV and XLSX whose figures equal the page's, small counts suppressed", async ({ page }) => {
  await signInTo(page, "viewer@femmes-fassala.demo", "femmes-fassala");
  // In French whatever language another spec last left this account in (its stored preference).
  await setLanguage(page, "Français");
  await page.getByRole("link", { name: "Cohésion sociale" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Cohésion sociale");
  for (const id of ["table-cohesion-trend", "table-cohesion-villages", "table-cohesion-records-trend", "table-cohesion-records-villages"]) {
    expect((await expectDownloadsEqualPage(page, id)).length).toBeGreaterThan(1);
  }
  // The network may not see people: the village tables hide counts under five.
  await expect(page.getByTestId("table-cohesion-villages").getByText("<5").first()).toBeVisible();
  await expect(page.getByTestId("table-cohesion-records-villages").getByText("<5").first()).toBeVisible();
  // With hashtags, the second line is the HXL row.
  const hxl = await download(page, "export-csv-hxl", "table-cohesion-trend");
  expect(csvTable(hxl.bytes)[1][0]).toBe("#date+quarter");
});

test("a member of another NGO or network gets 404 for the pages and the exports", async ({ page }) => {
  await signInTo(page, "viewer@ong-sahel.demo", "ong-sahel");
  for (const path of ["/femmes-fassala/cohesion", "/adicor/coaching", "/acor/compare", "/acor/compare/adicor"]) {
    const r = await page.goto(path);
    expect(r?.status(), path).toBe(404);
  }
  for (const path of [
    "/femmes-fassala/export/cohesion/trend?format=csv",
    "/femmes-fassala/export/cohesion/records-villages?format=csv",
    "/acor/export/compare?format=xlsx",
    "/acor/export/cohesion/trend?format=csv&member=adicor",
    "/acor/export/inclusion/sex?format=csv&member=adicor",
    "/ong-sahel/export/inclusion/sex?format=csv&member=adicor",
  ]) {
    const r = await page.request.get(path);
    expect(r.status(), path).toBe(404);
  }
  // Its own dashboard shows Bassikounou's villages only, without Fassala's surveys.
  await page.goto("/ong-sahel/cohesion");
  await expect(page.getByText("Aucune enquête pour l'instant.").first()).toBeVisible();
  await expect(page.locator("#f-village")).not.toContainText("Tinzah");
  // A network may not open an NGO's consortium drill-down of a member it is not.
  const other = await page.request.get("/ong-sahel/export/cohesion/trend?format=csv&member=adicor");
  expect(other.status()).toBe(404);
});

test("a visit dated in ADICOR's locked quarter is refused with a clear message; today's is saved", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/coaching");
  await expect(page.getByTestId("overdue-table").locator("tbody tr")).toHaveCount(1);
  const form = page.getByTestId("visit-form");
  await form.getByLabel("Groupe").selectOption({ index: 1 });
  await form.getByLabel("Date de la visite").fill(lastQuarterStart());
  await form.getByLabel("Thèmes abordés").fill("Visite tardive");
  await form.getByRole("button", { name: "Enregistrer la visite" }).click();
  await expect(form.getByRole("alert").first()).toContainText(`Le trimestre ${lastQuarter()} est verrouillé`);
  await page.reload();
  await expect(page.getByTestId("visits")).not.toContainText("Visite tardive");

  const today = new Date().toISOString().slice(0, 10);
  const form2 = page.getByTestId("visit-form");
  await form2.getByLabel("Groupe").selectOption({ index: 1 });
  await form2.getByLabel("Date de la visite").fill(today);
  await form2.getByLabel("Thèmes abordés").fill("Visite du jour");
  await form2.getByRole("button", { name: "Enregistrer la visite" }).click();
  await expect(form2.getByRole("status")).toHaveText("Visite enregistrée.");
  await page.reload();
  await expect(page.getByTestId("visits")).toContainText("Visite du jour");

  // An evaluation of the locked quarter is refused too.
  await page.goto(`/adicor/coaching?quarter=${lastQuarter()}`);
  await expect(page.getByTestId("quarter-locked")).toBeVisible();
  const ev = page.getByTestId("evaluation-form");
  await ev.getByLabel("Groupe").selectOption({ index: 2 });
  await ev.getByLabel("Note (0 à 10)").fill("8");
  await ev.getByLabel("Date de l'évaluation").fill(today);
  await ev.getByRole("button", { name: "Enregistrer l'évaluation" }).click();
  await expect(ev.getByRole("alert").first()).toContainText("est verrouillé");
});

test("the consortium compares ADICOR and ONG Sahel side by side and drills down read-only", async ({ page }) => {
  await signInTo(page, "viewer@acor.demo", "acor");
  await page.getByRole("link", { name: "Comparer" }).click();
  const table = page.getByTestId("table-compare");
  await expect(table.getByRole("rowheader", { name: /^ADICOR/ })).toBeVisible();
  await expect(table.getByRole("rowheader", { name: "ONG Sahel" })).toBeVisible();
  const adicorRow = await pageTable(page, "table-compare");
  const header = adicorRow[0];
  const adicor = adicorRow.find((r) => r[0].startsWith("ADICOR"))!;
  expect(adicor[header.indexOf("Groupes")]).toBe("33");
  expect(Number(adicor[header.indexOf("Confiance, hôtes (%)")])).toBeGreaterThan(0);
  const csv = await download(page, "export-csv", "table-compare");
  expect(csvTable(csv.bytes)).toEqual(adicorRow);
  // The page writes numbers in French grouping; each cell keeps the exported value.
  const revenue = table
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: /^ADICOR/ }) })
    .locator("th, td")
    .nth(header.indexOf("Chiffre d'affaires (XOF)"));
  const exact = Number(await revenue.getAttribute("data-value"));
  expect(exact).toBeGreaterThan(1_000_000);
  await expect(revenue).toHaveText(new Intl.NumberFormat("fr").format(exact));
  // ADICOR supports every group of Fassala: their equal rows are explained, and so are ONG
  // Sahel's and Bassikounou's.
  const notes = page.getByTestId("same-figures");
  await expect(notes).toHaveCount(2);
  await expect(notes.first()).toContainText(/^ADICOR .* et Commune de Fassala montrent les mêmes chiffres/);
  await expect(notes.last()).toContainText(/^ONG Sahel et Commune de Bassikounou montrent les mêmes chiffres/);

  await page
    .getByRole("link", { name: /ADICOR/ })
    .last()
    .click();
  await expect(page.getByText("Lecture seule")).toBeVisible();
  await expect(page.getByTestId("table-cohesion-trend")).toBeVisible();
  await expect(page.getByTestId("member-evaluations").locator("li")).toHaveCount(12);
  await expect(page.getByRole("button", { name: "Enregistrer" })).toHaveCount(0);
  const member = await download(page, "export-csv", "table-cohesion-trend");
  expect(csvTable(member.bytes)).toEqual(await pageTable(page, "table-cohesion-trend"));
  // The member's inclusion headline tables, with the consortium's rights (aggregates, suppressed),
  // downloaded through the consortium's export route for that member.
  await expect(page.getByTestId("member-inclusion")).toBeVisible();
  const participation = await expectDownloadsEqualPage(page, "table-inclusion-participation");
  expect(participation.length).toBe(5);
  await expectDownloadsEqualPage(page, "table-inclusion-sex-disability");
  await expect(page.getByRole("columnheader", { name: "Nom" })).toHaveCount(0);
});

test("the cohesion page renders right-to-left in Arabic and its XLSX is a right-to-left sheet", async ({ page }) => {
  await signInTo(page, "editor@fassala.demo", "fassala");
  await page.goto("/fassala/cohesion");
  await expectArabicPage(page, "التماسك الاجتماعي", "table-cohesion-trend", "الفصل");
  await expect(page.getByRole("heading", { name: "ما تظهره سجلات المجموعات" })).toBeVisible();
  expect((await pageTable(page, "table-cohesion-records-villages"))[0]).toContain("نسبة المجموعات المختلطة (%)");
  await expect(page.getByRole("img", { name: /^الثقة في المجتمع الآخر: النسبة الإيجابية لكل فصل/ })).toBeVisible();
  // The commune may not see people: each quarter's credit figures concern fewer than 5 of them.
  await expect(page.getByTestId("chart-suppressed")).toHaveText("لا يوجد رسم بياني: كل رقم من أرقامه يخص أقل من 5 أشخاص وهو محجوب.");
  await expect(page.locator(".recharts-wrapper")).toHaveCount(2);
  await page.goto("/fassala/cohesion/surveys/new");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  expect(await seriousViolations(page)).toEqual([]);
  await setLanguage(page, "Français");
});

test("the records' indicators and the charts: each chart named, beside its table; a download shows its progress and equals the page", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/cohesion");
  await expect(page.getByRole("heading", { name: "Ce que montrent les registres des groupes" })).toBeVisible();
  // Three charts (surveys per quarter and per village, repayment per quarter), drawn once recharts has loaded.
  for (const name of [
    /^Confiance envers l'autre communauté : % positif par trimestre/,
    /^Confiance envers l'autre communauté : % positif par village/,
    /^Taux de remboursement par trimestre/,
  ]) {
    await expect(page.getByRole("img", { name })).toBeVisible();
  }
  await expect(page.locator(".recharts-wrapper")).toHaveCount(3);
  const [header, ...rows] = await pageTable(page, "table-cohesion-records-villages");
  const col = (label: string) => header.indexOf(label);
  // ADICOR's 33 group activities, with host and refugee members in many of them.
  expect(rows.reduce((n, r) => n + Number(r[col("Activités de groupe")]), 0)).toBe(33);
  expect(rows.reduce((n, r) => n + Number(r[col("Groupes mixtes hôtes-réfugiés")]), 0)).toBeGreaterThan(0);
  expect(rows.reduce((n, r) => n + Number(r[col("Crédits, autre communauté")]), 0)).toBeGreaterThan(0);
  expect(rows.every((r) => !r.includes("<5"))).toBe(true); // the NGO may see its people

  // The indicator of the survey charts is chosen with the filters.
  await page.locator("#f-indicator").selectOption({ label: "Sentiment de sécurité" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/[?&]indicator=security/);
  await expect(page.getByRole("img", { name: /^Sentiment de sécurité : % positif par trimestre/ })).toBeVisible();

  // A slow connection: the download shows a progress bar, then says the file was saved.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 200, downloadThroughput: 1500, uploadThroughput: -1 });
  const shown = await pageTable(page, "table-cohesion-records-trend");
  const links = page.getByTestId("table-cohesion-records-trend").locator("..").locator("..");
  const [dl] = await Promise.all([
    page.waitForEvent("download"),
    (async () => {
      await links.getByTestId("export-csv").click();
      await expect(links.getByRole("progressbar", { name: /^Progression du téléchargement/ })).toBeVisible();
    })(),
  ]);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await expect(links.getByTestId("download-status")).toHaveText(/^Fichier enregistré : tamkin-cohesion-records-trend-adicor-(.+-)?fr\.csv \(/);
  expect(dl.suggestedFilename()).toMatch(/^tamkin-cohesion-records-trend-adicor-(.+-)?fr\.csv$/);
  const bytes = readFileSync(await dl.path());
  expect(csvTable(bytes)).toEqual(shown);
  // Every figure of the village table is present for the NGO: the sheet holds the whole table.
  const xlsx = await download(page, "export-xlsx", "table-cohesion-records-villages");
  expect(readXlsx(new Uint8Array(xlsx.bytes)).rows.map((r) => r.map(String))).toEqual(await pageTable(page, "table-cohesion-records-villages"));
  expect(await seriousViolations(page)).toEqual([]);
});

test("without JavaScript the export links are plain downloads of the same file", async ({ browser }) => {
  const signedIn = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.context.storageState() });
  await signedIn.context.close();
  const page = await context.newPage();
  await page.goto("/adicor/cohesion");
  await expect(page.locator(".recharts-wrapper")).toHaveCount(0); // no chart without JavaScript: the tables hold the figures
  const shown = await pageTable(page, "table-cohesion-records-trend");
  const csv = await download(page, "export-csv", "table-cohesion-records-trend");
  expect(csvTable(csv.bytes)).toEqual(shown);
  await context.close();
});

test("a commune editor enters a survey; the dashboard shows it; answers beyond respondents are refused", async ({ browser }) => {
  const { page, context } = await newSignedInPage(browser, "admin@fassala.demo", "fassala");
  await page.goto("/fassala/cohesion/surveys/new");
  expect(await seriousViolations(page)).toEqual([]);
  const form = page.getByTestId("survey-form");
  await form.getByLabel("Village ou campement").selectOption({ label: "Campement Kouna (réfugiés)" });
  for (const [label, v] of [
    ["Hôtes, femmes", "6"],
    ["Hôtes, hommes", "5"],
    ["Réfugiés, femmes", "9"],
    ["Réfugiés, hommes", "7"],
  ])
    await form.getByLabel(label, { exact: true }).fill(v);
  await form.getByLabel("Confiance envers l'autre communauté: hôtes, réponse 4").fill("20");
  await form.getByRole("button", { name: "Enregistrer l'enquête" }).click();
  await expect(form.getByText("Plus de réponses que de répondants de cette communauté.")).toBeVisible();
  await form.getByLabel("Confiance envers l'autre communauté: hôtes, réponse 4").fill("11");
  await form.getByRole("button", { name: "Enregistrer l'enquête" }).click();
  await expect(form.getByRole("status")).toHaveText(/Enquête (enregistrée|remplacée)\./);
  // The dashboard's trend for that campement now has this quarter's row with these figures.
  await page.goto("/fassala/cohesion");
  await page.locator("#f-village").selectOption({ label: "Campement Kouna (réfugiés)" });
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/[?&]village=/); // read the filtered page, not the one it replaces
  await expect(page.getByTestId("table-cohesion-trend")).toBeVisible();
  const now = new Date();
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
  const [header, ...rows] = await pageTable(page, "table-cohesion-trend");
  const row = rows.find((r) => r[0] === quarter)!;
  expect(row[header.indexOf("Répondants hôtes, femmes")]).toBe("6");
  expect(row[header.indexOf("Répondants réfugiés, hommes")]).toBe("7");
  expect(row[header.indexOf("Confiance envers l'autre communauté : % positif, hôtes")]).toBe("100");
  await context.close();
});

const axeCases = [
  { who: "admin@adicor.demo", slug: "adicor", paths: ["/adicor/coaching", "/adicor/cohesion"] },
  { who: "editor@acor.demo", slug: "acor", paths: ["/acor/compare", "/acor/compare/adicor", "/acor/coaching"] },
];
for (const { who, slug, paths } of axeCases) {
  test(`coaching, comparison and cohesion pages have no serious accessibility violation (${slug})`, async ({ page }) => {
    test.setTimeout(120_000); // axe on long tables is slow on a busy machine
    await signInTo(page, who, slug);
    for (const path of paths) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
    }
  });
}

test("a forged coaching visit is refused for a viewer and for another NGO's editor", async ({ browser }) => {
  const editor = await newSignedInPage(browser, "admin@adicor.demo", "adicor");
  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  const outsider = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  await viewer.page.goto("/adicor/coaching");
  await expect(viewer.page.getByTestId("visit-form")).toHaveCount(0);

  // Capture the exact server-action call of a legitimate visit, without letting it through...
  await editor.page.goto("/adicor/coaching");
  const form = editor.page.getByTestId("visit-form");
  await form.getByLabel("Groupe").selectOption({ index: 3 });
  await form.getByLabel("Thèmes abordés").fill("Visite forgée");
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await editor.page.route("**/adicor/coaching", async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await form.getByRole("button", { name: "Enregistrer la visite" }).click();
  await expect.poll(() => captured).toBeTruthy();

  // ...then replay it with sessions that may not write ADICOR's coaching records.
  const { cookie: _cookie, ...headers } = captured!.headers;
  for (const other of [viewer, outsider]) {
    const res = await other.context.request.post(captured!.url, { headers, data: captured!.body });
    expect(res.status()).toBeLessThan(500);
    expect(await res.text()).not.toContain('"status":"ok"');
  }
  await editor.page.unroute("**/adicor/coaching");
  await editor.page.goto("/adicor/coaching");
  await expect(editor.page.getByTestId("visits")).not.toContainText("Visite forgée");
  for (const c of [editor, viewer, outsider]) await c.context.close();
});

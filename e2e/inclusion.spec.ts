import { expect, test } from "@playwright/test";
import { download, expectArabicPage, expectDownloadsEqualPage, pageTable, csvTable, seriousViolations, setLanguage, signInTo } from "./helpers";

test("a network viewer downloads CSV and XLSX equal to the page; small counts show as <5 and no name is given", async ({ page }) => {
  await signInTo(page, "viewer@femmes-fassala.demo", "femmes-fassala");
  // In French whatever language another spec last left this account in (its stored preference).
  await setLanguage(page, "Français");
  await page.getByRole("link", { name: "Inclusion", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inclusion");
  // The cut-off, the reference date and the cycle's definition are stated on the page.
  await expect(page.getByTestId("definitions")).toContainText("« beaucoup de difficulté » ou « ne peut pas du tout »");
  await expect(page.getByTestId("definitions")).toContainText("Dernier cycle complet de rotation");
  await expect(page.getByTestId("reference-date")).toContainText(/Date de référence : \d{4}-\d{2}-\d{2}/);

  for (const id of ["table-inclusion-sex", "table-inclusion-participation-by", "table-inclusion-sex-disability"]) {
    const shown = await expectDownloadsEqualPage(page, id);
    expect(shown.length, id).toBeGreaterThan(2);
  }
  // The sewing and shop groups affiliated to the network: men in a workshop, a member never in a team.
  const sex = await pageTable(page, "table-inclusion-sex");
  const sewing = sex.find((r) => r[0] === "Couture, broderie et teinture des voiles")!;
  expect(sewing[sex[0].indexOf("Hommes")]).toBe("<5");
  // A women's network keeps its women: the men's small count is protected by hiding the row's
  // members ("•", never "<5"), and the page says what "•" means.
  expect(Number(sewing[sex[0].indexOf("Femmes")])).toBeGreaterThan(4);
  expect(sewing[sex[0].indexOf("Membres")]).toBe("•");
  await expect(page.getByTestId("disclosure-note").first()).toContainText("« • » : masqué pour protéger un petit effectif");
  await expect(page.getByTestId("never-count")).toHaveText("Membres qui ne font partie d'aucune équipe de gestion : <5");
  // A network receives aggregates only: no list of names, on the page or as a download.
  await expect(page.getByTestId("table-inclusion-never-included")).toHaveCount(0);
  await expect(page.getByTestId("table-inclusion-without-aid")).toHaveCount(0);
  await expect(page.getByRole("columnheader", { name: "Nom" })).toHaveCount(0);
  for (const table of ["never-included", "without-aid"]) {
    expect((await page.request.get(`/femmes-fassala/export/inclusion/${table}?format=csv`)).status(), table).toBe(404);
  }
  // With hashtags, the second line is the HXL row.
  const hxl = await download(page, "export-csv-hxl", "table-inclusion-sex");
  expect(csvTable(hxl.bytes)[1].slice(0, 3)).toEqual(["#activity+name", "#reached+f", "#reached+m"]);
});

test("an NGO admin sees the names of the members never in a manager team, as the group's rotation warns", async ({ page }) => {
  await signInTo(page, "admin@adicor.demo", "adicor");
  await page.goto("/adicor/inclusion?by=village");
  const never = await pageTable(page, "table-inclusion-never-included");
  expect(never).toHaveLength(2);
  const [name, group] = never[1];
  expect(group).toBe("Boutique communautaire de Fassala");
  await expect(page.getByTestId("never-count")).toHaveText("Membres qui ne font partie d'aucune équipe de gestion : 1");
  // Counts are not suppressed for a reader who may see the people.
  expect((await pageTable(page, "table-inclusion-sex")).flat()).not.toContain("<5");
  // Members with a disability without any aid are named too, with the domains at the cut-off.
  expect(
    (await pageTable(page, "table-inclusion-without-aid"))
      .slice(1)
      .map((r) => r[3])
      .sort(),
  ).toEqual(["communiquer", "se souvenir ou se concentrer"]);
  await expectDownloadsEqualPage(page, "table-inclusion-never-included");

  await page.goto("/adicor/groups");
  await page.getByRole("link", { name: group, exact: true }).click();
  await expect(page.getByTestId("rotation-warning")).toContainText(name);
});

test("a member of another NGO gets 404 for another tenant's inclusion page and exports", async ({ page }) => {
  await signInTo(page, "viewer@ong-sahel.demo", "ong-sahel");
  for (const path of ["/adicor/inclusion", "/femmes-fassala/inclusion", "/acor/inclusion"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
  for (const path of [
    "/adicor/export/inclusion/sex?format=csv",
    "/adicor/export/inclusion/never-included?format=xlsx",
    "/acor/export/inclusion/aids?format=csv",
  ]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  // Its own page shows its own three groups only.
  await page.goto("/ong-sahel/inclusion");
  await expect(page.getByTestId("figure-members")).toHaveText("15");
  const never = await pageTable(page, "table-inclusion-never-included");
  expect(never.slice(1).every((r) => /Bassikounou|Dar Naim|Hassi Ehl Ahmed/.test(r[2]))).toBe(true);
});

test("the inclusion page renders right-to-left in Arabic, its XLSX is a right-to-left sheet, and axe finds no serious violation", async ({ page }) => {
  test.setTimeout(120_000); // axe on long tables is slow on a busy machine
  await signInTo(page, "editor@fassala.demo", "fassala");
  await page.goto("/fassala/inclusion");
  expect(await seriousViolations(page)).toEqual([]);
  await expectArabicPage(page, "الإدماج", "table-inclusion-age", "النشاط");
  // A date keeps its order inside an Arabic sentence: it is isolated (Nouakchott is on UTC).
  await expect(page.getByTestId("reference-date")).toContainText(`\u2066${new Date().toISOString().slice(0, 10)}\u2069`);
  await setLanguage(page, "Français");
});

for (const { who, slug } of [
  { who: "admin@adicor.demo", slug: "adicor" },
  { who: "viewer@acor.demo", slug: "acor" },
]) {
  test(`the inclusion page has no serious accessibility violation (${slug})`, async ({ page }) => {
    test.setTimeout(120_000);
    await signInTo(page, who, slug);
    await page.goto(`/${slug}/inclusion`);
    // Wait for the lazily loaded charts, so that axe sees the whole page.
    await expect(page.locator(".recharts-responsive-container").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
}

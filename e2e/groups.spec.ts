import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, seriousViolations, setLanguage, signInTo } from "./helpers";

// These tests change the demo ledger: run them in order, the demo figures first. Each has two
// minutes: a retry of one re-runs the whole file, whose first test then reads moved totals.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const valueOf = async (page: Page, testId: string) => Number(await page.getByTestId(testId).locator("[data-value]").first().getAttribute("data-value"));
const digits = (s: string) => s.replace(/[\s\u202f\u00a0.,]/g, "");

async function firstShopUrl(page: Page) {
  await page.goto("/adicor/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique communautaire de Fassala", exact: true }).getAttribute("href");
  expect(href).toMatch(/^\/adicor\/groups\/[0-9a-f-]{36}$/);
  return href!;
}

test("on the demo data the ADICOR dashboard reproduces the field report and shows the declared differences", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  expect(await valueOf(page, "total-xof")).toBe(16_014_035);
  expect(await valueOf(page, "total-mru")).toBe(960_861);
  expect(await valueOf(page, "group-count")).toBe(33);
  expect(await valueOf(page, "average-xof")).toBe(485_274);
  // What a reader sees: from a million, the compact figure with its currency, the exact one (in
  // French grouping) as its title and for screen readers; below, the figure in full.
  await expect(page.getByTestId("total-xof").locator("[aria-hidden]")).toHaveText(/^16\sM XOF$/);
  expect(digits((await page.getByTestId("total-xof").locator("[title]").getAttribute("title"))!)).toBe("16014035XOF");
  await expect(page.getByTestId("total-xof").locator(".sr-only")).toHaveText(/^16\s014\s035 XOF$/);
  expect(digits(await page.getByTestId("total-mru").innerText())).toBe("960861MRU");
  const diff = async (metric: string) => page.getByTestId(`declared-${metric}`).getByTestId("difference").getAttribute("data-value");
  expect(await diff("group_beneficiaries")).toBe("5");
  expect(await diff("workshop_women")).toBe("-1");
  expect(await diff("avg_revenue_per_group_xof")).toBe("-9");
  await expect(page.getByTestId("declared-group_beneficiaries")).toContainText("210");
  await expect(page.getByTestId("declared-group_beneficiaries")).toContainText("215");
  // Every figure links to the ledger rows behind it.
  await page.getByTestId("by-activity").getByRole("link", { name: "Boucherie villageoise" }).click();
  await expect(page).toHaveURL(/\/adicor\/ledger\?.*activity=butchery/);
  await expect(page.getByTestId("ledger-list")).toContainText("Boucherie villageoise");
});

test("the Arabic dashboard renders right-to-left", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  await setLanguage(page, "العربية");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.goto("/adicor/dashboard");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("رقم أعمال الأنشطة الجماعية");
  expect(await valueOf(page, "total-xof")).toBe(16_014_035);
  await expect(page.getByTestId("declared-table")).toBeVisible();
  await setLanguage(page, "Français");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
});

test("an ADICOR editor records a sale and the dashboard total grows by exactly that amount", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  const before = await valueOf(page, "total-xof");
  await page.goto(await firstShopUrl(page));
  const form = page.getByTestId("record-entry-form");

  // Refusals, each on its field: zero, a date in the future.
  await form.getByLabel("Montant").fill("0");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByText("Le montant doit être supérieur à zéro.")).toBeVisible();
  await form.getByLabel("Montant").fill("12345");
  await form.getByLabel("Date").fill("2099-01-01");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByText("La date ne peut pas être dans le futur.")).toBeVisible();

  await form.getByLabel("Date").fill(new Date().toISOString().slice(0, 10));
  await form.getByLabel("Monnaie").selectOption("XOF");
  await form.getByLabel("Note").fill("vente e2e");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByRole("status")).toHaveText("Opération enregistrée.");
  await expect(form.getByLabel("Montant")).toHaveValue("");
  await expect(form.getByLabel("Note")).toHaveValue("");

  await page.goto("/adicor/dashboard");
  expect(await valueOf(page, "total-xof")).toBe(before + 12_345);
});

test("an ADICOR viewer cannot record a sale: no form, and the server refuses a forged call", async ({ browser }) => {
  const editor = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  const url = await firstShopUrl(editor.page);
  await editor.page.goto("/adicor/dashboard");
  const before = await valueOf(editor.page, "total-xof");

  await viewer.page.goto(url);
  await expect(viewer.page.getByTestId("group-name")).toBeVisible();
  await expect(viewer.page.getByTestId("record-entry-form")).toHaveCount(0);

  // Capture the editor's real server-action call without letting it through...
  await editor.page.goto(url);
  const form = editor.page.getByTestId("record-entry-form");
  await form.getByLabel("Montant").fill("777");
  await form.getByLabel("Monnaie").selectOption("XOF");
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await editor.page.route(`**${url}`, async (route) => {
    const req = route.request();
    if (req.method() === "POST") {
      captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect.poll(() => captured).toBeTruthy();
  await editor.page.unroute(`**${url}`);

  // ...and replay it with the viewer's session: refused, nothing recorded.
  const { cookie: _editorCookie, ...headers } = captured!.headers;
  const res = await viewer.context.request.post(captured!.url, { headers, data: captured!.body });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).not.toContain('"status":"ok"');
  await editor.page.goto("/adicor/dashboard");
  expect(await valueOf(editor.page, "total-xof")).toBe(before);

  await editor.context.close();
  await viewer.context.close();
});

test("an ong-sahel member gets 404 on an ADICOR group, under either slug", async ({ browser }) => {
  const adicor = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  const url = await firstShopUrl(adicor.page);
  const id = url.split("/").pop();
  const sahel = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  expect((await sahel.page.goto(`/ong-sahel/groups/${id}`))?.status()).toBe(404);
  expect((await sahel.page.goto(url))?.status()).toBe(404);
  expect((await sahel.page.goto(`/ong-sahel/ledger?group=${id}`))?.status()).toBe(200);
  await expect(sahel.page.getByTestId("ledger-count")).toHaveText(/aucune opération/);
  // ONG Sahel sees its own groups in Bassikounou only.
  await sahel.page.goto("/ong-sahel/groups");
  await expect(sahel.page.getByTestId("group-count")).toHaveText("3 groupes");
  await adicor.context.close();
  await sahel.context.close();
});

test("forms refuse bad input with a translated message on the field, and save nothing", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto(await firstShopUrl(page));
  const entry = page.getByTestId("record-entry-form");
  await entry.getByLabel("Montant").fill("-5");
  await entry.getByLabel("Monnaie").evaluate((el) => el.insertAdjacentHTML("beforeend", '<option value="EUR">EUR</option>'));
  await entry.getByLabel("Monnaie").selectOption("EUR");
  await entry.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(entry.getByText("Le montant doit être supérieur à zéro.")).toBeVisible();
  await expect(entry.getByText("Monnaie inconnue : choisissez XOF ou MRU.")).toBeVisible();

  // Refused by the server (the browser cannot know): overlapping terms, repayment above the outstanding credit.
  const term = page.getByTestId("term-form");
  await term.getByLabel("Du").fill("2022-04-01");
  await term.getByLabel("Au").fill("2022-05-31");
  await term.getByRole("button", { name: "Ajouter le mandat" }).click();
  await expect(term.locator('[id$="-startsOn-error"]')).toHaveText("Ce mandat chevauche un mandat existant du groupe.");

  const credit = page.getByTestId("credits-table").locator("details").first();
  await credit.locator("summary").click();
  await credit.getByLabel(/Montant/).fill("99999999");
  await credit.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(credit.locator('[id$="-amount-error"]')).toHaveText("Le remboursement dépasse le reste dû.");
});

test("the dashboard and a group page have no serious accessibility violation", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  expect(await seriousViolations(page)).toEqual([]);
  await page.goto(await firstShopUrl(page));
  expect(await seriousViolations(page)).toEqual([]);
});

test("consortium admins manage exchange rates; nobody else reaches the page", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@acor.demo", "acor");
  // Another spec switches this account to Arabic for a while: choose French for this session.
  await setLanguage(admin.page, "Français");
  await admin.page.goto("/acor/rates");
  await expect(admin.page.getByTestId("rates-table")).toContainText("16.6663388");
  const form = admin.page.getByTestId("rate-form");
  // A rate far in the future changes no demo figure.
  await form.getByLabel("Valable à partir du").fill("2099-01-01");
  await form.getByLabel("XOF pour 1 MRU").fill("-3");
  await form.getByRole("button", { name: "Enregistrer le taux" }).click();
  await expect(form.locator('[id$="-xofPerMru-error"]')).toBeVisible();
  await form.getByLabel("XOF pour 1 MRU").fill("17.25");
  await form.getByRole("button", { name: "Enregistrer le taux" }).click();
  await expect(form.getByRole("status")).toHaveText("Taux enregistré.");
  await admin.page.reload();
  await expect(admin.page.getByTestId("rates-table")).toContainText("2099-01-01");

  for (const [email, slug] of [
    ["viewer@acor.demo", "acor"],
    ["admin@adicor.demo", "adicor"],
  ] as const) {
    const other = await newSignedInPage(browser, email, slug);
    expect((await other.page.goto(`/${slug}/rates`))?.status()).toBe(404);
    await other.context.close();
  }
  await admin.context.close();
});

test("an NGO editor enters a declared figure and the dashboard shows it beside the records", async ({ browser }) => {
  const editor = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  await editor.page.goto("/adicor/declared");
  const form = editor.page.getByTestId("declaredFigure-form");
  await form.getByLabel("Comparé à").selectOption("workshop_women");
  await form.getByLabel("Formulation du rapport").fill("80 femmes formées en couture");
  await form.getByLabel("Valeur déclarée").fill("80");
  await form.getByLabel("Source").fill("Rapport e2e");
  await form.getByRole("button", { name: "Enregistrer" }).click();
  await expect(form.getByRole("status")).toHaveText("Chiffre déclaré enregistré.");
  await editor.page.goto("/adicor/dashboard");
  const row = editor.page.getByTestId("declared-table").getByRole("row").filter({ hasText: "Rapport e2e" });
  await expect(row.getByTestId("difference")).toHaveAttribute("data-value", "-6");

  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  expect((await viewer.page.goto("/adicor/declared"))?.status()).toBe(404);
  await editor.context.close();
  await viewer.context.close();
});

test("a recorded distribution prints as a statement in Arabic, right-to-left, shares summing to the profit", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto(await firstShopUrl(page));
  await page.getByTestId("distributions-table").getByRole("link", { name: "Fiche en arabe" }).first().click();
  const statement = page.getByTestId("statement");
  await expect(statement).toHaveAttribute("dir", "rtl");
  await expect(statement.getByRole("heading", { level: 1 })).toContainText("تقاسم الأرباح");
  const cells = await statement.locator("tbody td.text-end").allInnerTexts();
  const amounts = cells.map((c) => Number(c.replace(/[^0-9]/g, "")));
  const total = amounts.pop()!;
  expect(amounts.reduce((a, b) => a + b, 0)).toBe(total);
  expect(total).toBeGreaterThan(0);
});

test("a French editor's absurd amount is refused naming the limit; a large one saves once confirmed; the same again asks first", async ({ page }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto(await firstShopUrl(page));
  const form = page.getByTestId("record-entry-form");
  const save = form.getByRole("button", { name: "Enregistrer l'opération" });
  const note = `plausibilité e2e ${Date.now()}`;
  /** A sale of 250,000 MRU today with this test's note (the form is the page's, after a reload or going back). */
  const submitLargeSale = async () => {
    await form.getByLabel("Monnaie").selectOption("MRU");
    await form.getByLabel("Note").fill(note);
    await form.getByLabel("Date").fill(new Date().toISOString().slice(0, 10));
    await form.getByLabel("Montant").fill("250000");
    await save.click();
  };
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByLabel("Note").fill(note);

  // 99,999,999,999 MRU: refused beside the amount, naming the NGO's ceiling.
  await form.getByLabel("Montant").fill("99999999999");
  await save.click();
  await expect(form.locator('[id$="-amount-error"]')).toHaveText(/^Une vente ne peut pas dépasser 5\s000\s000 MRU \(plafond de l'ONG\)/);
  // Dated 1900: refused beside the date, naming the floor.
  await form.getByLabel("Montant").fill("1200");
  await form.getByLabel("Date").fill("1900-01-01");
  await save.click();
  await expect(form.locator('[id$="-occurredOn-error"]')).toHaveText("La date ne peut pas précéder le 2018-01-01, début du programme (réglage de l'ONG).");

  // 250,000 MRU: plausible but unusual; saved only after the confirmation.
  await page.goto("/adicor/dashboard");
  const before = await valueOf(page, "total-mru");
  await page.goBack();
  await submitLargeSale();
  await expect(form.getByTestId("amount-warning")).toHaveText(/^Montant inhabituel : plus de 200\s000 MRU\./);
  await expect(form.getByTestId("confirm-warning")).toContainText("cochez la confirmation");
  expect(await seriousViolations(page)).toEqual([]);
  await form.getByLabel("J'ai vérifié : enregistrer quand même").check();
  await save.click();
  await expect(form.getByRole("status")).toHaveText("Opération enregistrée.");
  await page.goto("/adicor/dashboard");
  expect(await valueOf(page, "total-mru")).toBe(before + 250_000);

  // The same entry again, minutes later: a warning, and nothing saved without the confirmation.
  await page.goBack();
  await submitLargeSale();
  await expect(form.getByTestId("confirm-warning")).toHaveText(/^Une opération identique a été enregistrée il y a/);
  await page.goto("/adicor/dashboard");
  expect(await valueOf(page, "total-mru")).toBe(before + 250_000);
});

test("without JavaScript, a large amount re-renders the form with the warning and the confirmation, and saves once ticked", async ({ browser }) => {
  const signedIn = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  const url = await firstShopUrl(signedIn.page);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.context.storageState() });
  const page = await context.newPage();
  await page.goto(url);
  let form = page.getByTestId("record-entry-form");
  const note = `sans JS ${Date.now()}`;
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByLabel("Montant").fill("300000");
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  form = page.getByTestId("record-entry-form");
  await expect(form.getByTestId("amount-warning")).toHaveText(/plus de 200\s000 MRU/);
  // What was typed is still there.
  await expect(form.getByLabel("Montant")).toHaveValue("300000");
  await expect(form.getByLabel("Note")).toHaveValue(note);
  await form.getByLabel("J'ai vérifié : enregistrer quand même").check();
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(page.getByTestId("record-entry-form").getByRole("status")).toHaveText("Opération enregistrée.");
  // Saved: the page the server answers has the form empty again, not inviting the same entry twice.
  await expect(page.getByTestId("record-entry-form").getByLabel("Montant")).toHaveValue("");
  await expect(page.getByTestId("record-entry-form").getByLabel("Note")).toHaveValue("");
  await page.goto(`/adicor/ledger?group=${url.split("/").pop()}`);
  await expect(page.getByTestId("ledger-list")).toContainText(note);
  await context.close();
  await signedIn.context.close();
});

test("an NGO admin sets the NGO's limits; its editors are held to them; nobody else reaches the page", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@ong-sahel.demo", "ong-sahel");
  await admin.page.goto("/ong-sahel/groups");
  await admin.page.getByTestId("limits-link").click();
  const form = admin.page.getByTestId("limits-form");
  const ceiling = form.getByLabel("Plafond : Vente en MRU");
  const soft = form.getByLabel("Seuil de confirmation : Vente en MRU");
  await expect(ceiling).toHaveValue("5000000");
  await expect(form.getByLabel("Date plancher (début du programme)")).toHaveValue("2018-01-01");
  expect(await seriousViolations(admin.page)).toEqual([]);
  // A threshold above its ceiling is refused beside it.
  await ceiling.fill("100000");
  await soft.fill("200000");
  await form.getByRole("button", { name: "Enregistrer les limites" }).click();
  await expect(form.getByText("Le seuil de confirmation ne peut pas dépasser le plafond.")).toBeVisible();
  await soft.fill("10000");
  await form.getByRole("button", { name: "Enregistrer les limites" }).click();
  await expect(form.getByRole("status")).toHaveText("Limites de saisie enregistrées.");

  const editor = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  try {
    await editor.page.goto("/ong-sahel/groups");
    await expect(editor.page.getByTestId("limits-link")).toHaveCount(0);
    const href = await editor.page.getByTestId("groups-table").getByRole("link").first().getAttribute("href");
    await editor.page.goto(href!);
    const entry = editor.page.getByTestId("record-entry-form");
    await entry.getByLabel("Monnaie").selectOption("MRU");
    await entry.getByLabel("Montant").fill("150000");
    await entry.getByRole("button", { name: "Enregistrer l'opération" }).click();
    await expect(entry.locator('[id$="-amount-error"]')).toHaveText(/^Une vente ne peut pas dépasser 100\s000 MRU/);
    expect((await editor.page.goto("/ong-sahel/groups/limits"))?.status()).toBe(404);
    expect((await admin.page.goto("/adicor/groups/limits"))?.status()).toBe(404);
  } finally {
    // Back to the defaults, for the other tests.
    await admin.page.goto("/ong-sahel/groups/limits");
    await admin.page.getByTestId("limits-form").getByLabel("Plafond : Vente en MRU").fill("5000000");
    await admin.page.getByTestId("limits-form").getByLabel("Seuil de confirmation : Vente en MRU").fill("200000");
    await admin.page.getByTestId("limits-form").getByRole("button", { name: "Enregistrer les limites" }).click();
    await expect(admin.page.getByTestId("limits-form").getByRole("status")).toHaveText("Limites de saisie enregistrées.");
    await editor.context.close();
    await admin.context.close();
  }
});

test("a new group leads to its page, and an amount typed with French grouping is read", async ({ page }) => {
  // ONG Sahel's groups: no other browser test counts them.
  await signInTo(page, "editor@ong-sahel.demo", "ong-sahel");
  await page.goto("/ong-sahel/groups/new");
  const name = `Atelier de couture ${Date.now()}`;
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await page.getByLabel("Capital de départ").fill("1 500");
  await page.getByRole("button", { name: "Créer le groupe" }).click();
  await expect(page.getByRole("status")).toContainText("Groupe créé.");
  const link = page.getByTestId("created-link");
  await expect(link).toHaveText("Ouvrir le groupe créé →");
  // The form is cleared: a second click would not create the same group again.
  await expect(page.getByLabel("Nom", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Capital de départ")).toHaveValue("0");
  await link.click();
  await expect(page).toHaveURL(/\/ong-sahel\/groups\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText(/1\s500\sMRU/).first()).toBeVisible();
});

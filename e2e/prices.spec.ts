import { expect, test, type Page } from "@playwright/test";
import { newSignedInPage, seriousViolations, signInTo } from "./helpers";

// Committee dates are lived in Africa/Nouakchott (UTC+0, no daylight saving).
const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const base = "/fassala/prices/fassala";

async function newSession(page: Page, place: string, constituencies: string[]) {
  await page.goto(base);
  const form = page.getByTestId("new-session");
  await form.getByLabel("Lieu").fill(place);
  await form.getByRole("button", { name: "Créer la séance" }).click();
  await expect(page).toHaveURL(/\/sessions\/[0-9a-f-]{36}$/);
  for (const [i, c] of constituencies.entries()) {
    const add = page.getByTestId("add-attendee");
    await add.getByLabel("Nom").fill(`Participant ${i + 1}`);
    await add.getByLabel("Collège").selectOption({ label: c });
    await add.getByRole("button", { name: "Ajouter le participant" }).click();
    await expect(page.getByTestId("attendee-list").getByText(`Participant ${i + 1}`, { exact: true })).toBeVisible();
  }
}

async function fillDecision(page: Page, product: string, purchase: string, selling: string, effectiveOn: string) {
  const form = page.getByTestId("decide-price");
  await form.getByLabel("Produit").selectOption({ label: product });
  await form.getByLabel("Prix d'achat négocié (MRU)").fill(purchase);
  await form.getByLabel("Prix de vente convenu (MRU)").fill(selling);
  await form.getByLabel("Date d'effet").fill(effectiveOn);
  return form;
}

const all = ["MCPGC (prévention des conflits)", "Bénéficiaires", "Commune", "Fédération des commerçants"];

async function closeSession(page: Page) {
  const edit = page.getByTestId("edit-session");
  await edit.getByLabel("Statut").selectOption({ label: "close" });
  await edit.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByTestId("publication-note")).toHaveText(/Séance close/);
}

test("a Fassala editor records a quorate session and a price; a too-short notice is refused with the earliest date; the board shows it once the session is closed", async ({
  page,
}) => {
  await signInTo(page, "editor@fassala.demo", "fassala");
  await newSession(page, "Salle de la mairie", all);
  await expect(page.getByTestId("quorum-status")).toHaveText("Quorum atteint");

  // A decrease takes effect at once.
  let form = await fillDecision(page, "Savon (morceau)", "11", "14", day());
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(form.getByRole("status")).toHaveText("Prix enregistré.");
  await expect(page.getByTestId("decision-list")).toContainText("Savon");

  // An increase effective in two days, announced today: refused, the earliest date is named.
  form = await fillDecision(page, "Sucre (kg)", "33", "40", day(2));
  await form.getByLabel("Crieur public").check();
  await form.getByLabel("Hassi Chegar").check();
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(form.getByRole("alert").first()).toContainText(`la date d'effet la plus proche est le ${day(7)}`);
  await expect(page.getByTestId("decision-list")).not.toContainText("Sucre");

  // With the earliest date it is accepted; the notice is dated by the server, today.
  await form.getByLabel("Date d'effet").fill(day(7));
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(form.getByRole("status")).toHaveText("Prix enregistré.");
  await expect(page.getByTestId("decision-list")).toContainText(`Annonce enregistrée le ${day()} · Crieur public · villages : Hassi Chegar`);
  const session = page.url();

  // Not public while the session is a draft: the board still shows the agreed prices of before.
  await page.goto(base);
  await expect(page.getByTestId("product-Savon").getByTestId("current-price")).toHaveText("15 MRU");
  await expect(page.getByTestId("product-Sucre")).not.toContainText("40 MRU");

  // Closing the session publishes its decisions, and the board announces the increase.
  await page.goto(session);
  await closeSession(page);
  await page.goto(base);
  await expect(page.getByTestId("product-Savon").getByTestId("current-price")).toHaveText("14 MRU");
  await expect(page.getByTestId("product-Sucre")).toContainText(`40 MRU à partir du ${day(7)}`);
});

test("a session missing the traders' federation cannot decide, and says so", async ({ page }) => {
  await signInTo(page, "editor@fassala.demo", "fassala");
  await newSession(page, "Hassi Chegar", all.slice(0, 3));
  await expect(page.getByTestId("quorum-status")).toContainText("Manque : Fédération des commerçants");
  const form = await fillDecision(page, "Mil (kg)", "20", "24", day());
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(form.getByRole("alert").first()).toContainText("la séance n'a pas le quorum");
  await expect(form.getByRole("alert").first()).toContainText("fédération des commerçants");
  await expect(page.getByTestId("decision-list").locator("li")).toHaveCount(0);
});

test("an ADICOR viewer reads Fassala's prices, but the server refuses a forged write", async ({ browser }) => {
  const editor = await newSignedInPage(browser, "editor@fassala.demo", "fassala");
  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");

  await viewer.page.goto("/adicor/prices");
  await expect(viewer.page).toHaveURL(/\/adicor\/prices\/fassala$/);
  await expect(viewer.page.getByTestId("product-Riz")).toBeVisible();
  await expect(viewer.page.getByTestId("read-only")).toBeVisible();
  await expect(viewer.page.getByTestId("new-session")).toHaveCount(0);

  // Capture the editor's real decision request on the demo's draft session, without sending it...
  await editor.page.goto(base);
  await editor.page.getByRole("link", { name: day(-10) }).click();
  await expect(editor.page.getByTestId("decide-price")).toBeVisible();
  const form = await fillDecision(editor.page, "Thé vert (paquet 250 g)", "40", "45", day());
  let captured: { url: string; headers: Record<string, string>; body: Buffer } | undefined;
  await editor.page.route("**/sessions/**", async (route) => {
    const req = route.request();
    if (req.method() !== "POST") return route.continue();
    captured = { url: req.url(), headers: await req.allHeaders(), body: req.postDataBuffer() ?? Buffer.alloc(0) };
    await route.abort();
  });
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect.poll(() => captured).toBeTruthy();

  // ...then replay it with the ADICOR viewer's session: refused, nothing recorded.
  const { cookie: _editorCookie, ...headers } = captured!.headers;
  const res = await viewer.context.request.post(captured!.url, { headers, data: captured!.body });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).not.toContain('"status":"ok"');
  await viewer.page.goto("/adicor/prices/fassala");
  await expect(viewer.page.getByTestId("product-Thé vert").getByTestId("current-price")).toHaveText("58 MRU");

  await editor.context.close();
  await viewer.context.close();
});

test("a Bassikounou member gets 404 on Fassala's committee", async ({ page }) => {
  await signInTo(page, "admin@bassikounou.demo", "bassikounou");
  expect((await page.goto("/bassikounou/prices/fassala"))?.status()).toBe(404);
  expect((await page.goto(`${base}`))?.status()).toBe(404);
  expect((await page.goto("/bassikounou/prices/fassala/board"))?.status()).toBe(404);
  // Its own committee is there, without Fassala's products.
  await page.goto("/bassikounou/prices");
  await expect(page).toHaveURL(/\/bassikounou\/prices\/bassikounou$/);
  await expect(page.getByTestId("product-table")).toContainText("Riz (Bassikounou)");
  await expect(page.getByTestId("product-table")).not.toContainText("Voile");
});

test("the price board renders right-to-left in Arabic and prints on exactly one A4 page", async ({ page }) => {
  await signInTo(page, "viewer@fassala.demo", "fassala");
  await page.goto(`${base}/board?lang=ar`);
  const board = page.getByTestId("price-board");
  await expect(board).toHaveAttribute("dir", "rtl");
  expect(await board.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
  await expect(board).toContainText("أرز");
  await expect(board).toContainText("كيس 50 كغ");
  await expect(board.getByRole("heading", { level: 1 })).toHaveText("الأسعار المتفق عليها — Commune de Fassala");
  await expect(page.getByTestId("board-item")).toHaveCount(17);
  // The rice increase of the demo's draft session is not public until that session is closed.
  await expect(board.getByTestId("board-item").filter({ hasText: "أرز" })).toContainText("1,450");
  await expect(board.getByTestId("board-item").filter({ hasText: "أرز" }).getByTestId("board-upcoming")).toHaveCount(0);
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? [];
  expect(pages).toHaveLength(1);
});

test("on a 360 px phone the board is readable at arm's length in Arabic and French, and prints on one A4 page in French too", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await signInTo(page, "viewer@fassala.demo", "fassala");
  for (const lang of ["ar", "fr"]) {
    await page.goto(`${base}/board?lang=${lang}`);
    const items = page.getByTestId("board-item");
    await expect(items).toHaveCount(17);
    // Nothing slides sideways, and each line shows its pictogram, its whole name and its whole
    // price in large type (no "100" for 2,100), with the currency named in the board's language.
    const report = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const wide = document.documentElement.scrollWidth > vw;
      const lines = [...document.querySelectorAll("[data-testid=board-item]")].map((li) => {
        const [name, , price] = [...li.querySelectorAll("p")];
        const svg = li.querySelector("svg");
        const box = (el: Element | null) => (el ? el.getBoundingClientRect() : null);
        const inside = (el: Element | null) => {
          const r = box(el);
          return !!r && r.width > 0 && r.left >= -1 && r.right <= vw + 1;
        };
        return {
          name: name?.textContent ?? "",
          nameShown: inside(name) && name.scrollWidth <= name.clientWidth + 1,
          priceShown: inside(price) && price.scrollWidth <= price.clientWidth + 1,
          pictogram: inside(svg),
          priceSize: price ? parseFloat(getComputedStyle(price).fontSize) : 0,
        };
      });
      return { wide, lines };
    });
    expect(report.wide, `${lang}: the page is wider than the phone`).toBe(false);
    for (const l of report.lines) {
      expect(l, `${lang}: ${l.name}`).toMatchObject({ nameShown: true, priceShown: true, pictogram: true });
      expect(l.priceSize, `${lang}: ${l.name}`).toBeGreaterThanOrEqual(28);
    }
    await expect(page.getByTestId("price-board").locator("[data-currency=MRU]").first()).toHaveText(lang === "ar" ? "أوقية" : /ouguiya/i);
  }
  await page.emulateMedia({ media: "print" });
  const pdf = await page.pdf({ format: "A4", printBackground: true });
  expect(pdf.toString("latin1").match(/\/Type\s*\/Page(?!s)/g) ?? []).toHaveLength(1);
  await context.close();
});

test("the public board link shows the board only while the admin enables it", async ({ page, browser }) => {
  await signInTo(page, "admin@fassala.demo", "fassala");
  await page.goto(`${base}/settings`);
  await page.getByTestId("board-enable").getByRole("button").click();
  const link = page.getByTestId("public-board-link");
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  const anon = await browser.newContext();
  const visitor = await anon.newPage();
  expect((await visitor.goto(`${href}?lang=fr`))?.status()).toBe(200);
  await expect(visitor.getByTestId("price-board")).toContainText("Riz");
  // The board and nothing else: no link into the portal.
  await expect(visitor.locator("a[href^='/']")).toHaveCount(0);
  await page.getByTestId("board-disable").getByRole("button").click();
  await expect(page.getByTestId("board-enable")).toBeVisible();
  expect((await visitor.goto(href))?.status()).toBe(404);
  await anon.close();
});

test("without JavaScript, a market observation is still recorded by a plain form post", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#email").fill("editor@fassala.demo");
  await page.locator("#password").fill("tamkin-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/fassala$/);
  await page.goto(`${base}/market`);
  const form = page.getByTestId("new-observation");
  await form.getByLabel("Produit").selectOption({ label: "Savon (morceau)" });
  await form.getByLabel("Marché ou village").selectOption({ label: "Tenhamed" });
  await form.getByLabel("Prix de détail observé (MRU)").fill("17");
  await form.getByRole("button", { name: "Enregistrer l'observation" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Observation" })).toHaveText("Observation enregistrée.");
  await page.goto(`${base}/market`);
  await expect(page.getByTestId("observation-table").locator("tr", { hasText: "Tenhamed" }).first()).toContainText("17 MRU");
  await context.close();
});

test("without JavaScript, a notice without village is refused beside the field; a decision is withdrawn with a reason; attendees are fixed once the session decides", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#email").fill("editor@fassala.demo");
  await page.locator("#password").fill("tamkin-demo");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/fassala$/);
  // The demo's draft session, which has already decided (the rice increase).
  await page.goto(base);
  await page.getByRole("link", { name: day(-10) }).click();
  const session = page.url();
  await expect(page.getByTestId("attendees-locked")).toContainText("ne peuvent plus être retirés");
  await expect(page.getByTestId("attendee-list").getByRole("button", { name: "Retirer" }).first()).toBeDisabled();
  // The same person twice (case and spaces aside) is refused, beside the name.
  let add = page.getByTestId("add-attendee");
  await add.getByLabel("Nom").fill("  sidi OULD cheikh ");
  await add.getByLabel("Collège").selectOption({ label: "Commune" });
  await add.getByRole("button", { name: "Ajouter le participant" }).click();
  add = page.getByTestId("add-attendee");
  await expect(add.getByRole("alert").filter({ hasText: "déjà inscrite" }).first()).toBeVisible();

  let form = await fillDecision(page, "Sel (kg)", "8", "9", day());
  await form.getByLabel("Radio").check();
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  form = page.getByTestId("decide-price");
  await expect(form.getByRole("group", { name: "Villages informés" }).getByRole("alert")).toHaveText("Une annonce indique au moins un village informé.");
  await expect(page.getByTestId("decision-list")).not.toContainText("Sel");

  form = await fillDecision(page, "Sel (kg)", "8", "9", day());
  await form.getByLabel("Radio").check();
  await form.getByLabel("Mbouna").check();
  await form.getByRole("button", { name: "Enregistrer la décision" }).click();
  await expect(page.getByTestId("decide-price").getByRole("status")).toHaveText("Prix enregistré.");
  await page.goto(session);
  const sel = page
    .getByTestId("decision-list")
    .locator("li")
    .filter({ has: page.getByRole("link", { name: "Sel", exact: true }) });
  await expect(sel).toContainText(`Annonce enregistrée le ${day()} · Radio · villages : Mbouna`);
  await expect(sel.getByTestId("decision-quorum")).toContainText("Quorum atteint");

  // Withdrawn with a reason (required, said beside the field); the decision stays listed.
  await sel.getByText("Retirer cette décision").click();
  await sel.locator("form[data-testid^='withdraw-']").getByRole("button", { name: "Retirer la décision" }).click();
  // The refusal comes back with the form unfolded and the message beside the field.
  const refused = sel.locator("form[data-testid^='withdraw-']");
  await expect(refused.getByRole("alert").filter({ hasText: "Indiquez un motif." })).toBeVisible();
  await refused.getByLabel("Motif").fill("Prix non négocié avec la fédération");
  await refused.getByRole("button", { name: "Retirer la décision" }).click();
  // The page comes back with the decision struck through, its reason beside it, and no form.
  await expect(sel.getByTestId("decision-withdrawn")).toContainText("Retirée");
  await expect(sel.getByTestId("decision-withdrawn")).toContainText("Prix non négocié avec la fédération");
  await expect(sel.getByText("Retirer cette décision")).toHaveCount(0);
  await context.close();
});

test("the committee's pages have no serious accessibility violations", async ({ page }) => {
  test.setTimeout(180_000); // seven axe scans
  await signInTo(page, "editor@fassala.demo", "fassala");
  for (const path of [base, `${base}/market`, `${base}/dashboard`, `${base}/notices`, `${base}/board?lang=ar`]) {
    await page.goto(path);
    expect(await seriousViolations(page), path).toEqual([]);
  }
  await page.goto(base);
  await page.getByRole("link", { name: day(-10) }).click();
  await expect(page.getByTestId("decide-price")).toBeVisible();
  expect(await seriousViolations(page), "session").toEqual([]);
  await page
    .getByRole("link", { name: /Commande groupée/ })
    .first()
    .click();
  await expect(page.getByTestId("totals-group")).toBeVisible();
  expect(await seriousViolations(page), "order").toEqual([]);
});

test("a delivered grouped order shows totals per group and per product, and the shortfalls", async ({ page }) => {
  await signInTo(page, "viewer@adicor.demo", "adicor");
  await page.goto("/adicor/prices/fassala");
  await page.getByRole("link", { name: day(-100) }).click();
  await page.getByRole("link", { name: /Commande groupée/ }).click();
  await expect(page.getByTestId("order-status")).toHaveText("livrée");
  // Boudjibiha's shop received 5 kg of sugar less than ordered (32 MRU/kg).
  await expect(page.getByTestId("totals-group-row").filter({ hasText: "Boudjibiha" })).toContainText("-5 / -160 MRU");
  await expect(page.getByTestId("totals-product-row").filter({ hasText: "Sucre" })).toContainText("-5 / -160 MRU");
  // Twelve shops and the total.
  await expect(page.getByTestId("totals-group-row")).toHaveCount(13);
  await expect(page.getByTestId("save-order")).toHaveCount(0);
});

test("an ADICOR coach records a market price in Fassala; an ADICOR viewer gets no form", async ({ browser }) => {
  const coach = await newSignedInPage(browser, "editor@adicor.demo", "adicor");
  await coach.page.goto("/adicor/prices/fassala/market");
  const form = coach.page.getByTestId("new-observation");
  await form.getByLabel("Produit").selectOption({ label: "Mil (kg)" });
  await form.getByLabel("Marché ou village").selectOption({ label: "Lehraijat" });
  await form.getByLabel("Prix de détail observé (MRU)").fill("27");
  await form.getByRole("button", { name: "Enregistrer l'observation" }).click();
  await expect(form.getByRole("status")).toHaveText("Observation enregistrée.");
  await coach.page.reload();
  await expect(coach.page.getByTestId("observation-table").locator("tr", { hasText: "Lehraijat" }).first()).toContainText("27 MRU");
  // The coach still cannot touch the committee's decisions.
  await coach.page.goto("/adicor/prices/fassala");
  await expect(coach.page.getByTestId("new-session")).toHaveCount(0);

  const viewer = await newSignedInPage(browser, "viewer@adicor.demo", "adicor");
  await viewer.page.goto("/adicor/prices/fassala/market");
  await expect(viewer.page.getByTestId("observation-table")).toBeVisible();
  await expect(viewer.page.getByTestId("new-observation")).toHaveCount(0);
  await coach.context.close();
  await viewer.context.close();
});

// Both edit the demo's draft session: one after the other.
test.describe("concurrent edits of the demo's draft session", () => {
  test.describe.configure({ mode: "serial" });

  test("the second of two concurrent edits of a draft session is refused with who and when; nothing is lost", async ({ browser }) => {
    const a = await newSignedInPage(browser, "editor@fassala.demo", "fassala");
    const b = await newSignedInPage(browser, "admin@fassala.demo", "fassala");
    for (const { page } of [a, b]) {
      await page.goto(base);
      await page.getByRole("link", { name: day(-10) }).click();
      await expect(page.getByTestId("edit-session")).toBeVisible();
    }
    const formA = a.page.getByTestId("edit-session");
    await formA.getByLabel("Procès-verbal").fill("Texte de l'éditeur");
    await formA.getByRole("button", { name: "Enregistrer" }).click();
    await expect(formA.getByRole("status")).toHaveText("Séance enregistrée.");

    const formB = b.page.getByTestId("edit-session");
    await formB.getByLabel("Procès-verbal").fill("Texte de l'administrateur");
    await formB.getByRole("button", { name: "Enregistrer" }).click();
    await expect(formB.getByRole("alert").first()).toContainText(/Modifié entre-temps par Editor fassala à \d{4}-\d{2}-\d{2} \d{2}:\d{2} : rechargez la page/);
    await expect(formB.getByLabel("Procès-verbal")).toHaveValue("Texte de l'administrateur");

    await b.page.reload();
    await expect(b.page.getByTestId("edit-session").getByLabel("Procès-verbal")).toHaveValue("Texte de l'éditeur");
    await a.context.close();
    await b.context.close();
  });

  test("without JavaScript too, a stale save of a session is refused and the typed minutes are kept", async ({ browser }) => {
    const open = async (email: string) => {
      const context = await browser.newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto("/login");
      await page.locator("#email").fill(email);
      await page.locator("#password").fill("tamkin-demo");
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(/\/fassala$/);
      await page.goto(base);
      await page.getByRole("link", { name: day(-10) }).click();
      return { context, page, form: page.getByTestId("edit-session") };
    };
    const a = await open("editor@fassala.demo");
    const b = await open("admin@fassala.demo");
    await a.form.getByLabel("Lieu").fill("Mairie, salle 2");
    await a.form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(a.page.getByRole("status")).toHaveText("Séance enregistrée.");
    await b.form.getByLabel("Lieu").fill("Hassi Chegar, sous l'arbre");
    await b.form.getByRole("button", { name: "Enregistrer" }).click();
    await expect(b.page.getByTestId("edit-session").getByRole("alert").first()).toContainText("Modifié entre-temps par Editor fassala");
    await expect(b.page.getByTestId("edit-session").getByLabel("Lieu")).toHaveValue("Hassi Chegar, sous l'arbre");
    await a.context.close();
    await b.context.close();
  });
});

import { writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { signInTo } from "./helpers";

/**
 * Imports (issue 14.1) through the browser: a CSV of members uploaded, its preview's counts, the
 * commit, the people then listed; the same file again adds nothing. Without JavaScript too: a
 * ledger CSV through the plain multipart form, its lines then in the ledger. In ONG Tadamoun, whose
 * figures no other spec counts: an ADICOR import would change the inclusion page and the dashboard
 * totals that specs running beside this one read.
 */
test.describe.configure({ mode: "serial" });

// Names no demo record has (letters only: the near-duplicate check compares names).
const tag = [...String(Date.now()).slice(-6)].map((d) => "abcdefghij"[Number(d)]).join("");
const GROUP = "Boutique Tadamoun d'Agoueinit";
const VILLAGE = "Tenhamed";
const today = new Date().toISOString().slice(0, 10);

const membersCsv = () =>
  Buffer.from(
    [
      "Groupe;Nom;Sexe;Année de naissance;Village ou campement;Taille du ménage;Statut du ménage;WG voir;Date d'adhésion",
      `${GROUP};Zeinabou Imp${tag};femme;1991;${VILLAGE};5;population hôte;aucune difficulté;${today}`,
      `${GROUP};Mohamed Imp${tag};homme;1987;${VILLAGE};3;réfugié hors camp;2;${today}`,
      `${GROUP};Sans Village;femme;1990;Nulle Part;3;population hôte;;${today}`,
    ].join("\r\n"),
  );

test("a members CSV: preview with its counts and errors, commit, the people listed; again, nothing added", async ({ page }) => {
  await signInTo(page, "admin@tadamoun.demo", "tadamoun");
  await page.getByTestId("admin-menu").getByText("Administration").click();
  await page.getByTestId("admin-menu").getByRole("link", { name: "Importer" }).click();
  await expect(page).toHaveURL(/\/tadamoun\/import$/);
  const form = page.getByTestId("import-upload-form");
  await form.getByLabel("Membres des groupes").check();
  await form.getByLabel("Fichier").setInputFiles({ name: "membres.csv", mimeType: "text/csv", buffer: membersCsv() });
  await page.getByTestId("import-upload").click();
  await expect(page).toHaveURL(/\/tadamoun\/import\?upload=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("count-rows")).toHaveText("3");
  await expect(page.getByTestId("count-new")).toHaveText("2");
  await expect(page.getByTestId("count-invalid")).toHaveText("1");
  const invalid = page.getByTestId("import-rows").locator('tr[data-status="invalid"]');
  await expect(invalid).toContainText("Village ou campement");
  await expect(invalid).toContainText("Nulle Part");
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-committed")).toContainText("Importé le");

  await page.goto(`/tadamoun/people?q=Imp${tag}`);
  await expect(page.getByTestId("people-table")).toContainText(`Zeinabou Imp${tag}`);
  await expect(page.getByTestId("people-table")).toContainText(`Mohamed Imp${tag}`);

  await page.goto("/tadamoun/import");
  await page.getByTestId("import-upload-form").getByLabel("Fichier").setInputFiles({ name: "membres.csv", mimeType: "text/csv", buffer: membersCsv() });
  await page.getByTestId("import-upload").click();
  await expect(page.getByTestId("count-new")).toHaveText("0");
  await expect(page.getByTestId("count-duplicate")).toHaveText("2");
  await expect(page.getByTestId("import-nothing-new")).toBeVisible();
});

test("without JavaScript: a ledger CSV uploaded and committed, its lines in the ledger; a bad file refused", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInTo(page, "admin@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/import");
  const form = page.getByTestId("import-upload-form");
  await form.getByLabel("Opérations du cahier de caisse").check();
  await form.getByLabel("Fichier").setInputFiles({ name: "rapport.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\u0000\u0001") });
  await page.getByTestId("import-upload").click();
  await expect(page.getByText("Ce fichier n'est pas un classeur XLSX ni un fichier CSV.")).toBeVisible();

  const note = `import ${tag}`;
  const csv = ["Groupe,Opération,Date,Montant,Devise,Note", `${GROUP},vente,${today},1234,MRU,${note}`, `${GROUP},apport,${today},4321,MRU,${note}`].join("\n");
  await page.getByTestId("import-upload-form").getByLabel("Opérations du cahier de caisse").check();
  await page
    .getByTestId("import-upload-form")
    .getByLabel("Fichier")
    .setInputFiles({ name: "caisse.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-upload").click();
  await expect(page).toHaveURL(/\/tadamoun\/import\?upload=/);
  await expect(page.getByTestId("count-new")).toHaveText("2");
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-committed")).toContainText("Importé le");
  await page.goto(`/tadamoun/ledger?q=${encodeURIComponent(note)}`);
  await expect(page.getByTestId("ledger-list")).toContainText(note);
  await expect(page.getByTestId("ledger-list").locator("tr", { hasText: note })).toHaveCount(2);
  await context.close();
});

test("a file over 1 MB is taken (the import page's limit is the file's, 20 MB), streamed to the upload route, and the button shows a bar while it is read", async ({
  page,
}, testInfo) => {
  // 2,400 lines with long notes: about 1.2 MB, more than any other form's body may be.
  const pad = "x".repeat(440);
  const lines = ["Groupe,Opération,Date,Montant,Devise,Note"];
  for (let i = 0; i < 2400; i++) lines.push(`${GROUP},vente,${today},${1000 + i},MRU,gros ${tag} ${i} ${pad}`);
  const buffer = Buffer.from(lines.join("\r\n"));
  expect(buffer.length).toBeGreaterThan(1024 * 1024);
  await signInTo(page, "admin@tadamoun.demo", "tadamoun");
  // Any other page still refuses a body over 1 MB before it reaches the server.
  expect((await page.request.post("/tadamoun/groups", { data: buffer, headers: { "content-type": "text/plain" } })).status()).toBe(413);
  await page.goto("/tadamoun/import");
  const form = page.getByTestId("import-upload-form");
  await form.getByLabel("Opérations du cahier de caisse").check();
  // Over 20 MB: refused by the page before a byte is sent, with the server's own message.
  const uploads: string[] = [];
  page.on("request", (r) => r.url().includes("/import/upload") && uploads.push(r.url()));
  // (A file on disk: a buffer this large is slow to hand to the browser.)
  const tooLarge = testInfo.outputPath("trop.csv");
  writeFileSync(tooLarge, Buffer.alloc(20 * 1024 * 1024 + 1, "a"));
  await form.getByLabel("Fichier").setInputFiles(tooLarge);
  await page.getByTestId("import-upload").click();
  await expect(page.getByText("Le fichier dépasse 20 Mo. Découpez-le en plusieurs fichiers.")).toBeVisible();
  expect(uploads).toEqual([]);

  await form.getByLabel("Fichier").setInputFiles({ name: "gros.csv", mimeType: "text/csv", buffer });
  // With JavaScript the file itself is the body of a request to the upload route (never held
  // whole by the server), answered with the upload's id; the page then shows its preview.
  const sent = page.waitForResponse((r) => new URL(r.url()).pathname === "/tadamoun/import/upload" && r.request().method() === "POST");
  await page.getByTestId("import-upload").click();
  await expect(page.getByTestId("import-progress")).toBeVisible();
  const answer = await sent;
  expect(answer.status()).toBe(200);
  await expect(page).toHaveURL(/\/tadamoun\/import\?upload=[0-9a-f-]{36}$/);
  expect(page.url()).toContain(((await answer.json()) as { uploadId: string }).uploadId);
  await expect(page.getByTestId("count-rows")).toHaveText("2400");
  await expect(page.getByTestId("count-new")).toHaveText("2400");
  // Not committed: nothing of it counts anywhere.
  await page.getByRole("button", { name: "Abandonner cet import" }).click();
  await expect(page.getByText("Import abandonné.")).toBeVisible();
});

test("a commune's editor imports market prices (its kinds only): the preview names the unknown market, then the prices are on the market page", async ({
  page,
}) => {
  // A past day and prices no other spec records: the price pages other specs read stay as they were.
  const price = 7000 + (Number(String(Date.now()).slice(-3)) % 900);
  const csv = [
    "Produit;Marché;Date du relevé;Prix",
    `Riz;Tinzah;15/01/2024;${price}`,
    `سكر;Mbouna;2024-01-15;${price + 1}`,
    `Riz;Nulle Part;2024-01-15;${price}`,
  ].join("\r\n");
  await signInTo(page, "editor@fassala.demo", "fassala");
  await page.getByTestId("admin-menu").getByText("Administration").click();
  await page.getByTestId("admin-menu").getByRole("link", { name: "Importer" }).click();
  await expect(page).toHaveURL(/\/fassala\/import$/);
  const form = page.getByTestId("import-upload-form");
  // Market prices and its sessions' attendance: a commune records no group, member or cash-book line.
  await expect(form.getByRole("radio")).toHaveCount(2);
  await expect(form.getByLabel("Participants aux séances du comité des prix")).toBeVisible();
  await form.getByLabel("Relevés de prix sur les marchés").check();
  await expect(page.getByTestId("import-templates").getByRole("link")).toHaveCount(12);
  await form.getByLabel("Fichier").setInputFiles({ name: "prix.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByTestId("import-upload").click();
  await expect(page).toHaveURL(/\/fassala\/import\?upload=[0-9a-f-]{36}$/);
  await expect(page.getByTestId("count-new")).toHaveText("2");
  await expect(page.getByTestId("count-invalid")).toHaveText("1");
  // (In French: the commune's editor is shared with the price specs, which read French labels.)
  await expect(page.getByTestId("import-rows").locator('tr[data-status="invalid"]')).toContainText(
    "Marché : Aucun village ou campement de la commune ne s'appelle « Nulle Part »",
  );
  await page.getByTestId("import-commit").click();
  await expect(page.getByTestId("import-committed")).toBeVisible();
  await page.goto(`/fassala/prices/fassala/market?q=${price + 1}`);
  await expect(page.getByTestId("observation-table").locator("tr", { hasText: "Mbouna" })).toHaveCount(1);
});

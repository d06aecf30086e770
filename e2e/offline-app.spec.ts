import { expect, test, type Page } from "@playwright/test";
import { offlineReady, signInTo } from "./helpers";

// Changes the demo ledger (a sale of a note of its own) and the browser's caches: one at a time.
test.describe.configure({ mode: "serial" });
// These tests are about the service worker, which the other specs block (playwright.config.ts).
test.use({ serviceWorkers: "allow" });

async function openShop(page: Page) {
  await page.goto("/tadamoun/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique Tadamoun d'Agoueinit", exact: true }).getAttribute("href");
  await page.goto(href!);
  return href!;
}

test("the app installs per organisation: a manifest in the page's language, with its icons, fetched without cookies", async ({ page, request }) => {
  const ar = await request.get("/tadamoun/app.webmanifest?lang=ar");
  expect(ar.status()).toBe(200);
  expect(ar.headers()["content-type"]).toContain("application/manifest+json");
  const m = (await ar.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose: string }[] };
  expect(m).toMatchObject({ name: "تمكين", lang: "ar", dir: "rtl", start_url: "/tadamoun?app=1", display: "standalone", theme_color: "#065f46" });
  expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of m.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  }
  expect(((await (await request.get("/tadamoun/app.webmanifest?lang=fr")).json()) as { dir: string }).dir).toBe("ltr");
  expect((await request.get("/-not-a-slug/app.webmanifest")).status()).toBe(404);

  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/tadamoun/app.webmanifest?lang=fr");
});

test("the service worker loads only with an entry form; the entry page then reloads offline and a sale recorded there is synced once", async ({
  page,
  context,
}) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/dashboard");
  await page.waitForLoadState("networkidle");
  // Pages without an entry form: no worker, no offline code.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

  const href = await openShop(page);
  await offlineReady(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL)).toMatch(/\/serwist\/sw\.js$/);

  await context.setOffline(true);
  await page.reload();
  const form = page.getByTestId("record-entry-form");
  await expect(page.getByTestId("group-name")).toHaveText("Boutique Tadamoun d'Agoueinit");
  const note = `vente app hors ligne ${Date.now()}`;
  await form.getByLabel("Montant").fill("1234");
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");

  // Reloaded again offline: the page from the cache, the entry still pending.
  await page.reload();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  // A page that was not kept: the offline page, in the three languages.
  await page.goto("/tadamoun/people");
  await expect(page.getByTestId("offline-page")).toContainText("Pas de connexion");
  await expect(page.getByTestId("offline-page")).toContainText("لا يوجد اتصال");

  await page.goto(href);
  await context.setOffline(false);
  const ledger = page.getByTestId("ledger-table");
  await expect(ledger.getByText(note)).toHaveCount(1);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await page.reload();
  await expect(ledger.getByText(note)).toHaveCount(1);
});

test("offline, three sales wait in the outbox; one is corrected in its form, one discarded; back online exactly the two others reach the ledger, once", async ({
  page,
  context,
}) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await openShop(page);
  await offlineReady(page);
  await context.setOffline(true);
  // The page from the service worker's cache, its forms working.
  await page.reload();
  const form = page.getByTestId("record-entry-form");
  const stamp = Date.now();
  const notes = ["a", "b", "c"].map((x) => `file ${x} ${stamp}`);
  for (const [i, note] of notes.entries()) {
    await form.getByLabel("Montant").fill(String(101 + i));
    await form.getByLabel("Monnaie").selectOption("MRU");
    await form.getByLabel("Note").fill(note);
    await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
    await expect(page.getByTestId("outbox-pending")).toHaveText(`En attente (${i + 1})`);
  }
  const items = page.getByTestId("outbox").getByTestId("outbox-entry");
  await expect(items).toHaveCount(3);

  // The first, re-opened in its form with its values, checked by the form's schema, saved in its place.
  await items.filter({ hasText: notes[0] }).getByRole("button", { name: "Modifier" }).click();
  await expect(form.getByTestId("outbox-editing")).toBeVisible();
  await expect(form.getByLabel("Montant")).toHaveValue("101");
  await expect(form.getByLabel("Note")).toHaveValue(notes[0]);
  await form.getByLabel("Montant").fill("0");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form).toContainText("Le montant doit être supérieur à zéro");
  await form.getByLabel("Montant").fill("175");
  await form.getByLabel("Note").fill(`${notes[0]} corrigée`);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByTestId("outbox-editing")).toHaveCount(0);
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (3)");
  await expect(items.first()).toContainText("175 MRU");
  await expect(items.first()).toContainText(`${notes[0]} corrigée`);

  // The second, discarded after a confirmation ("keep" keeps it).
  const second = items.filter({ hasText: notes[1] });
  await second.getByRole("button", { name: "Supprimer" }).click();
  await second.getByRole("button", { name: "Garder" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (3)");
  await second.getByRole("button", { name: "Supprimer" }).click();
  await second.getByRole("button", { name: "Oui, supprimer" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (2)");

  // Back online: sent in order, and the ledger holds exactly the two that remained.
  await context.setOffline(false);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await page.reload();
  const rows = page
    .getByTestId("ledger-table")
    .getByRole("row")
    .filter({ hasText: String(stamp) });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: `${notes[0]} corrigée` })).toContainText("175");
  await expect(rows.filter({ hasText: notes[1] })).toHaveCount(0);
  await expect(rows.filter({ hasText: notes[2] })).toContainText("103");
});

test("sign-out forgets the outbox and the kept pages: the next user on the same phone reads nothing of the first", async ({ page, context }) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  const href = await openShop(page);
  await offlineReady(page);
  // An entry the server refuses stays in the outbox, with A's figures in it.
  await context.setOffline(true);
  const form = page.getByTestId("record-entry-form");
  await form.getByLabel("Montant").fill("888888888888");
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await context.setOffline(false);
  await expect(page.getByTestId("outbox-refused")).toContainText("888888888888");
  const kept = () =>
    page.evaluate(async () => {
      const names = (await caches.keys()).filter((n) => n.startsWith("tamkin-pages-"));
      const entries = await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open("tamkin-outbox", 1);
        open.onsuccess = () => {
          const count = open.result.transaction("entries").objectStore("entries").count();
          count.onsuccess = () => {
            resolve(count.result);
            open.result.close();
          };
        };
        open.onerror = () => reject(new Error("no outbox"));
      });
      return { pages: names.length, entries };
    });
  expect(await kept()).toEqual({ pages: 1, entries: 1 });

  // An unsent entry is never dropped silently: its count is shown, and "stay" keeps everything.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  const warning = page.getByTestId("sign-out-pending");
  await expect(warning).toContainText("1 saisie n'a pas encore été envoyée");
  await warning.getByRole("button", { name: "Rester connecté" }).click();
  await expect(warning).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`${href}$`));
  expect(await kept()).toEqual({ pages: 1, entries: 1 });
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await warning.getByRole("button", { name: "Se déconnecter et les supprimer" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await kept()).toEqual({ pages: 0, entries: 0 });

  // Another user signs in on the same phone: nothing of A in the browser's storage...
  await signInTo(page, "editor@ong-sahel.demo", "ong-sahel");
  // Every cached request and every IndexedDB record, as text (the worker's expiration records of
  // the shared scripts included: they name scripts, never a page).
  const stored = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(`${name} ${req.url}`);
    const records: string[] = [];
    for (const { name, version } of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name!, version);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(`cannot open ${name}`));
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const all = await new Promise<unknown[]>((resolve) => {
          const req = db.transaction(store).objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
        });
        for (const r of all) records.push(`${name}/${store} ${JSON.stringify(r)}`);
      }
      db.close();
    }
    return { urls, records };
  });
  const groupId = href.split("/").pop()!;
  const ofA = (s: string) =>
    s.includes("/tadamoun") || s.includes(groupId) || s.includes("888888888888") || s.includes("tamkin-pages-") || s.includes("user-key");
  expect(stored.urls.filter(ofA)).toEqual([]);
  expect(stored.records.filter(ofA)).toEqual([]);
  expect(await kept()).toEqual({ pages: 0, entries: 0 });
  // ...and, without a connection, A's page is not served.
  await context.setOffline(true);
  await page.goto(href);
  await expect(page.getByTestId("offline-page")).toBeVisible();
  await expect(page.getByText("Boutique Tadamoun d'Agoueinit")).toHaveCount(0);
  await expect(page.getByText("888888888888")).toHaveCount(0);
  await context.setOffline(false);
});

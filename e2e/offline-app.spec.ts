import { expect, test, type Page } from "@playwright/test";
import { offlineReady, signInTo } from "./helpers";

// Changes the demo ledger (a sale of a note of its own) and the browser's caches: one at a time.
test.describe.configure({ mode: "serial" });

async function openShop(page: Page) {
  await page.goto("/adicor/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique communautaire de Fassala", exact: true }).getAttribute("href");
  await page.goto(href!);
  return href!;
}

test("the app installs per organisation: a manifest in the page's language, with its icons, fetched without cookies", async ({ page, request }) => {
  const ar = await request.get("/adicor/app.webmanifest?lang=ar");
  expect(ar.status()).toBe(200);
  expect(ar.headers()["content-type"]).toContain("application/manifest+json");
  const m = (await ar.json()) as Record<string, unknown> & { icons: { src: string; sizes: string; purpose: string }[] };
  expect(m).toMatchObject({ name: "تمكين", lang: "ar", dir: "rtl", start_url: "/adicor?app=1", display: "standalone", theme_color: "#065f46" });
  expect(m.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of m.icons) {
    const res = await request.get(icon.src);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  }
  expect(((await (await request.get("/adicor/app.webmanifest?lang=fr")).json()) as { dir: string }).dir).toBe("ltr");
  expect((await request.get("/-not-a-slug/app.webmanifest")).status()).toBe(404);

  await signInTo(page, "editor@adicor.demo", "adicor");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/adicor/app.webmanifest?lang=fr");
});

test("the service worker loads only with an entry form; the entry page then reloads offline and a sale recorded there is synced once", async ({
  page,
  context,
}) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
  await page.goto("/adicor/dashboard");
  await page.waitForLoadState("networkidle");
  // Pages without an entry form: no worker, no offline code.
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);

  const href = await openShop(page);
  await offlineReady(page);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL)).toMatch(/\/serwist\/sw\.js$/);

  await context.setOffline(true);
  await page.reload();
  const form = page.getByTestId("record-entry-form");
  await expect(page.getByTestId("group-name")).toHaveText("Boutique communautaire de Fassala");
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
  await page.goto("/adicor/people");
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

test("sign-out forgets the outbox and the kept pages: the next user on the same phone reads nothing of the first", async ({ page, context }) => {
  await signInTo(page, "editor@adicor.demo", "adicor");
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

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect(await kept()).toEqual({ pages: 0, entries: 0 });

  // Another user signs in on the same phone, then loses the connection: A's page is not served.
  await signInTo(page, "editor@ong-sahel.demo", "ong-sahel");
  await context.setOffline(true);
  await page.goto(href);
  await expect(page.getByTestId("offline-page")).toBeVisible();
  await expect(page.getByText("Boutique communautaire de Fassala")).toHaveCount(0);
  await expect(page.getByText("888888888888")).toHaveCount(0);
  await context.setOffline(false);
});

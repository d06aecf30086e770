import { expect, test, type Page } from "@playwright/test";
import { signInTo } from "./helpers";

// The page's own requests are routed here (a send that fails, a sync that answers 503): without the
// service worker, whose fetches page.route does not see. Changes the demo ledger: one at a time.
test.use({ serviceWorkers: "block" });
test.describe.configure({ mode: "serial" });

async function openShop(page: Page) {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique Tadamoun d'Agoueinit", exact: true }).getAttribute("href");
  await page.goto(href!);
  await page.waitForLoadState("networkidle");
  return page.getByTestId("record-entry-form");
}

/** A sale whose send fails with the connection on (the request dies on the way): it is queued, not lost. */
async function recordWhileSendFails(page: Page, amount: string, note: string) {
  const form = page.getByTestId("record-entry-form");
  const failSend = (route: import("@playwright/test").Route) => (route.request().method() === "POST" ? route.abort("failed") : route.continue());
  await page.route("**/tadamoun/groups/**", failSend);
  await form.getByLabel("Montant").fill(amount);
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByTestId("saved-offline")).toBeVisible();
  await page.unroute("**/tadamoun/groups/**", failSend);
}

test("a send that fails online keeps the entry; re-opened in its form and corrected, and kept again through a server error, it is recorded once", async ({
  page,
}) => {
  await openShop(page);
  const ledger = page.getByTestId("ledger-table");
  const note = `envoi échoué ${Date.now()}`;
  // The sync answers 503 until told otherwise: nothing leaves the outbox meanwhile.
  const unavailable = (route: import("@playwright/test").Route) => route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
  await page.route("**/tadamoun/sync*", unavailable);
  await recordWhileSendFails(page, "500", note);
  const outbox = page.getByTestId("outbox");
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await expect(outbox.getByTestId("outbox-entry")).toContainText("500 MRU");

  // Corrected before it is sent: re-opened in its form with its values, checked by the form's schema.
  const form = page.getByTestId("record-entry-form");
  await outbox.getByRole("button", { name: "Modifier" }).click();
  await expect(form.getByTestId("outbox-editing")).toBeVisible();
  await expect(form.getByLabel("Montant")).toHaveValue("500");
  await expect(form.getByLabel("Note")).toHaveValue(note);
  await form.getByLabel("Montant").fill("0");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form).toContainText("Le montant doit être supérieur à zéro");
  await form.getByLabel("Montant").fill("750");
  // The send fails again: the corrected entry replaces the queued one (same key, one entry).
  const failSend = (route: import("@playwright/test").Route) => (route.request().method() === "POST" ? route.abort("failed") : route.continue());
  await page.route("**/tadamoun/groups/**", failSend);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByTestId("outbox-editing")).toHaveCount(0);
  await page.unroute("**/tadamoun/groups/**", failSend);
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await expect(outbox.getByTestId("outbox-entry")).toContainText("750 MRU");

  // A server error on the sync: the entry stays, and the user is told.
  await outbox.getByRole("button", { name: "Envoyer maintenant" }).click();
  await expect(page.getByTestId("outbox-failed")).toBeVisible();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await expect(ledger.getByText(note)).toHaveCount(0);

  await page.unroute("**/tadamoun/sync*", unavailable);
  await outbox.getByRole("button", { name: "Envoyer maintenant" }).click();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  const row = ledger.getByRole("row").filter({ hasText: note });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("750");
  await page.reload();
  await expect(ledger.getByRole("row").filter({ hasText: note })).toHaveCount(1);
});

test("an entry discarded from the outbox (after a confirmation) is never sent", async ({ page }) => {
  await openShop(page);
  const note = `écartée ${Date.now()}`;
  const unavailable = (route: import("@playwright/test").Route) => route.fulfill({ status: 503, contentType: "application/json", body: "{}" });
  await page.route("**/tadamoun/sync*", unavailable);
  await recordWhileSendFails(page, "321", note);
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  // Asked first: "keep" keeps it.
  const outbox = page.getByTestId("outbox");
  await outbox.getByRole("button", { name: "Supprimer" }).click();
  await expect(outbox.getByTestId("outbox-discard-ask")).toContainText("Supprimer cette saisie ?");
  await outbox.getByRole("button", { name: "Garder" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await outbox.getByRole("button", { name: "Supprimer" }).click();
  await outbox.getByRole("button", { name: "Oui, supprimer" }).click();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await page.unroute("**/tadamoun/sync*", unavailable);
  await page.reload();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await expect(page.getByTestId("ledger-table").getByText(note)).toHaveCount(0);
});

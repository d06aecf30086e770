import { expect, test } from "@playwright/test";
import { offlineReady, signInTo } from "./helpers";

// Changes the demo ledger (one sale of a note of its own).
test.describe.configure({ mode: "serial" });
// These tests are about the service worker, which the other specs block (playwright.config.ts).
test.use({ serviceWorkers: "allow" });

test("a coach records a sale offline: it waits in the outbox, is sent once back online, and a replay or a reload adds nothing", async ({ page, context }) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique Tadamoun d'Agoueinit", exact: true }).getAttribute("href");
  await page.goto(href!);
  const form = page.getByTestId("record-entry-form");
  const note = `vente hors ligne ${Date.now()}`;
  const ledger = page.getByTestId("ledger-table");
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  // The outbox's code is fetched once the page is ready, and the service worker keeps it.
  await offlineReady(page);

  await context.setOffline(true);
  const key = await form.locator('input[name="clientKey"]').inputValue();
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  await form.getByLabel("Montant").fill("4321");
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(form.getByTestId("saved-offline")).toBeVisible();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await expect(form.getByLabel("Montant")).toHaveValue("");
  // The next record has a key of its own.
  expect(await form.locator('input[name="clientKey"]').inputValue()).not.toBe(key);
  await expect(ledger.getByText(note)).toHaveCount(0);

  await context.setOffline(false);
  await expect(ledger.getByText(note)).toHaveCount(1);
  await expect(page.getByTestId("outbox")).toHaveCount(0);

  // The same entry sent again (a retry after a lost answer): the server answers "duplicate".
  const entry = {
    key,
    type: "entry",
    fields: { groupId: href!.split("/").pop()!, kind: "sale", occurredOn: new Date().toISOString().slice(0, 10), amount: "4321", currency: "MRU", note },
  };
  const replay = await page.evaluate(async (e) => {
    const res = await fetch("/tadamoun/sync", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ entries: [e] }) });
    return { status: res.status, body: (await res.json()) as { answers: { status: string }[] } };
  }, entry);
  expect(replay.status).toBe(200);
  expect(replay.body.answers[0].status).toBe("duplicate");
  await page.reload();
  await expect(ledger.getByText(note)).toHaveCount(1);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
});

test("an entry refused by the server stays in the outbox with its reason, until corrected in its form", async ({ page, context }) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/groups?activity=shop");
  const href = await page.getByRole("link", { name: "Boutique Tadamoun d'Agoueinit", exact: true }).getAttribute("href");
  await page.goto(href!);
  const form = page.getByTestId("record-entry-form");
  await offlineReady(page);
  await context.setOffline(true);
  // Far beyond the NGO's ceiling: the browser's schema lets it through, the server refuses it.
  await form.getByLabel("Montant").fill("999999999999");
  await form.getByLabel("Monnaie").selectOption("MRU");
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await context.setOffline(false);
  await expect(page.getByTestId("outbox-refused")).toContainText("999999999999");
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  // Re-opened in its form with its values, corrected and sent online under its key: it leaves the outbox.
  await page.getByTestId("outbox-refused").getByRole("button", { name: "Modifier" }).click();
  await expect(form.getByTestId("outbox-editing")).toBeVisible();
  await expect(form.getByLabel("Montant")).toHaveValue("999999999999");
  const note = `corrigée ${Date.now()}`;
  await form.getByLabel("Montant").fill("2468");
  await form.getByLabel("Note").fill(note);
  await form.getByRole("button", { name: "Enregistrer l'opération" }).click();
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await expect(form.getByTestId("outbox-editing")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("ledger-table").getByRole("row").filter({ hasText: note })).toHaveCount(1);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
});

test("a coach records a visit in a village without a connection: the coaching page opens offline, the visit waits in the outbox and is recorded once back online", async ({
  page,
  context,
}) => {
  await signInTo(page, "editor@tadamoun.demo", "tadamoun");
  await page.goto("/tadamoun/coaching");
  const form = page.getByTestId("visit-form");
  await expect(form).toHaveAttribute("data-offline-ready", "");
  await offlineReady(page);
  await context.setOffline(true);
  // The page from the service worker's cache, its form working.
  await page.reload();
  await expect(form).toHaveAttribute("data-offline-ready", "");
  const topics = `visite hors ligne ${Date.now()}`;
  await form.getByLabel("Groupe").selectOption({ index: 1 });
  await form.getByLabel("Thèmes abordés").fill(topics);
  await form.getByRole("button", { name: "Enregistrer la visite" }).click();
  await expect(form.getByTestId("saved-offline")).toBeVisible();
  await expect(page.getByTestId("outbox-pending")).toHaveText("En attente (1)");
  await expect(page.getByTestId("outbox-entry")).toContainText(`Visite le ${new Date().toISOString().slice(0, 10)}`);
  await expect(page.getByTestId("outbox-entry")).toContainText(topics);
  await context.setOffline(false);
  await expect(page.getByTestId("outbox")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText(topics)).toHaveCount(1);
});

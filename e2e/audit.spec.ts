import { expect, test } from "@playwright/test";
import { addMember, newSignedInPage, uniqueEmail } from "./helpers";

test("an admin browses the organisation's audit trail with filters; others get 404", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@ong-sahel.demo", "ong-sahel");
  // A write through a server action leaves a record...
  await admin.page.goto("/ong-sahel/members");
  const email = uniqueEmail("audit");
  await addMember(admin.page, "Aminetou Mint Sidi", email, "temporaire-2026");
  // On a wide screen the organisation's administration sits behind one menu of the navigation.
  await admin.page.getByTestId("admin-menu").getByText("Administration").click();
  await admin.page.getByTestId("admin-menu").getByRole("link", { name: "Journal d'audit" }).click();
  await expect(admin.page.getByRole("heading", { name: "Journal d'audit" })).toBeVisible();
  const actions = admin.page.getByTestId("audit-action");
  // ...but a sign-in belongs to no organisation: it is on the user's own account page only.
  await expect(actions.filter({ hasText: "Ajout d'un membre (invitation)" })).toHaveCount(1);
  await expect(actions.filter({ hasText: "Connexion" })).toHaveCount(0);

  // Filter by action: only that action remains.
  await admin.page.getByLabel("Action").selectOption({ label: "Ajout d'un membre (invitation)" });
  await admin.page.getByRole("button", { name: "Filtrer" }).click();
  await expect(admin.page).toHaveURL(/action=member\.add/);
  await expect(admin.page.getByTestId("audit-count")).toHaveText("1 entrée");
  await expect(admin.page.getByTestId("audit-row")).toContainText(email);

  // A date range with nothing in it, and malformed filters, are answered without error.
  expect((await admin.page.goto("/ong-sahel/audit?from=2001-01-01&to=2001-01-31"))?.status()).toBe(200);
  await expect(admin.page.getByTestId("audit-count")).toHaveText("Aucune entrée");
  expect((await admin.page.goto("/ong-sahel/audit?from=not-a-date&page=-4&action=%27%20or%201=1--"))?.status()).toBe(200);

  await admin.page.getByRole("link", { name: "Mon compte" }).first().click();
  await expect(admin.page).toHaveURL(/\/account$/);
  await expect(admin.page.getByTestId("account-event").filter({ hasText: "Connexion" }).first()).toBeVisible();

  // Another tenant's trail: 404, for its admin as for anyone else.
  expect((await admin.page.goto("/adicor/audit"))?.status()).toBe(404);
  await admin.context.close();

  const editor = await newSignedInPage(browser, "editor@ong-sahel.demo", "ong-sahel");
  await expect(editor.page.getByRole("link", { name: "Journal d'audit" })).toHaveCount(0);
  expect((await editor.page.goto("/ong-sahel/audit"))?.status()).toBe(404);
  await editor.context.close();
});

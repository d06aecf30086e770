import { expect, test } from "@playwright/test";
import { acceptFirstInvitation, addMember, newSignedInPage, signIn, uniqueEmail } from "./helpers";

test("an admin adds a member by address: a new account gets the temporary password and an invitation; accepted, its role changes and it is removed", async ({
  browser,
}) => {
  const admin = await newSignedInPage(browser, "admin@bassikounou.demo", "bassikounou");
  const email = uniqueEmail("agent");
  const temporary = "temporaire-2026";

  await admin.page.goto("/bassikounou/members");
  const create = admin.page.getByTestId("add-member-form");
  // The shared zod schema refuses a short password next to the field.
  await create.getByLabel("Nom complet").fill("Mariem Mint Ahmed");
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Mot de passe provisoire").fill("court");
  await create.getByRole("button", { name: "Inviter" }).click();
  await expect(create.getByText("Le mot de passe doit compter au moins 10 caractères.")).toBeVisible();
  await addMember(admin.page, "Mariem Mint Ahmed", email, temporary);
  await expect(create.getByText("Invitation enregistrée.", { exact: false })).toBeVisible();
  // Invited, not yet a member.
  await expect(admin.page.getByTestId(`member-${email}`)).toHaveCount(0);

  // The new user must change the temporary password at first sign-in, then accepts the invitation.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/account\/password$/);
  expect((await page.goto("/"))?.url()).toMatch(/\/account\/password$/);
  await page.context().clearCookies();
  await acceptFirstInvitation(page, email, temporary, "nouveau-mot-de-passe", "Commune de Bassikounou");
  await page.goto("/bassikounou");
  await expect(page.getByTestId("org-role")).toHaveText("Éditeur");
  await admin.page.reload();
  await expect(admin.page.getByTestId(`member-${email}`).getByTestId("member-role")).toHaveText("Éditeur");

  // A role change takes effect on the user's next request.
  const row = admin.page.getByTestId(`member-${email}`);
  await row.getByRole("combobox").selectOption("viewer");
  await row.getByRole("button", { name: /Changer le rôle/ }).click();
  await expect(row.getByTestId("member-role")).toHaveText("Lecteur");
  await page.reload();
  await expect(page.getByTestId("org-role")).toHaveText("Lecteur");

  // Removal too: the next request answers 404.
  await row.getByRole("button", { name: /Retirer/ }).click();
  await expect(admin.page.getByTestId(`member-${email}`)).toHaveCount(0);
  expect((await page.goto("/bassikounou"))?.status()).toBe(404);

  await context.close();
  await admin.context.close();
});

test("the last admin can be neither demoted nor removed", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@femmes-fassala.demo", "femmes-fassala");
  await admin.page.goto("/femmes-fassala/members");
  const row = admin.page.getByTestId("member-admin@femmes-fassala.demo");
  await row.getByRole("combobox").selectOption("editor");
  await row.getByRole("button", { name: /Changer le rôle/ }).click();
  await expect(row.getByRole("alert")).toContainText("au moins un administrateur");
  await row.getByRole("button", { name: /Retirer/ }).click();
  await expect(row.getByRole("alert")).toContainText("au moins un administrateur");
  await admin.page.reload();
  await expect(admin.page.getByTestId("member-admin@femmes-fassala.demo").getByTestId("member-role")).toHaveText("Administrateur");
  await admin.context.close();
});

test("an admin adds an existing user by address: the same form and answer as for a new one; a member only by accepting", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@bassikounou.demo", "bassikounou");
  await admin.page.goto("/bassikounou/members");
  const form = admin.page.getByTestId("add-member-form");
  // The name the admin types is what the members page shows; the account's own name and password stay.
  await addMember(admin.page, "Lectrice ONG Sahel", "viewer@ong-sahel.demo", "ignore-ce-mot", "Lecteur");
  await expect(form.getByText("Invitation enregistrée.", { exact: false })).toBeVisible();
  await expect(admin.page.getByTestId("invitation-viewer@ong-sahel.demo")).toContainText("Lectrice ONG Sahel");
  await expect(admin.page.getByTestId("member-viewer@ong-sahel.demo")).toHaveCount(0);
  // Only what the admin already sees is refused: an invitation of this organisation still pending.
  await form.getByLabel("Nom complet").fill("Encore elle");
  await form.getByLabel("E-mail").fill("viewer@ong-sahel.demo");
  await form.getByLabel("Mot de passe provisoire").fill("ignore-ce-mot");
  await form.getByRole("button", { name: "Inviter" }).click();
  await expect(form.locator("#new-email-error")).toHaveText("Cette personne a déjà une invitation en attente de réponse.");

  // The user accepts on their account page; then they have two organisations in the switcher.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "viewer@ong-sahel.demo");
  await expect(page.getByRole("heading", { name: "Vos organisations" }).or(page.getByTestId("org-role"))).toBeVisible();
  expect((await page.goto("/bassikounou"))?.status()).toBe(404);
  await page.goto("/account");
  const invitation = page.getByTestId("invitation").filter({ hasText: "Commune de Bassikounou" });
  await invitation.getByRole("button", { name: /Accepter/ }).click();
  await expect(page.getByTestId("my-org").filter({ hasText: "Commune de Bassikounou" })).toBeVisible();
  await expect(page.getByTestId("invitation")).toHaveCount(0);
  await page.goto("/ong-sahel");
  await page.getByLabel("Changer d'organisation").click();
  await page.getByRole("link", { name: /Commune de Bassikounou/ }).click();
  await expect(page).toHaveURL(/\/bassikounou$/);
  await expect(page.getByTestId("org-role")).toHaveText("Lecteur");
  await admin.page.reload();
  await expect(admin.page.getByTestId("member-viewer@ong-sahel.demo").getByTestId("member-role")).toHaveText("Lecteur");
  await context.close();
  await admin.context.close();
});

test("the members' table is sorted by the reader, by a heading's link, the order kept in the URL (works without JavaScript)", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@adicor.demo", "adicor");
  await admin.page.goto("/adicor/members");
  const table = admin.page.getByTestId("members-table");
  const emails = () => table.locator("tbody tr td[dir=ltr]").allInnerTexts();
  const byFr = (a: string, b: string) => a.localeCompare(b, "fr", { numeric: true, sensitivity: "base" });
  await table.getByRole("link", { name: "E-mail" }).click();
  await expect(admin.page).toHaveURL(/[?&]sort=email&dir=asc/);
  await expect(table.getByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "ascending");
  const asc = await emails();
  expect(asc.length).toBeGreaterThan(2);
  expect(asc).toEqual([...asc].sort(byFr));
  await table.getByRole("link", { name: "E-mail" }).click();
  await expect(admin.page).toHaveURL(/[?&]sort=email&dir=desc/);
  await expect(table.getByRole("columnheader", { name: "E-mail" })).toHaveAttribute("aria-sort", "descending");
  const desc = await emails();
  expect(desc).toEqual([...desc].sort(byFr).reverse());
  await expect(table.getByRole("columnheader", { name: "Nom" })).not.toHaveAttribute("aria-sort", /./);
  await admin.context.close();
});

import { expect, test } from "@playwright/test";
import { newSignedInPage, signIn, uniqueEmail } from "./helpers";

test("an admin creates an account with a temporary password, changes its role and removes it", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@bassikounou.demo", "bassikounou");
  const email = uniqueEmail("agent");
  const temporary = "temporaire-2026";

  await admin.page.goto("/bassikounou/members");
  const create = admin.page.getByTestId("create-user-form");
  // The shared zod schema refuses a short password next to the field.
  await create.getByLabel("Nom complet").fill("Mariem Mint Ahmed");
  await create.getByLabel("E-mail").fill(email);
  await create.getByLabel("Mot de passe provisoire").fill("court");
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(create.getByText("Le mot de passe doit compter au moins 10 caractères.")).toBeVisible();
  await create.getByLabel("Mot de passe provisoire").fill(temporary);
  await create.getByRole("button", { name: "Créer le compte" }).click();
  await expect(admin.page.getByTestId(`member-${email}`).getByTestId("member-role")).toHaveText("Éditeur");

  // The new user must change the temporary password at first sign-in.
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, temporary);
  await expect(page).toHaveURL(/\/account\/password$/);
  expect((await page.goto("/bassikounou"))?.url()).toMatch(/\/account\/password$/);
  await page.getByLabel("Mot de passe actuel").fill(temporary);
  await page.getByLabel("Nouveau mot de passe", { exact: true }).fill("nouveau-mot-de-passe");
  await page.getByLabel("Confirmer le nouveau mot de passe").fill("nouveau-mot-de-passe");
  await page.getByRole("button", { name: "Changer le mot de passe" }).click();
  await expect(page).toHaveURL(/\/bassikounou$/);
  await expect(page.getByTestId("org-role")).toHaveText("Éditeur");

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

test("an admin invites an existing user, who becomes a member only by accepting", async ({ browser }) => {
  const admin = await newSignedInPage(browser, "admin@bassikounou.demo", "bassikounou");
  await admin.page.goto("/bassikounou/members");
  const form = admin.page.getByTestId("invite-member-form");
  await form.getByLabel("E-mail").fill("viewer@ong-sahel.demo");
  await form.getByRole("button", { name: "Inviter" }).click();
  await expect(form.getByText("Invitation envoyée.", { exact: false })).toBeVisible();
  // Invited, not yet a member.
  await expect(admin.page.getByTestId("invitation-viewer@ong-sahel.demo")).toBeVisible();
  await expect(admin.page.getByTestId("member-viewer@ong-sahel.demo")).toHaveCount(0);
  await form.getByLabel("E-mail").fill("nobody-here@example.org");
  await form.getByRole("button", { name: "Inviter" }).click();
  await expect(form.locator("#invite-email-error")).toHaveText("Aucun compte avec cette adresse. Créez-le ci-dessous.");

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

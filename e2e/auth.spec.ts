import { expect, test } from "@playwright/test";
import { signIn, signInTo, uniqueEmail } from "./helpers";

const roleLabels = { admin: "Administrateur", editor: "Éditeur", viewer: "Lecteur" } as const;

for (const slug of ["adicor", "fassala"] as const) {
  for (const role of ["admin", "editor", "viewer"] as const) {
    test(`${role} of ${slug} signs in and lands in the organisation`, async ({ page }) => {
      await signInTo(page, `${role}@${slug}.demo`, slug);
      await expect(page.getByTestId("org-role")).toHaveText(roleLabels[role]);
      await expect(page.locator("h1")).toContainText(slug === "adicor" ? "ADICOR" : "Commune de Fassala");
      // The organisation's places are listed: Fassala's villages for both.
      await expect(page.getByText("Hodh Ech Chargui › Bassikounou › Fassala")).toBeVisible();
    });
  }
}

test("a wrong password shows one generic message", async ({ page }) => {
  await signIn(page, "editor@adicor.demo", "not-the-password");
  await expect(page.locator("main [role=alert]")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page).toHaveURL(/\/login$/);
  // An unknown account gets exactly the same answer.
  await signIn(page, uniqueEmail("nobody"), "not-the-password");
  await expect(page.locator("main [role=alert]")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
});

test("repeated failures are throttled with a try-again message", async ({ page }) => {
  const email = uniqueEmail("throttled");
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-password-${i}`);
    await expect(page.locator("main [role=alert]")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  }
  await signIn(page, email, "wrong-password-again");
  await expect(page.locator("main [role=alert]")).toHaveText("Trop de tentatives. Réessayez dans 15 minutes.");
});

test("sign-out ends the session", async ({ page }) => {
  await signInTo(page, "viewer@fassala.demo", "fassala");
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login$/);
  // Replaying the old cookie does not bring the session back: it was revoked on the server.
  await page.context().addCookies(cookies);
  const response = await page.goto("/fassala");
  await expect(page).toHaveURL(/\/login$/);
  expect(response?.status()).toBe(200);
});

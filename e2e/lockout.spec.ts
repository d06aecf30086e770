import { expect, test } from "@playwright/test";
import { acceptFirstInvitation, addMember, newSignedInPage, signIn, uniqueEmail } from "./helpers";

/**
 * Lockout is not a denial of service (issue 11, point 5; OWASP's advice): an attacker who locks an
 * account with wrong passwords stays locked out, even with the right password, while the owner
 * still gets in from the browser that signed in to the account before (its signed device cookie).
 * Its own account, made by an admin, so no other test's demo account is locked.
 */
test("a locked account still lets its owner in from a known browser; the attacker's browser stays throttled", async ({ browser }) => {
  // About a dozen sign-ins, each hashing a password on purpose slowly: a loaded CI machine needs more than the default minute.
  test.setTimeout(150_000);
  const admin = await newSignedInPage(browser, "admin@bassikounou.demo", "bassikounou");
  const email = uniqueEmail("owner");
  const temporary = "temporaire-2026";
  const password = "mot-de-passe-du-proprietaire";
  await admin.page.goto("/bassikounou/members");
  await addMember(admin.page, "Aïcha Mint Sidi", email, temporary);
  await admin.context.close();

  // The owner signs in once from their phone's browser (sets their own password, accepts the invitation).
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await acceptFirstInvitation(owner, email, temporary, password, "Commune de Bassikounou");
  await owner.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(owner).toHaveURL(/\/login$/);

  // Someone else guesses from another browser until the account locks.
  const attackerContext = await browser.newContext();
  const attacker = await attackerContext.newPage();
  for (let i = 0; i < 5; i++) {
    await signIn(attacker, email, `guess-${i}`);
    await expect(attacker.locator("main [role=alert]")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  }
  await signIn(attacker, email, "guess-again");
  await expect(attacker.locator("main [role=alert]")).toHaveText("Trop de tentatives. Réessayez dans 15 minutes.");
  // Even the right password does not get the attacker's browser in during the lockout.
  await signIn(attacker, email, password);
  await expect(attacker.locator("main [role=alert]")).toHaveText("Trop de tentatives. Réessayez dans 15 minutes.");
  await expect(attacker).toHaveURL(/\/login$/);

  // The owner, from the browser that signed in before, gets in.
  await signIn(owner, email, password);
  await expect(owner).toHaveURL(/\/bassikounou$/);
  await expect(owner.getByTestId("org-role")).toHaveText("Éditeur");

  // Without the device cookie (a new browser), the owner's own password is throttled too.
  const fresh = await (await browser.newContext()).newPage();
  await signIn(fresh, email, password);
  await expect(fresh.locator("main [role=alert]")).toHaveText("Trop de tentatives. Réessayez dans 15 minutes.");
  await attackerContext.close();
  await ownerContext.close();
});

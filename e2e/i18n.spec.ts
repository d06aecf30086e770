import { expect, test } from "@playwright/test";
import { setLanguage, signInTo } from "./helpers";

test("the sign-in page is French by default and the Arabic switch makes it right-to-left", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion");
  await setLanguage(page, "العربية");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("تسجيل الدخول");
  await setLanguage(page, "English");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
});

test("the language choice is remembered for the user on another device", async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await signInTo(page, "editor@femmes-fassala.demo", "femmes-fassala");
  await setLanguage(page, "العربية");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByTestId("org-role")).toHaveText("محرر");
  await first.close();

  const second = await browser.newContext();
  const page2 = await second.newPage();
  await page2.goto("/login");
  await expect(page2.locator("html")).toHaveAttribute("dir", "ltr");
  await signInTo(page2, "editor@femmes-fassala.demo", "femmes-fassala");
  await expect(page2.locator("html")).toHaveAttribute("dir", "rtl");
  // Put it back for other runs on a shared database.
  await setLanguage(page2, "Français");
  await second.close();
});

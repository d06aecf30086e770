import { expect, test } from "@playwright/test";
import { seriousViolations, setLanguage, signInTo } from "./helpers";

const cases = [
  { lang: "Français", slug: "ong-sahel" },
  { lang: "العربية", slug: "acor" },
] as const;

for (const { lang, slug } of cases) {
  test(`sign-in, home and member pages have no serious accessibility violation (${lang})`, async ({ page }) => {
    await page.goto("/login");
    if (lang !== "Français") await setLanguage(page, lang);
    expect(await seriousViolations(page)).toEqual([]);
    await signInTo(page, `admin@${slug}.demo`, slug);
    if (lang !== "Français") {
      await setLanguage(page, lang);
      await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`/${slug}/members`);
    expect(await seriousViolations(page)).toEqual([]);
    if (lang !== "Français") await setLanguage(page, "Français");
  });
}

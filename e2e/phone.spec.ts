import { expect, test, type Page } from "@playwright/test";
import { storageFor } from "./actions";

/**
 * Phone first (issue 13): every page a demo role reaches, at 360 × 740 px, in French and in
 * Arabic, fits the screen: the page never slides sideways (a wide table scrolls inside its own
 * box), the header takes one line (a menu button), and headline figures are not clipped.
 *
 * The pages are found as a user finds them: from the organisation's home, following the links
 * of each page (one page per kind of address: ids stand for any id), as far as they lead.
 */
const accounts: { email: string; slug: string }[] = [
  { email: "admin@acor.demo", slug: "acor" },
  { email: "viewer@acor.demo", slug: "acor" },
  { email: "admin@adicor.demo", slug: "adicor" },
  { email: "editor@adicor.demo", slug: "adicor" },
  { email: "admin@fassala.demo", slug: "fassala" },
  { email: "viewer@fassala.demo", slug: "fassala" },
  { email: "admin@femmes-fassala.demo", slug: "femmes-fassala" },
];
const PHONE = { width: 360, height: 740 };
const MAX_PAGES = 45;

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** One page per kind of address: ids and the query string do not make another kind. */
const kindOf = (path: string) => path.replace(uuid, ":id").replace(/\/\d{4}-Q\d\b/g, "/:quarter");
/** Files, not pages: downloads and the printable exports. */
const isFile = (path: string) => /\/export(\/|$)|\.(csv|xlsx|pdf)$|\/api\//.test(path);

async function reachablePages(page: Page, slug: string): Promise<string[]> {
  const seen = new Map<string, string>();
  const queue = [`/${slug}`, "/account", "/account/password"];
  while (queue.length > 0 && seen.size < MAX_PAGES) {
    const path = queue.shift()!;
    const kind = kindOf(path);
    if (seen.has(kind)) continue;
    const res = await page.goto(path);
    if (!res || res.status() !== 200) continue;
    seen.set(kind, path);
    const links = await page.$$eval("a[href]", (as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const l of links) {
      if ((l === `/${slug}` || l.startsWith(`/${slug}/`)) && !isFile(l) && !seen.has(kindOf(l))) queue.push(l);
    }
  }
  return [...seen.values()];
}

/** What makes the page wider than the screen, and clipped headline figures. */
async function misfits(page: Page) {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    const name = (el: Element) => {
      const testId = el.getAttribute("data-testid");
      const text = (el.textContent ?? "").trim().slice(0, 30);
      return `${el.tagName.toLowerCase()}${testId ? `[data-testid=${testId}]` : el.className && typeof el.className === "string" ? `.${el.className.split(" ").slice(0, 3).join(".")}` : ""} "${text}"`;
    };
    if (document.documentElement.scrollWidth > vw) {
      out.push(`page ${document.documentElement.scrollWidth}px wide`);
      // The outermost elements that stick out (not those inside a box that scrolls).
      const scrolls = (el: Element | null): boolean => {
        for (let p = el?.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === "auto" || o === "scroll" || o === "hidden") return true;
        }
        return false;
      };
      const wide = [...document.querySelectorAll("body *")].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > vw + 1 || r.left < -1) && !scrolls(el);
      });
      const outermost = wide.filter((el) => !wide.includes(el.parentElement as Element));
      for (const el of outermost.slice(0, 4)) out.push(`  ${name(el)} ${Math.round(el.getBoundingClientRect().left)}..${Math.round(el.getBoundingClientRect().right)}`);
    }
    const header = document.querySelector("header");
    if (header && header.getBoundingClientRect().height > 120) out.push(`header ${Math.round(header.getBoundingClientRect().height)}px tall`);
    for (const el of document.querySelectorAll("[data-figure]")) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`figure clipped: ${name(el)}`);
    }
    return out;
  });
}

test.describe.configure({ mode: "parallel" });
// Layout does not depend on the database: walked once, in the embedded database's phase of CI.
test.skip(!!process.env.DATABASE_URL, "layout is checked on the embedded database");

for (const account of accounts) {
  test(`every page fits a 360 px phone in French and Arabic: ${account.email}`, async ({ browser }) => {
    test.setTimeout(240_000);
    const state = await storageFor(browser, account.email, account.slug);
    const problems: string[] = [];
    let pages: string[] = [];
    for (const locale of ["fr", "ar"] as const) {
      const context = await browser.newContext({ storageState: state, viewport: PHONE, isMobile: true, hasTouch: true, locale: locale === "ar" ? "ar" : "fr-FR" });
      await context.addCookies([{ name: "tamkin_locale", value: locale, url: String(test.info().project.use.baseURL) }]);
      const page = await context.newPage();
      if (locale === "fr") pages = await reachablePages(page, account.slug);
      expect(pages.length, "pages reached").toBeGreaterThan(3);
      for (const path of pages) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        const found = await misfits(page);
        if (found.length > 0) problems.push(`${locale} ${path}\n${found.join("\n")}`);
      }
      await context.close();
    }
    console.log(`[phone] ${account.email}: ${pages.length} pages × 2 languages`);
    expect(problems, problems.join("\n")).toEqual([]);
  });
}

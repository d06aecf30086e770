import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { assertPrecacheBudget, PRECACHE_BUDGET_BYTES, precacheTotal } from "./precache-budget";

const root = path.resolve(import.meta.dirname, "../..");
// The worker as `next build` prerendered it (app/serwist/[path]/route.ts), with its precache list inlined.
const builtWorker = path.join(root, ".next/server/app/serwist/sw.js.body");
// scripts/test.mjs runs this file again after the build, with PRECACHE_CHECK=1: then the build must be there.
const mustCheck = process.env.PRECACHE_CHECK === "1";

describe("the precache budget", () => {
  it("adds the entries' sizes and refuses more than 1 MB, naming the heaviest", () => {
    const entries = [
      { url: "/_next/static/chunks/a.css", size: 40_000 },
      { url: "/icons/icon-512.png", size: 6_000 },
    ];
    expect(assertPrecacheBudget(entries)).toBe(46_000);
    const heavy = [...entries, { url: "/_next/static/media/big.woff2", size: PRECACHE_BUDGET_BYTES }];
    expect(() => assertPrecacheBudget(heavy)).toThrow(/over its budget of 1048576: \/_next\/static\/media\/big\.woff2/);
  });

  it.runIf(mustCheck || existsSync(builtWorker))("the last build's precache stays under 1 MB, and holds the shell: styles, icons, the offline page", () => {
    const worker = readFileSync(builtWorker, "utf8");
    const urls = [...worker.matchAll(/url:\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(urls).toContain("/offline");
    expect(urls).toContain("/icons/maskable-512.png");
    expect(urls.some((u) => /^\/_next\/static\/.+\.css$/.test(u))).toBe(true);
    // Each listed file, read from the build, against the budget.
    const sized = urls
      .filter((u) => u !== "/offline")
      .map((u) => ({ url: u, size: readFileSync(path.join(root, u.startsWith("/_next/") ? `.next/${u.slice(7)}` : `public${u}`)).length }));
    expect(precacheTotal(sized)).toBeLessThan(PRECACHE_BUDGET_BYTES);
    expect(urls.some((u) => u.endsWith(".js"))).toBe(false);
  });
});

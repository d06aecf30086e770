/**
 * The precache's budget (issue 16, point 5): what the service worker downloads on install, the
 * application shell, stays under 1 MB. Checked while the worker is built (the build fails over
 * budget: app/serwist/[path]/route.ts) and by lib/offline/precache-budget.test.ts on the last build.
 */
export const PRECACHE_BUDGET_BYTES = 1024 * 1024;

/** What the build puts in the precache: the styles, the installed app's icons (the offline page is added by URL). */
export const precacheGlobs = [".next/static/**/*.css", ".next/static/media/*.{woff,woff2}", "public/icons/*.png"];

export interface SizedEntry {
  url: string;
  size: number;
}

export function precacheTotal(entries: readonly SizedEntry[]): number {
  return entries.reduce((n, e) => n + e.size, 0);
}

/** Throws when the entries weigh more than the budget, naming the heaviest. */
export function assertPrecacheBudget(entries: readonly SizedEntry[], budget = PRECACHE_BUDGET_BYTES): number {
  const total = precacheTotal(entries);
  if (total > budget) {
    const heaviest = [...entries]
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((e) => `${e.url} (${e.size} B)`)
      .join(", ");
    throw new Error(`The precache weighs ${total} bytes, over its budget of ${budget}: ${heaviest}`);
  }
  return total;
}

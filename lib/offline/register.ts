import { Serwist } from "@serwist/window";
import { PAGES_CACHE_PREFIX, USER_CACHE, USER_KEY_URL } from "./cache-names";
import { forgetPages } from "./clear";
import { OWNER_EVENT } from "./owner";

export const SW_URL = "/serwist/sw.js";

/**
 * Registers the service worker (lib/offline/sw.ts) for the signed-in user of this page, whose key
 * names the cache of their pages; another user's kept pages are deleted first. `onWaiting` gets
 * the function that applies a new version, called when the user taps "reload": the waiting worker
 * takes over and the page reloads. Loaded only by entry pages and the installed app's start page.
 */
export async function registerWorker(userKey: string, onWaiting: (apply: () => void) => void): Promise<void> {
  const meta = await caches.open(USER_CACHE);
  const previous = await (await meta.match(USER_KEY_URL))?.text();
  if (previous !== userKey) {
    await forgetPages(PAGES_CACHE_PREFIX + userKey);
    await meta.put(USER_KEY_URL, new Response(userKey));
    // The outbox may now list and send this user's entries.
    window.dispatchEvent(new Event(OWNER_EVENT));
  }
  const sw = new Serwist(SW_URL, { scope: "/" });
  sw.addEventListener("waiting", () =>
    onWaiting(() => {
      sw.addEventListener("controlling", () => window.location.reload());
      sw.messageSkipWaiting();
    }),
  );
  const wasControlled = navigator.serviceWorker.controller !== null;
  await sw.register();
  if (!wasControlled || previous !== userKey) {
    // This visit's page and scripts came before the worker: kept now, for the next visit offline.
    const origin = window.location.origin;
    const scripts = performance
      .getEntriesByType("resource")
      .map((e) => e.name)
      .filter((u) => u.startsWith(`${origin}/_next/static/`));
    await sw.messageSW({ type: "CACHE_URLS", payload: { urlsToCache: [window.location.href, ...scripts] } });
  }
  // For the browser tests: this page will reload offline.
  document.documentElement.dataset.offlineReady = "true";
}

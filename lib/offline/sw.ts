/// <reference lib="webworker" />
import { CacheFirst, ExpirationPlugin, Serwist, type PrecacheEntry, type RouteHandlerCallbackOptions } from "serwist";
import { entryPagePattern, PAGES_CACHE_PREFIX, STATIC_CACHE, USER_CACHE, USER_KEY_URL } from "./cache-names";

/**
 * The service worker (issue 16, point 1), built by Serwist (app/serwist/[path]/route.ts) and
 * registered only by the pages that hold an entry form, or by the installed app's start page.
 *
 * - The precache (the build's CSS, the icons, the offline page: under 1 MB, checked at build) is
 *   the application shell; Next's hashed scripts are kept as pages use them (cache first).
 * - Entry pages (the organisation's home, its groups, a group with its forms, coaching) are
 *   network first, kept in a cache of the signed-in user's own (`tamkin-pages-<user key>`, the key
 *   set by the page: lib/offline/register.ts), so that they reload without a connection. Nothing
 *   is kept while no user key is set, nor a redirect (an expired session's sign-in page). Sign-out
 *   deletes these caches with the outbox (lib/offline/clear.ts).
 * - Any other page, offline: the offline page. Server actions, the sync and the RSC payloads are
 *   never cached.
 * - A new version waits until the user taps "reload" (skipWaiting on the SKIP_WAITING message);
 *   the outbox lives in IndexedDB, which an update does not touch.
 */
declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

async function currentUser(): Promise<string | null> {
  const res = await caches.match(USER_KEY_URL, { cacheName: USER_CACHE });
  return res ? (await res.text()) || null : null;
}

const OFFLINE_URL = "/offline";

async function entryPage({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  const user = await currentUser();
  const cacheName = user ? PAGES_CACHE_PREFIX + user : null;
  try {
    const res = await fetch(request);
    const sameUrl = new URL(res.url || request.url).pathname === new URL(request.url).pathname;
    if (cacheName && res.status === 200 && !res.redirected && sameUrl) await (await caches.open(cacheName)).put(request.url, res.clone());
    return res;
  } catch (error) {
    const hit = cacheName
      ? ((await caches.match(request.url, { cacheName })) ?? (await caches.match(request.url, { cacheName, ignoreSearch: true })))
      : undefined;
    if (hit) return hit;
    const offline = await serwist.matchPrecache(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}

async function otherPage({ request }: RouteHandlerCallbackOptions): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const offline = await serwist.matchPrecache(OFFLINE_URL);
    if (offline) return offline;
    throw error;
  }
}

const isPage = (request: Request) => request.mode === "navigate" && request.method === "GET";
// An RSC request (client navigation) or a prefetch is data for one user: never kept.
const isRsc = (request: Request) => request.headers.has("RSC") || request.headers.has("Next-Router-Prefetch");

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  skipWaiting: false,
  clientsClaim: true,
  navigationPreload: false,
  runtimeCaching: [
    {
      matcher: ({ request, sameOrigin, url }) => sameOrigin && !isRsc(request) && url.pathname.startsWith("/_next/static/"),
      handler: new CacheFirst({ cacheName: STATIC_CACHE, plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 3600 })] }),
    },
    {
      // Entry pages: navigations, and the page itself when the window asks to keep it (CACHE_URLS).
      matcher: ({ request, sameOrigin, url }) =>
        sameOrigin && request.method === "GET" && !isRsc(request) && entryPagePattern.test(url.pathname) && (isPage(request) || request.mode !== "navigate"),
      handler: entryPage,
    },
    { matcher: ({ request, sameOrigin }) => sameOrigin && isPage(request) && !isRsc(request), handler: otherPage },
  ],
});

serwist.addEventListeners();

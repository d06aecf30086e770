/**
 * The service worker's caches, shared by the worker (lib/offline/sw.ts) and the pages that set the
 * user key or clear it at sign-out (lib/offline/register.ts, lib/offline/clear.ts).
 */
/** Next's hashed scripts and styles: the same for every user. */
export const STATIC_CACHE = "tamkin-static";
/** Entry pages as one user received them: `tamkin-pages-<user key>`, deleted at sign-out. */
export const PAGES_CACHE_PREFIX = "tamkin-pages-";
/** Which user's pages may be kept and served: the key the last signed-in page set. */
export const USER_CACHE = "tamkin-user";
export const USER_KEY_URL = "/__tamkin/user-key";
/** Pages a field user needs without a connection: the organisation's home, its groups, a group (its entry forms) and its picture till, coaching. */
export const entryPagePattern = /^\/(?!(?:login|account|offline|too-many-requests)\/?$)[a-z0-9-]+(?:\/groups(?:\/[0-9a-f-]{36}(?:\/till)?)?|\/coaching)?\/?$/;

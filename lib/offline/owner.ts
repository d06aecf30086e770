import { USER_CACHE, USER_KEY_URL } from "./cache-names";

/** Dispatched when a page sets whose phone session this is (lib/offline/register.ts). */
export const OWNER_EVENT = "tamkin:offline-user";

/**
 * The key of the user signed in on this phone, as the last entry page set it (null before any, and
 * after the sign-in page forgot it). The outbox tags entries with it and sends only its user's.
 */
export async function currentOwner(): Promise<string | null> {
  if (typeof caches === "undefined") return null;
  const res = await caches.match(USER_KEY_URL, { cacheName: USER_CACHE });
  return res ? (await res.text()) || null : null;
}

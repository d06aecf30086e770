import { PAGES_CACHE_PREFIX, USER_CACHE, USER_KEY_URL } from "./cache-names";

/**
 * What the browser keeps of a user, forgotten. `forgetPages`: the pages kept for reading offline
 * and the user key (on the sign-in page: whoever signs in next starts with nothing). `forgetAll`,
 * at sign-out: the outbox as well. Shared scripts and styles (tamkin-static, the precache) hold
 * nothing of a user and stay.
 */
export async function forgetPages(keep?: string): Promise<void> {
  if (!("caches" in window)) return;
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith(PAGES_CACHE_PREFIX) && n !== keep).map((n) => caches.delete(n)));
  if (!keep) await (await caches.open(USER_CACHE)).delete(USER_KEY_URL);
}

export async function forgetAll(): Promise<void> {
  const { clearOutbox } = await import("./outbox");
  await Promise.all([forgetPages(), clearOutbox()]);
}

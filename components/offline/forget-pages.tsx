"use client";
import { useEffect } from "react";
import { PAGES_CACHE_PREFIX, USER_CACHE } from "@/lib/offline/cache-names";

/**
 * On the sign-in page: the pages a previous user kept for offline reading are deleted, so that
 * whoever signs in next on this phone reads nothing of them. The outbox is kept: a user whose
 * session expired signs in again to send it (it is cleared at sign-out). The offline code is loaded
 * only when there is something to forget: a first visit loads nothing more.
 */
export function ForgetPages() {
  useEffect(() => {
    if (!("caches" in window)) return;
    void caches
      .keys()
      .then((names) => (names.some((n) => n.startsWith(PAGES_CACHE_PREFIX) || n === USER_CACHE) ? import("@/lib/offline/clear") : null))
      .then((clear) => clear?.forgetPages())
      .catch(() => undefined);
  }, []);
  return null;
}

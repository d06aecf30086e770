"use client";
import { useEffect } from "react";

/**
 * On the sign-in page: the pages a previous user kept for offline reading are deleted, so that
 * whoever signs in next on this phone reads nothing of them. The outbox is kept: a user whose
 * session expired signs in again to send it (it is cleared at sign-out).
 */
export function ForgetPages() {
  useEffect(() => {
    if ("caches" in window) void import("@/lib/offline/clear").then(({ forgetPages }) => forgetPages());
  }, []);
  return null;
}

"use client";
import { useEffect, useState } from "react";

/**
 * Registers the service worker for this user (lib/offline/register.ts, loaded only here), and
 * announces a new version: it waits until the user taps "reload", so that nothing being typed is
 * lost; the outbox, in IndexedDB, is left as it is.
 */
export function OfflineApp({ userKey, labels }: { userKey: string; labels: { updateReady: string; updateReload: string } }) {
  const [apply, setApply] = useState<(() => void) | null>(null);
  useEffect(() => {
    if (!("serviceWorker" in navigator) || !("caches" in window)) return;
    let live = true;
    // A browser that refuses the worker (private mode, a policy) keeps the outbox: nothing to show.
    void import("@/lib/offline/register")
      .then(({ registerWorker }) =>
        registerWorker(userKey, (fn) => {
          if (live) setApply(() => fn);
        }),
      )
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [userKey]);
  if (!apply) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-2 bottom-2 z-30 flex flex-wrap items-center gap-3 rounded-md border border-emerald-800 bg-emerald-50 p-3 shadow"
      data-testid="sw-update"
    >
      <span>{labels.updateReady}</span>
      <button type="button" onClick={apply} className="min-h-11 rounded-md bg-emerald-800 px-4 font-semibold text-white">
        {labels.updateReload}
      </button>
    </div>
  );
}

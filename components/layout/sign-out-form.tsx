"use client";
import { useRef, type ReactNode } from "react";

/**
 * Sign-out that first forgets what this phone kept of the user (issue 16): the outbox, the pages
 * kept for offline reading (lib/offline/clear.ts, loaded only on the tap). Without JavaScript the
 * form is sent as it is, and the sign-in page forgets the pages.
 */
export function SignOutForm({ action, children }: { action: () => Promise<void>; children: ReactNode }) {
  const ref = useRef<HTMLFormElement>(null);
  const cleared = useRef(false);
  return (
    <form
      ref={ref}
      action={action}
      onSubmit={(e) => {
        if (cleared.current) return;
        e.preventDefault();
        void import("@/lib/offline/clear")
          .then(({ forgetAll }) => forgetAll())
          .catch(() => undefined)
          .finally(() => {
            cleared.current = true;
            ref.current?.requestSubmit();
          });
      }}
    >
      {children}
    </form>
  );
}

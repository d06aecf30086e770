"use client";
import { useRef, useState, type ReactNode } from "react";
import { createTranslator } from "next-intl";

/**
 * Sign-out that first forgets what this phone kept of the user (issue 16): the outbox, the pages
 * kept for offline reading (lib/offline/clear.ts, loaded only on the tap). Entries not sent yet are
 * never dropped silently: their count is shown, and the user either stays signed in (to send them)
 * or confirms. The form's action is the server action itself: without JavaScript it is sent as it
 * is (there is no outbox without JavaScript), and the sign-in page forgets the pages.
 */
export function SignOutForm({
  action,
  locale,
  warning,
  children,
}: {
  action: () => Promise<void>;
  locale: string;
  /** The warning's three messages (ICU), the only ones this form needs: not the forms' catalogue. */
  warning: Record<"signOutPending" | "signOutAnyway" | "signOutStay", string>;
  children: ReactNode;
}) {
  const t = createTranslator({ locale, messages: { offline: warning }, namespace: "offline" });
  const ref = useRef<HTMLFormElement>(null);
  const cleared = useRef(false);
  const [pending, setPending] = useState(0);

  const forgetAndSignOut = async () => {
    await import("@/lib/offline/clear").then(({ forgetAll }) => forgetAll()).catch(() => undefined);
    cleared.current = true;
    ref.current?.requestSubmit();
  };

  return (
    <form
      ref={ref}
      action={action}
      onSubmit={(e) => {
        if (cleared.current) return;
        e.preventDefault();
        void (async () => {
          // A browser without IndexedDB (or one that refuses it) has no outbox to lose.
          const unsent = await import("@/lib/offline/outbox").then((o) => o.countAll()).catch(() => 0);
          if (unsent > 0) setPending(unsent);
          else await forgetAndSignOut();
        })();
      }}
    >
      {children}
      {pending > 0 ? (
        <div
          role="alertdialog"
          aria-labelledby="sign-out-pending"
          className="fixed inset-x-2 top-2 z-40 flex flex-col gap-3 rounded-md border border-red-800 bg-white p-4 text-start text-slate-900 shadow-lg"
          data-testid="sign-out-pending"
        >
          <p id="sign-out-pending" className="font-medium">
            {t("signOutPending", { count: pending })}
          </p>
          <div className="flex flex-wrap gap-3">
            <button type="button" className="min-h-11 rounded-md border border-slate-500 px-4 font-semibold" onClick={() => setPending(0)} autoFocus>
              {t("signOutStay")}
            </button>
            <button type="button" className="min-h-11 rounded-md bg-red-800 px-4 font-semibold text-white" onClick={() => void forgetAndSignOut()}>
              {t("signOutAnyway")}
            </button>
          </div>
        </div>
      ) : null}
    </form>
  );
}

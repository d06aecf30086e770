"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { OutboxEntry } from "@/lib/offline/outbox";

const outbox = () => import("@/lib/offline/outbox");

/**
 * "Pending (N)": what this organisation's outbox still holds. Sent when the connection returns,
 * when the page opens online, and on a tap; refused entries stay, with their reason, until
 * discarded. Nothing is shown while the outbox is empty.
 */
export function OutboxBadge({ org }: { org: string }) {
  const t = useTranslations("messages");
  const locale = useLocale();
  const router = useRouter();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [signIn, setSignIn] = useState(false);

  const reload = useCallback(async () => setEntries(await (await outbox()).listOutbox(org)), [org]);
  const send = useCallback(async () => {
    if (!navigator.onLine) return;
    const r = await (await outbox()).flush(org, locale);
    setSignIn(r.stopped === "unauthenticated");
    await reload();
    if (r.sent > 0) router.refresh();
  }, [org, locale, reload, router]);

  useEffect(() => {
    const onChange = () => void reload();
    const onOnline = () => void send();
    window.addEventListener("tamkin:outbox", onChange);
    window.addEventListener("online", onOnline);
    // On opening: what an earlier visit left is sent (or, offline, shown).
    const first = setTimeout(() => void send().finally(() => void reload()), 0);
    return () => {
      clearTimeout(first);
      window.removeEventListener("tamkin:outbox", onChange);
      window.removeEventListener("online", onOnline);
    };
  }, [reload, send]);

  if (entries.length === 0) return null;
  const refused = entries.filter((e) => e.refused);
  return (
    <section className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" aria-live="polite" data-testid="outbox">
      <p className="flex flex-wrap items-center gap-3">
        <strong data-testid="outbox-pending">{t("outboxPending", { count: entries.length })}</strong>
        <button type="button" onClick={() => void send()} className="min-h-11 rounded-md border border-amber-800 px-3 font-semibold">
          {t("outboxSend")}
        </button>
      </p>
      {signIn ? (
        <p role="alert">
          <Link href="/login" className="underline">
            {t("outboxSignIn")}
          </Link>
        </p>
      ) : null}
      {refused.length > 0 ? (
        <ul className="mt-2 flex flex-col gap-2">
          {refused.map((e) => (
            <li key={e.key} data-testid="outbox-refused">
              {t("outboxRefused", { amount: e.fields.amount ?? "", date: e.fields.occurredOn ?? e.fields.grantedOn ?? e.fields.paidOn ?? "" })}{" "}
              <span role="alert">{e.refused?.reason}</span>{" "}
              <button type="button" className="min-h-11 underline" onClick={() => void outbox().then((o) => o.discard(e.key))}>
                {t("outboxDiscard")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

"use client";
import { useCallback, useEffect, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { OUTBOX_EDIT_EVENT, OUTBOX_EDIT_HASH } from "@/lib/offline/events";
import { OutboxEntryItem } from "./outbox-entry";

const outbox = () => import("@/lib/offline/outbox");

/**
 * "Pending (N)": what this organisation's outbox still holds, each entry listed, to be corrected or
 * discarded before it is sent. Sent when the connection returns, when the page opens online, and
 * on a tap; refused entries stay, with their reason, until corrected or discarded; a failed send
 * (no answer, a server error) keeps them all. Nothing is shown while the outbox is empty.
 */
export function OutboxBadge({ org }: { org: string }) {
  const t = useTranslations("messages");
  const locale = useLocale();
  const router = useRouter();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [stopped, setStopped] = useState<"unauthenticated" | "error" | null>(null);

  const reload = useCallback(async () => setEntries(await (await outbox()).listOutbox(org)), [org]);
  const send = useCallback(async () => {
    if (!navigator.onLine) return;
    const r = await (await outbox()).flush(org, locale);
    setStopped(r.stopped === "unauthenticated" || r.stopped === "error" ? r.stopped : null);
    await reload();
    if (r.sent > 0) router.refresh();
  }, [org, locale, reload, router]);

  useEffect(() => {
    const onChange = () => void reload();
    const onOnline = () => void send();
    window.addEventListener("tamkin:outbox", onChange);
    window.addEventListener("online", onOnline);
    // The signed-in user's key is set (lib/offline/register.ts): their entries may be sent.
    window.addEventListener("tamkin:offline-user", onOnline);
    // On opening: what an earlier visit left is sent (or, offline, shown).
    const first = setTimeout(() => void send().finally(() => void reload()), 0);
    return () => {
      clearTimeout(first);
      window.removeEventListener("tamkin:outbox", onChange);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("tamkin:offline-user", onOnline);
    };
  }, [reload, send]);

  // Re-opens an entry in its form: on this page if its form is here, otherwise on its own page.
  const edit = (e: OutboxEntry) => {
    const taken = !window.dispatchEvent(new CustomEvent(OUTBOX_EDIT_EVENT, { detail: e, cancelable: true }));
    // A full navigation, not the router's: offline, the service worker serves the page it kept
    // (the router would fetch its data, which is never kept).
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (!taken && e.page) window.location.assign(`${e.page}#${OUTBOX_EDIT_HASH}${e.key}`);
  };

  if (entries.length === 0) return null;
  return (
    <section className="mb-4 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" aria-live="polite" data-testid="outbox">
      <p className="flex flex-wrap items-center gap-3">
        <strong data-testid="outbox-pending">{t("outboxPending", { count: entries.length })}</strong>
        <button type="button" onClick={() => void send()} className="min-h-11 rounded-md border border-amber-800 px-3 font-semibold">
          {t("outboxSend")}
        </button>
      </p>
      {stopped === "unauthenticated" ? (
        <p role="alert">
          <Link href="/login" className="underline">
            {t("outboxSignIn")}
          </Link>
        </p>
      ) : null}
      {stopped === "error" ? (
        <p role="alert" data-testid="outbox-failed">
          {t("outboxFailed")}
        </p>
      ) : null}
      <ul className="mt-2 flex flex-col gap-2">
        {entries.map((e) => (
          <OutboxEntryItem key={e.key} entry={e} onEdit={() => edit(e)} onDiscard={() => outbox().then((o) => o.discard(e.key))} />
        ))}
      </ul>
    </section>
  );
}

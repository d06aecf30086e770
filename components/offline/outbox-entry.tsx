"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { OutboxEntry } from "@/lib/offline/outbox";

/** The date field of each kind of entry. */
const dateField = {
  entry: "occurredOn",
  credit_sale: "grantedOn",
  repayment: "paidOn",
  item_sale: "occurredOn",
  item_purchase: "occurredOn",
  visit: "visitedOn",
} as const;
/** Entries that a form of the group's page re-opens; the picture till's items are discarded and entered again. */
const editable = new Set<OutboxEntry["type"]>(["entry", "credit_sale", "repayment"]);

/**
 * One entry of the outbox, before it is sent: what it says, why it was refused if it was, and two
 * actions: "edit" re-opens it in its own form with its values (checked there by the form's schema,
 * saved back under the same key), "discard" removes it after a confirmation.
 */
export function OutboxEntryItem({ entry, onEdit, onDiscard }: { entry: OutboxEntry; onEdit: () => void; onDiscard: () => Promise<void> }) {
  const t = useTranslations("messages");
  const [asking, setAsking] = useState(false);
  const date = entry.fields[dateField[entry.type]] ?? "";
  // An item's purchase carries its amount as the stock receipt's cost.
  // A visit has no amount: it is named as one.
  const money = entry.type === "visit" ? t("outboxVisit") : (entry.fields.amount ?? entry.fields.cost ?? "");
  const amount = `${money} ${entry.fields.currency ?? ""}`.trim();
  // A visit's topics say what it was.
  const said = entry.fields.note || entry.fields.topics;
  const note = said ? ` · ${said}` : "";
  return (
    <li data-testid={entry.refused ? "outbox-refused" : "outbox-entry"} className="flex flex-col gap-1 border-t border-amber-300 pt-2">
      <p>
        {entry.refused ? `${t("outboxRefused", { amount: money, date })} ` : t("outboxEntry", { amount, date })}
        {entry.refused ? <span role="alert">{entry.refused.reason}</span> : null}
        <bdi>{note}</bdi>
      </p>
      {asking ? (
        <div role="alertdialog" aria-label={t("outboxDiscardAsk")} className="flex flex-wrap items-center gap-3" data-testid="outbox-discard-ask">
          <span>{t("outboxDiscardAsk")}</span>
          <button type="button" className="min-h-11 rounded-md bg-red-800 px-3 font-semibold text-white" onClick={() => void onDiscard()}>
            {t("outboxDiscardYes")}
          </button>
          <button type="button" className="min-h-11 underline" onClick={() => setAsking(false)} autoFocus>
            {t("outboxKeep")}
          </button>
        </div>
      ) : (
        <p className="flex flex-wrap gap-3">
          {editable.has(entry.type) ? (
            <button type="button" className="min-h-11 underline" onClick={onEdit}>
              {t("outboxEdit")}
            </button>
          ) : null}
          <button type="button" className="min-h-11 underline" onClick={() => setAsking(true)}>
            {t("outboxDiscard")}
          </button>
        </p>
      )}
    </li>
  );
}

"use client";
import { useId, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { checkCorrection, dateField, editableFields } from "@/lib/offline/entry-fields";

const labelKey = { amount: "outboxAmount", note: "outboxNote" } as const;

/**
 * One entry of the outbox, before it is sent: what it says, why it was refused if it was, and
 * its correction (amount, date, note, checked by the form's own schema) or its removal.
 */
export function OutboxEntryItem({
  entry,
  onSave,
  onDiscard,
}: {
  entry: OutboxEntry;
  onSave: (fields: Record<string, string>) => Promise<void>;
  onDiscard: () => Promise<void>;
}) {
  const t = useTranslations("messages");
  const te = useTranslations("errors");
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const date = entry.fields[dateField[entry.type]] ?? "";
  const summary = t("outboxEntry", { amount: `${entry.fields.amount ?? ""} ${entry.fields.currency ?? ""}`.trim(), date });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const fields: Record<string, string> = {};
    for (const name of editableFields(entry.type)) {
      const v = data.get(name);
      fields[name] = typeof v === "string" ? v : "";
    }
    const found = checkCorrection(entry.type, { ...entry.fields, ...fields }, entry.key);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await onSave(fields);
    setEditing(false);
  };

  return (
    <li data-testid={entry.refused ? "outbox-refused" : "outbox-entry"} className="flex flex-col gap-1 border-t border-amber-300 pt-2">
      <p>
        {entry.refused ? `${t("outboxRefused", { amount: entry.fields.amount ?? "", date })} ` : `${summary} `}
        {entry.refused ? <span role="alert">{entry.refused.reason}</span> : null}
      </p>
      <p className="flex flex-wrap gap-3">
        <button type="button" className="min-h-11 underline" aria-expanded={editing} onClick={() => setEditing((v) => !v)}>
          {editing ? t("outboxCancel") : t("outboxEdit")}
        </button>
        <button type="button" className="min-h-11 underline" onClick={() => void onDiscard()}>
          {t("outboxDiscard")}
        </button>
      </p>
      {editing ? (
        <form onSubmit={(e) => void submit(e)} noValidate className="flex flex-wrap items-end gap-3" data-testid="outbox-edit">
          {editableFields(entry.type).map((name) => {
            const fieldId = `${id}-${name}`;
            const isDate = name === dateField[entry.type];
            return (
              <div key={name} className="flex flex-col">
                <label htmlFor={fieldId}>{isDate ? t("outboxDate") : t(labelKey[name as keyof typeof labelKey])}</label>
                <input
                  id={fieldId}
                  name={name}
                  type={isDate ? "date" : "text"}
                  inputMode={name === "amount" ? "numeric" : undefined}
                  dir={name === "note" ? undefined : "ltr"}
                  defaultValue={entry.fields[name] ?? ""}
                  aria-invalid={errors[name] ? true : undefined}
                  aria-describedby={errors[name] ? `${fieldId}-error` : undefined}
                  className="min-h-11 rounded border border-slate-400 bg-white px-2"
                />
                {errors[name] ? (
                  <span id={`${fieldId}-error`} className="text-sm text-red-800">
                    {te.has(errors[name] as never) ? te(errors[name] as never) : te("invalid")}
                  </span>
                ) : null}
              </div>
            );
          })}
          <button type="submit" className="min-h-11 rounded-md border border-amber-800 px-3 font-semibold">
            {t("outboxSave")}
          </button>
        </form>
      ) : null}
    </li>
  );
}

"use client";
import { useActionState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { idleState, type ActionState } from "@/lib/action-state";
import { Button } from "@/components/ui/button";
import { FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "@/components/forms/form-status";
import { messageValues } from "@/components/forms/message-values";

export interface PlainField {
  name: string;
  label: string;
  type: "text" | "number" | "date" | "select" | "textarea" | "checkboxes";
  options?: { value: string; label: string; checked?: boolean }[];
  defaultValue?: string;
  hint?: string;
}

/**
 * A form of the business plan, the rules, the profit meeting and the stock, posting to its server
 * action (which parses it with the zod schema of lib/meetings, lib/plans or lib/stock); works
 * without JavaScript. A plausibility warning asks for the confirmation box before saving.
 * Several submit buttons may name an `intent`. Errors are shown beside their field.
 */
export function PlainForm({
  action,
  org,
  hidden = {},
  fields,
  submits,
  testId,
  idPrefix,
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  org: string;
  hidden?: Record<string, string>;
  fields: PlainField[];
  submits: { label: string; intent?: string; variant?: "primary" | "secondary" }[];
  testId?: string;
  idPrefix: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const t = useTranslations("errors");
  const locale = useLocale();
  const values = state.status === "error" ? messageValues(state.formError?.values, locale) : undefined;
  const echoed = state.status === "error" ? state.values : undefined;
  // A write waiting for a confirmation (a plausibility warning): the box confirms exactly what was warned about.
  const confirmToken = state.status === "error" ? state.formError?.values?.confirm : undefined;
  const errorOf = (n: string) => {
    const key = state.status === "error" ? state.fieldErrors?.[n] : undefined;
    return key ? t(key as never, values as never) : undefined;
  };
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid={testId}>
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormStatus state={state} />
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const e = errorOf(f.name);
        const initial = echoed?.[f.name] ?? f.defaultValue;
        if (f.type === "checkboxes") {
          return (
            <fieldset key={f.name} className="flex flex-col gap-1" aria-describedby={e ? `${id}-error` : undefined}>
              <legend className="font-medium">{f.label}</legend>
              {f.hint ? <p className="text-sm text-slate-700">{f.hint}</p> : null}
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {f.options?.map((o) => (
                  <label key={o.value} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name={`${f.name}[]`} value={o.value} defaultChecked={o.checked} className="size-5" />
                    {o.label}
                  </label>
                ))}
              </div>
              {e ? (
                <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-800">
                  {e}
                </p>
              ) : null}
            </fieldset>
          );
        }
        const described = e ? `${id}-error` : f.hint ? `${id}-hint` : undefined;
        return (
          <FieldShell key={f.name} id={id} label={f.label} error={e} hint={f.hint}>
            {f.type === "select" ? (
              <Select id={id} name={f.name} defaultValue={initial} invalid={!!e} aria-describedby={described}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            ) : f.type === "textarea" ? (
              <textarea
                id={id}
                name={f.name}
                defaultValue={initial}
                rows={4}
                aria-invalid={e ? true : undefined}
                aria-describedby={described}
                className="w-full rounded-md border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
              />
            ) : (
              <TextInput
                id={id}
                name={f.name}
                defaultValue={initial}
                type={f.type === "number" ? "text" : f.type}
                inputMode={f.type === "number" ? "numeric" : undefined}
                dir={f.type !== "text" ? "ltr" : undefined}
                invalid={!!e}
                aria-describedby={described}
              />
            )}
          </FieldShell>
        );
      })}
      {confirmToken ? (
        <label
          key={String(confirmToken)}
          className="flex min-h-11 items-center gap-2 rounded-md border border-amber-700 bg-amber-50 px-3 py-2 font-medium text-amber-950"
        >
          <input type="checkbox" name="confirm" value={String(confirmToken)} className="size-5" />
          {t("confirmSave")}
        </label>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {submits.map((s) => (
          <Button key={s.label} type="submit" name={s.intent ? "intent" : undefined} value={s.intent} variant={s.variant ?? "primary"} disabled={pending}>
            {s.label}
          </Button>
        ))}
      </div>
    </form>
  );
}

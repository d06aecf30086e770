"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { idleState, type ActionState } from "@/lib/action-state";
import { Button } from "@/components/ui/button";
import { FormStatus } from "./form-status";

export interface InlineField {
  name: string;
  label: string;
  type?: "text" | "date";
  defaultValue?: string;
  required?: boolean;
}

/**
 * A small row-level form (void, mark done, lock, unlock) posting to its server action, which
 * validates with its zod schema; works without JavaScript. Errors are shown beside the fields.
 */
export function InlineActionForm({
  action,
  org,
  hidden = {},
  fields = [],
  submit,
  variant = "secondary",
  testId,
  idPrefix,
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  org: string;
  hidden?: Record<string, string>;
  fields?: InlineField[];
  submit: string;
  variant?: "primary" | "secondary" | "danger";
  testId?: string;
  idPrefix: string;
}) {
  const [state, formAction, pending] = useActionState(action, idleState);
  const t = useTranslations("errors");
  const fieldError = (n: string) => (state.status === "error" ? state.fieldErrors?.[n] : undefined);
  return (
    <form action={formAction} className="flex flex-col gap-2" data-testid={testId}>
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className="flex flex-wrap items-end gap-2">
        {fields.map((f) => {
          const id = `${idPrefix}-${f.name}`;
          const err = fieldError(f.name);
          return (
            <div key={f.name} className="flex flex-col gap-1">
              <label htmlFor={id} className="text-sm font-medium">
                {f.label}
              </label>
              <input
                id={id}
                name={f.name}
                type={f.type ?? "text"}
                defaultValue={f.defaultValue}
                required={f.required}
                aria-invalid={err ? true : undefined}
                aria-describedby={err ? `${id}-error` : undefined}
                className="min-h-11 rounded-md border border-slate-400 bg-white px-3 py-2 aria-[invalid=true]:border-red-700"
              />
              {err ? (
                <p id={`${id}-error`} className="text-sm font-medium text-red-800">
                  {t(err as never)}
                </p>
              ) : null}
            </div>
          );
        })}
        <Button type="submit" variant={variant} disabled={pending}>
          {submit}
        </Button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}

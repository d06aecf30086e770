"use client";
import { useEffect, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { FormStatus } from "@/components/forms/form-status";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { priceForms, type PriceFormKey } from "./registry";

export interface Option {
  value: string;
  label: string;
}

/** One field of a committee form, described by the server page (labels come translated). */
export interface FieldSpec {
  name: string;
  label: string;
  kind: "text" | "number" | "date" | "textarea" | "select" | "checkboxes";
  options?: Option[];
  defaultValue?: string;
  /** Checkboxes ticked at first (a correction shows the decision's notice). */
  defaultValues?: string[];
  hint?: string;
  dir?: "ltr" | "rtl";
}

interface Props {
  form: PriceFormKey;
  org: string;
  /** Record ids and versions: sent as they are now on the page, validated by the same schema. */
  hidden?: Record<string, string>;
  fields: FieldSpec[];
  submit: string;
  testId: string;
  /** After success: go to this URL (`{id}` = the new record) or clear the fields. */
  successHref?: string;
  resetOnSuccess?: boolean;
  variant?: "primary" | "secondary" | "danger";
  children?: ReactNode;
  inline?: boolean;
  /** Shown but not submittable (the reason is said beside it). */
  disabled?: boolean;
  /**
   * Folded under this summary until opened; rendered open after a refusal, so that its errors are
   * seen beside the fields without JavaScript too.
   */
  disclosure?: string;
}

/**
 * A react-hook-form form bound to the schema of its server action; it posts as plain HTML
 * without JavaScript. Checkbox groups post as `name[]` lists.
 */
export function SpecForm({
  form: key,
  org,
  hidden = {},
  fields,
  submit,
  testId,
  successHref,
  resetOnSuccess,
  variant,
  children,
  inline,
  disabled,
  disclosure,
}: Props) {
  const t = useTranslations("errors");
  const router = useRouter();
  const { schema, action } = priceForms[key];
  // Checkbox groups post as `name[]` lists, outside react-hook-form: the server checks them.
  const defaults = { ...hidden, ...Object.fromEntries(fields.filter((f) => f.kind !== "checkboxes").map((f) => [f.name, f.defaultValue ?? ""])) };
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    schema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    action as never,
    defaults,
    { resetOnSuccess },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  // After a refusal the server echoes what was typed: without JavaScript nothing is lost either.
  const echoed = state.status === "error" ? state.values : undefined;

  // (resetOnSuccess: the hook clears the fields once per answer of the server.)
  useEffect(() => {
    if (state.status !== "ok") return;
    const id = (state.data as { id?: string } | undefined)?.id;
    if (successHref && id) router.push(successHref.replace("{id}", id));
  }, [state, successHref, router]);

  const body = (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      data-testid={testId}
      className={inline ? "flex flex-wrap items-end gap-2" : "flex flex-col gap-3"}
    >
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormStatus state={state} />
      {fields.map((f) => {
        const id = `${testId}-${f.name}`;
        const e = err(f.name);
        if (f.kind === "checkboxes") {
          return (
            <fieldset key={f.name} className="flex flex-col gap-1">
              <legend className="font-medium">{f.label}</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {f.options?.map((o) => (
                  <label key={o.value} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name={`${f.name}[]`} value={o.value} defaultChecked={f.defaultValues?.includes(o.value)} className="size-5" />
                    {o.label}
                  </label>
                ))}
              </div>
              {e ? (
                <p role="alert" className="text-sm font-medium text-red-800">
                  {e}
                </p>
              ) : null}
            </fieldset>
          );
        }
        // defaultValue is in the HTML too, so that the form is complete without JavaScript.
        const common = { id, defaultValue: echoed?.[f.name] ?? f.defaultValue, "aria-describedby": describedBy(id, e, f.hint), ...form.register(f.name) };
        return (
          <FieldShell key={f.name} id={id} label={f.label} error={e} hint={f.hint}>
            {f.kind === "select" ? (
              <Select {...common} invalid={!!e}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            ) : f.kind === "textarea" ? (
              <textarea
                {...common}
                rows={6}
                dir={f.dir}
                aria-invalid={!!e || undefined}
                className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base"
              />
            ) : (
              <TextInput
                {...common}
                invalid={!!e}
                type={f.kind === "number" ? "text" : f.kind}
                inputMode={f.kind === "number" ? "numeric" : undefined}
                dir={f.dir ?? (f.kind === "text" ? undefined : "ltr")}
              />
            )}
          </FieldShell>
        );
      })}
      {children}
      <Button type="submit" variant={variant} disabled={pending || disabled}>
        {submit}
      </Button>
    </form>
  );
  if (!disclosure) return body;
  return (
    <details open={state.status === "error" || undefined} data-testid={`${testId}-disclosure`}>
      <summary className="min-h-11 cursor-pointer py-2 font-medium underline underline-offset-4">{disclosure}</summary>
      <div className="p-2">{body}</div>
    </details>
  );
}

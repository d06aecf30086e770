"use client";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import * as actions from "@/lib/groups/actions";
import * as s from "@/lib/groups/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

/** Each group form: the zod schema its server action also parses, and that action. */
const registry = {
  createGroup: [s.createGroupSchema, actions.createGroupAction],
  updateGroup: [s.updateGroupSchema, actions.updateGroupAction],
  addMember: [s.addMemberSchema, actions.addMemberAction],
  leaveGroup: [s.leaveGroupSchema, actions.leaveGroupAction],
  recordEntry: [s.recordEntrySchema, actions.recordEntryAction],
  correctEntry: [s.correctEntrySchema, actions.correctEntryAction],
  voidEntry: [s.voidEntrySchema, actions.voidEntryAction],
  creditSale: [s.creditSaleSchema, actions.creditSaleAction],
  repayment: [s.repaymentSchema, actions.repaymentAction],
  // Checkbox lists post as `memberIds[]` (so that they work without JavaScript); the browser
  // checks the other fields, the server the whole schema.
  team: [s.teamSchema.omit({ memberIds: true }), actions.teamAction],
  term: [s.termSchema, actions.termAction],
  distribution: [s.distributionSchema, actions.distributionAction],
  rate: [s.rateSchema, actions.rateAction],
  aid: [s.aidSchema, actions.aidAction],
  declaredFigure: [s.declaredFigureSchema, actions.declaredFigureAction],
} as const;
export type GroupFormKind = keyof typeof registry;

export interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "number" | "date" | "select" | "checkboxes";
  options?: { value: string; label: string }[];
  hint?: string;
  defaultValue?: string;
  ltr?: boolean;
}

export function GroupActionForm({
  kind,
  org,
  hidden = {},
  fields,
  submit,
  testId,
  variant = "primary",
}: {
  kind: GroupFormKind;
  org: string;
  hidden?: Record<string, string>;
  fields: FieldSpec[];
  submit: string;
  testId?: string;
  variant?: "primary" | "secondary" | "danger";
}) {
  const t = useTranslations("errors");
  const [schema, action] = registry[kind];
  const defaults: Record<string, string> = { ...hidden };
  for (const f of fields) if (f.defaultValue !== undefined) defaults[f.name] = f.defaultValue;
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    schema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    action as never,
    defaults as never,
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  const idp = `${kind}-${Object.values(hidden).join("-").slice(0, 40)}`;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid={testId ?? `${kind}-form`}>
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormStatus state={state} />
      {fields.map((f) => {
        const id = `${idp}-${f.name}`;
        const e = err(f.name);
        if (f.type === "checkboxes") {
          return (
            <fieldset key={f.name} className="flex flex-col gap-1" aria-describedby={e ? `${id}-error` : undefined}>
              <legend className="font-medium">{f.label}</legend>
              <div className="flex flex-wrap gap-x-4 gap-y-1">
                {f.options?.map((o) => (
                  <label key={o.value} className="flex min-h-11 items-center gap-2">
                    <input type="checkbox" name={`${f.name}[]`} value={o.value} className="size-5" />
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
        return (
          <FieldShell key={f.name} id={id} label={f.label} error={e} hint={f.hint}>
            {f.type === "select" ? (
              <Select id={id} {...form.register(f.name)} invalid={!!e} aria-describedby={describedBy(id, e, f.hint)}>
                {f.options?.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </Select>
            ) : (
              <TextInput
                id={id}
                type={f.type === "number" ? "text" : f.type}
                inputMode={f.type === "number" ? "numeric" : undefined}
                dir={f.ltr || f.type !== "text" ? "ltr" : undefined}
                {...form.register(f.name)}
                invalid={!!e}
                aria-describedby={describedBy(id, e, f.hint)}
              />
            )}
          </FieldShell>
        );
      })}
      <Button type="submit" variant={variant} disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}

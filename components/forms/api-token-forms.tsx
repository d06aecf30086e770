"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { idleState } from "@/lib/action-state";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/api/actions";
import { createApiTokenSchema } from "@/lib/api/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

export interface ApiTokenFormLabels {
  name: string;
  expiresOn: string;
  expiresHint: string;
  create: string;
  shownOnce: string;
  token: string;
}

/** An admin creates a token; the token is shown here once, after the answer, and never again. */
export function CreateApiTokenForm({ org, labels }: { org: string; labels: ApiTokenFormLabels }) {
  const t = useTranslations("errors");
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    createApiTokenSchema,
    createApiTokenAction,
    { name: "", expiresOn: "" },
    { resetOnSuccess: true },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  const created = state.status === "ok" ? (state.data as { token: string } | undefined) : undefined;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="create-api-token-form">
      <input type="hidden" name="org" value={org} />
      <FormStatus state={state} />
      {created ? (
        <div className="flex flex-col gap-1 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950">
          <label htmlFor="api-token-value" className="font-semibold">
            {labels.token}
          </label>
          <p className="text-sm">{labels.shownOnce}</p>
          <TextInput id="api-token-value" readOnly dir="ltr" value={created.token} className="font-mono text-sm" data-testid="api-token-value" />
        </div>
      ) : null}
      <FieldShell id="api-token-name" label={labels.name} error={err("name")}>
        <TextInput id="api-token-name" {...form.register("name")} invalid={!!err("name")} aria-describedby={describedBy("api-token-name", err("name"))} />
      </FieldShell>
      <FieldShell id="api-token-expires" label={labels.expiresOn} error={err("expiresOn")}>
        <TextInput
          id="api-token-expires"
          type="date"
          dir="ltr"
          {...form.register("expiresOn")}
          invalid={!!err("expiresOn")}
          aria-describedby={describedBy("api-token-expires", err("expiresOn"))}
        />
      </FieldShell>
      <p className="text-sm text-slate-700">{labels.expiresHint}</p>
      <Button type="submit" disabled={pending}>
        {labels.create}
      </Button>
    </form>
  );
}

/** Revokes a token for good: a BI tool using it is refused from the next request. */
export function RevokeApiTokenButton({ org, tokenId, label }: { org: string; tokenId: string; label: string }) {
  const [state, action, pending] = useActionState(revokeApiTokenAction, idleState);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="tokenId" value={tokenId} />
      <Button type="submit" variant="danger" disabled={pending}>
        {label}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}

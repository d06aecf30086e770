"use client";
import { useTranslations } from "next-intl";
import { changePasswordAction } from "@/lib/auth/actions";
import { changePasswordSchema } from "@/lib/account/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

export function ChangePasswordForm({
  labels,
}: {
  labels: { currentPassword: string; newPassword: string; confirmPassword: string; hint: string; submit: string };
}) {
  const t = useTranslations("errors");
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(changePasswordSchema, changePasswordAction);
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  const field = (name: "currentPassword" | "newPassword" | "confirmPassword", autoComplete: string, hint?: string) => (
    <FieldShell id={name} label={labels[name]} error={err(name)} hint={hint}>
      <TextInput
        id={name}
        type="password"
        dir="ltr"
        autoComplete={autoComplete}
        {...form.register(name)}
        invalid={!!err(name)}
        aria-describedby={describedBy(name, err(name), hint)}
      />
    </FieldShell>
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <FormStatus state={state} />
      {field("currentPassword", "current-password")}
      {field("newPassword", "new-password", labels.hint)}
      {field("confirmPassword", "new-password")}
      <Button type="submit" disabled={pending}>
        {labels.submit}
      </Button>
    </form>
  );
}

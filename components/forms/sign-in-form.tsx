"use client";
import { useActionState } from "react";
import { signInAction } from "@/lib/auth/actions";
import { idleState } from "@/lib/action-state";
import { Button } from "@/components/ui/button";
import { FieldShell, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";

export function SignInForm({ labels }: { labels: { email: string; password: string; submit: string; submitting: string } }) {
  const [state, action, pending] = useActionState(signInAction, idleState);
  const email = state.status === "error" ? state.values?.email : undefined;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <FormStatus state={state} />
      <FieldShell id="email" label={labels.email}>
        <TextInput id="email" name="email" type="email" autoComplete="username" required defaultValue={email} dir="ltr" />
      </FieldShell>
      <FieldShell id="password" label={labels.password}>
        <TextInput id="password" name="password" type="password" autoComplete="current-password" required dir="ltr" />
      </FieldShell>
      <Button type="submit" disabled={pending}>
        {pending ? labels.submitting : labels.submit}
      </Button>
    </form>
  );
}

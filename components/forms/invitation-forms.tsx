"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { idleState } from "@/lib/action-state";
import { acceptInvitationAction, declineInvitationAction, inviteMemberAction, revokeInvitationAction } from "@/lib/invitations/actions";
import { inviteMemberSchema } from "@/lib/invitations/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

export interface InviteFormLabels {
  email: string;
  role: string;
  invite: string;
  hint: string;
  roles: Record<"admin" | "editor" | "viewer", string>;
}

/** An admin invites an existing user; they become a member when they accept. */
export function InviteMemberForm({ org, labels }: { org: string; labels: InviteFormLabels }) {
  const t = useTranslations("errors");
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    inviteMemberSchema,
    inviteMemberAction,
    { role: "viewer" },
    { resetOnSuccess: true },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="invite-member-form">
      <input type="hidden" name="org" value={org} />
      <FormStatus state={state} />
      <p className="text-sm text-slate-700">{labels.hint}</p>
      <FieldShell id="invite-email" label={labels.email} error={err("email")}>
        <TextInput
          id="invite-email"
          type="email"
          dir="ltr"
          {...form.register("email")}
          invalid={!!err("email")}
          aria-describedby={describedBy("invite-email", err("email"))}
        />
      </FieldShell>
      <FieldShell id="invite-role" label={labels.role} error={err("role")}>
        <Select id="invite-role" {...form.register("role")}>
          {(["viewer", "editor", "admin"] as const).map((r) => (
            <option key={r} value={r}>
              {labels.roles[r]}
            </option>
          ))}
        </Select>
      </FieldShell>
      <Button type="submit" disabled={pending}>
        {labels.invite}
      </Button>
    </form>
  );
}

/** The organisation withdraws an invitation still waiting for an answer. */
export function RevokeInvitationButton({ org, invitationId, label }: { org: string; invitationId: string; label: string }) {
  const [state, action, pending] = useActionState(revokeInvitationAction, idleState);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="invitationId" value={invitationId} />
      <Button type="submit" variant="danger" disabled={pending}>
        {label}
      </Button>
      <FormStatus state={state} />
    </form>
  );
}

/** The invited user accepts or declines, on their account page. */
export function InvitationAnswer({ invitationId, labels }: { invitationId: string; labels: { accept: string; decline: string; context: string } }) {
  const [acceptState, accept, accepting] = useActionState(acceptInvitationAction, idleState);
  const [declineState, decline, declining] = useActionState(declineInvitationAction, idleState);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        <form action={accept}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <Button type="submit" disabled={accepting || declining} aria-label={`${labels.accept} (${labels.context})`}>
            {labels.accept}
          </Button>
        </form>
        <form action={decline}>
          <input type="hidden" name="invitationId" value={invitationId} />
          <Button type="submit" variant="secondary" disabled={accepting || declining} aria-label={`${labels.decline} (${labels.context})`}>
            {labels.decline}
          </Button>
        </form>
      </div>
      <FormStatus state={acceptState.status === "idle" ? declineState : acceptState} />
    </div>
  );
}

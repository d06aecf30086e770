"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { idleState } from "@/lib/action-state";
import { addMemberAction, changeRoleAction, removeMemberAction } from "@/lib/members/actions";
import { addMemberSchema } from "@/lib/members/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

export interface MemberFormLabels {
  email: string;
  role: string;
  fullName: string;
  temporaryPassword: string;
  temporaryHint: string;
  /** What happens next: the invitation, and the account made for an address that had none. */
  addHint: string;
  create: string;
  changeRole: string;
  remove: string;
  roles: Record<"admin" | "editor" | "viewer", string>;
}

function RoleOptions({ labels }: { labels: MemberFormLabels }) {
  return (
    <>
      {(["viewer", "editor", "admin"] as const).map((r) => (
        <option key={r} value={r}>
          {labels.roles[r]}
        </option>
      ))}
    </>
  );
}

/**
 * Adds a member by e-mail address: an invitation they accept, with an account (this name and
 * temporary password) made for an address that had none. The same fields and answer either way.
 */
export function AddMemberForm({ org, labels }: { org: string; labels: MemberFormLabels }) {
  const t = useTranslations("errors");
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    addMemberSchema,
    addMemberAction,
    { role: "editor" },
    { resetOnSuccess: true },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="add-member-form">
      <input type="hidden" name="org" value={org} />
      <FormStatus state={state} />
      <p className="text-sm text-slate-700">{labels.addHint}</p>
      <FieldShell id="new-name" label={labels.fullName} error={err("name")}>
        <TextInput id="new-name" {...form.register("name")} invalid={!!err("name")} aria-describedby={describedBy("new-name", err("name"))} />
      </FieldShell>
      <FieldShell id="new-email" label={labels.email} error={err("email")}>
        <TextInput
          id="new-email"
          type="email"
          dir="ltr"
          {...form.register("email")}
          invalid={!!err("email")}
          aria-describedby={describedBy("new-email", err("email"))}
        />
      </FieldShell>
      <FieldShell id="new-role" label={labels.role} error={err("role")}>
        <Select id="new-role" {...form.register("role")}>
          <RoleOptions labels={labels} />
        </Select>
      </FieldShell>
      <FieldShell id="new-password" label={labels.temporaryPassword} error={err("temporaryPassword")} hint={labels.temporaryHint}>
        <TextInput
          id="new-password"
          type="text"
          dir="ltr"
          autoComplete="off"
          {...form.register("temporaryPassword")}
          invalid={!!err("temporaryPassword")}
          aria-describedby={describedBy("new-password", err("temporaryPassword"), labels.temporaryHint)}
        />
      </FieldShell>
      <Button type="submit" disabled={pending}>
        {labels.create}
      </Button>
    </form>
  );
}

/** Change of role and removal on one member's row. */
export function MemberRowActions({
  org,
  membershipId,
  role,
  name,
  labels,
}: {
  org: string;
  membershipId: string;
  role: "admin" | "editor" | "viewer";
  name: string;
  labels: MemberFormLabels;
}) {
  const [roleState, roleAction, rolePending] = useActionState(changeRoleAction, idleState);
  const [removeState, removeAction, removePending] = useActionState(removeMemberAction, idleState);
  const id = `role-${membershipId}`;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <form action={roleAction} className="flex items-end gap-2">
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <label htmlFor={id} className="sr-only">
            {labels.role} ({name})
          </label>
          <Select id={id} name="role" defaultValue={role}>
            <RoleOptions labels={labels} />
          </Select>
          <Button type="submit" variant="secondary" disabled={rolePending} aria-label={`${labels.changeRole} (${name})`}>
            {labels.changeRole}
          </Button>
        </form>
        <form action={removeAction}>
          <input type="hidden" name="org" value={org} />
          <input type="hidden" name="membershipId" value={membershipId} />
          <Button type="submit" variant="danger" disabled={removePending} aria-label={`${labels.remove} (${name})`}>
            {labels.remove}
          </Button>
        </form>
      </div>
      <FormStatus state={roleState.status === "idle" ? removeState : roleState} />
    </div>
  );
}

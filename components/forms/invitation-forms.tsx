"use client";
import { useActionState } from "react";
import { idleState } from "@/lib/action-state";
import { acceptInvitationAction, declineInvitationAction, revokeInvitationAction } from "@/lib/invitations/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "./form-status";

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

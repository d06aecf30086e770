import type { ActionState } from "@/lib/action-state";
import { InlineActionForm } from "@/components/forms/action-form";

/** "Void" behind a disclosure, asking for the reason that the audit trail keeps. */
export function VoidDetails({
  action,
  slug,
  idPrefix,
  hidden,
  label,
  reasonLabel,
}: {
  action: (prev: ActionState, fd: FormData) => Promise<ActionState>;
  slug: string;
  idPrefix: string;
  hidden: Record<string, string>;
  label: string;
  reasonLabel: string;
}) {
  return (
    <details className="mt-2">
      <summary className="min-h-11 cursor-pointer py-2 text-sm underline">{label}</summary>
      <InlineActionForm
        action={action}
        org={slug}
        idPrefix={idPrefix}
        hidden={hidden}
        fields={[{ name: "reason", label: reasonLabel, required: true }]}
        submit={label}
        variant="danger"
      />
    </details>
  );
}

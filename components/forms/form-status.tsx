"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ActionState } from "@/lib/action-state";
import { messageValues } from "./message-values";

/** The form-level result of an action, announced to screen readers. */
export function FormStatus({ state }: { state: ActionState<unknown> }) {
  const tErr = useTranslations("errors");
  const tMsg = useTranslations("messages");
  const locale = useLocale();
  // A write that waits for a confirmation (lib/groups/plausibility.ts) is a warning, not a failure.
  if (state.status === "error" && state.formError?.values?.confirm) {
    return (
      <p role="alert" className="rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" data-testid="confirm-warning">
        {tErr(state.formError.key as never, messageValues(state.formError.values, locale) as never)}
      </p>
    );
  }
  if (state.status === "error" && state.formError) {
    return (
      <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 text-red-900">
        {tErr(state.formError.key as never, messageValues(state.formError.values, locale) as never)}
      </p>
    );
  }
  if (state.status === "ok" && state.message) {
    return (
      <p role="status" className="rounded-md border border-emerald-700 bg-emerald-50 p-3 text-emerald-900">
        {tMsg(state.message.key as never)}
      </p>
    );
  }
  return null;
}

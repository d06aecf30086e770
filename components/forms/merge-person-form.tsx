"use client";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { mergePeopleSchema } from "@/lib/people/merge-schema";
import { mergePeopleAction } from "@/lib/people/actions";
import { Button } from "@/components/ui/button";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

/**
 * Merging a duplicate into the person kept (issue 14.4): both records' ids and versions travel
 * hidden, the writer ticks the confirmation. A plain form post without JavaScript; the labels come
 * from the page, in its language.
 */
export function MergePersonForm({
  org,
  kept,
  duplicate,
  labels,
}: {
  org: string;
  kept: { id: string; version: number };
  duplicate: { id: string; version: number };
  labels: { confirm: string; submit: string; openKept: string };
}) {
  const t = useTranslations("errors");
  const hidden = { keptId: kept.id, keptVersion: String(kept.version), duplicateId: duplicate.id, duplicateVersion: String(duplicate.version) };
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    mergePeopleSchema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    mergePeopleAction as never,
    hidden as never,
  );
  const confirmError = errorKey("confirmed");
  const done = state.status === "ok";
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="merge-person-form">
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <FormStatus state={state} />
      {done ? (
        <p>
          <a
            href={`/${org}/people/${kept.id}`}
            className="inline-flex min-h-11 items-center font-semibold text-emerald-900 underline underline-offset-4"
            data-testid="merged-link"
          >
            {labels.openKept}
          </a>
        </p>
      ) : (
        <>
          <label className="flex min-h-11 items-start gap-2 rounded-md border border-amber-700 bg-amber-50 px-3 py-2 font-medium text-amber-950">
            <input
              type="checkbox"
              value="yes"
              className="mt-0.5 size-5 shrink-0"
              {...form.register("confirmed")}
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "merge-confirmed-error" : undefined}
            />
            <span>{labels.confirm}</span>
          </label>
          {confirmError ? (
            <p id="merge-confirmed-error" role="alert" className="text-sm font-medium text-red-800">
              {t(confirmError as never)}
            </p>
          ) : null}
          <Button type="submit" variant="danger" disabled={pending}>
            {labels.submit}
          </Button>
        </>
      )}
    </form>
  );
}

"use client";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { mergePeopleSchema } from "@/lib/people/merge-schema";
import { mergePeopleAction } from "@/lib/people/actions";
import type { DetailSource } from "@/lib/people/merge-details";
import { Button } from "@/components/ui/button";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";

/** A detail on which the two records differ: the choice's field, its label, both values as shown, the value proposed. */
export interface DetailChoice {
  name: string;
  label: string;
  kept: string;
  duplicate: string;
  proposed: DetailSource;
  /** Set when the detail counts in a locked quarter: only the kept record's value can stay. */
  lockedNote?: string;
}

/**
 * Merging a duplicate into the person kept (issue 14.4): both records' ids and versions travel
 * hidden; for each detail where the records differ the writer picks the value the kept record
 * ends with (radio buttons, checked in the HTML as proposed so that a post without JavaScript
 * sends the same); then ticks the confirmation. The labels come from the page, in its language.
 */
export function MergePersonForm({
  org,
  kept,
  duplicate,
  details,
  labels,
}: {
  org: string;
  kept: { id: string; version: number };
  duplicate: { id: string; version: number };
  details: DetailChoice[];
  labels: { detailsTitle: string; detailsHint: string; fromKept: string; fromDuplicate: string; confirm: string; submit: string; openKept: string };
}) {
  const t = useTranslations("errors");
  const hidden = { keptId: kept.id, keptVersion: String(kept.version), duplicateId: duplicate.id, duplicateVersion: String(duplicate.version) };
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    mergePeopleSchema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    mergePeopleAction as never,
    { ...hidden, ...Object.fromEntries(details.map((d) => [d.name, d.proposed])) },
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
          <fieldset className="flex flex-col gap-3" data-testid="merge-details">
            <legend className="mb-1 font-semibold">{labels.detailsTitle}</legend>
            <p className="text-sm text-slate-700">{labels.detailsHint}</p>
            {details.map((d) => {
              const error = errorKey(d.name);
              const noteId = `merge-${d.name}-note`;
              const errorId = `merge-${d.name}-error`;
              const describedBy = [d.lockedNote ? noteId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;
              return (
                <fieldset key={d.name} className="rounded-md border border-slate-300 p-3" aria-describedby={describedBy} data-testid={`merge-detail-${d.name}`}>
                  <legend className="px-1 font-medium">{d.label}</legend>
                  {(["kept", "duplicate"] as const).map((source) => (
                    <label key={source} className="flex min-h-11 items-center gap-2">
                      <input
                        type="radio"
                        value={source}
                        defaultChecked={source === d.proposed}
                        disabled={source === "duplicate" && d.lockedNote !== undefined}
                        className="size-5 shrink-0"
                        {...form.register(d.name)}
                      />
                      <span className="min-w-0">
                        <span className="text-sm text-slate-700">{source === "kept" ? labels.fromKept : labels.fromDuplicate}</span>{" "}
                        <span className="font-medium break-words" dir="auto">
                          {source === "kept" ? d.kept : d.duplicate}
                        </span>
                      </span>
                    </label>
                  ))}
                  {d.lockedNote ? (
                    <p id={noteId} className="text-sm text-amber-950">
                      {d.lockedNote}
                    </p>
                  ) : null}
                  {error ? (
                    <p id={errorId} role="alert" className="text-sm font-medium text-red-800">
                      {t(error as never)}
                    </p>
                  ) : null}
                </fieldset>
              );
            })}
          </fieldset>
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

"use client";
import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import type { UseFormRegisterReturn } from "react-hook-form";
import { recordEvaluationAction, recordVisitAction } from "@/lib/coaching/actions";
import { coachingVisitSchema, evaluationSchema, MAX_FOLLOW_UPS } from "@/lib/coaching/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";
import { newClientKey } from "./client-key";

export interface GroupOption {
  id: string;
  label: string;
}

export interface VisitFormLabels {
  group: string;
  choose: string;
  date: string;
  topics: string;
  findings: string;
  followUpsLegend: string;
  action: string[];
  due: string[];
  submit: string;
}

/** The group choice shared by the visit and evaluation forms. */
function GroupField({
  id,
  label,
  choose,
  groups,
  error,
  field,
}: {
  id: string;
  label: string;
  choose: string;
  groups: GroupOption[];
  error?: string;
  field: UseFormRegisterReturn;
}) {
  return (
    <FieldShell id={id} label={label} error={error}>
      <Select id={id} {...field} invalid={!!error} aria-describedby={describedBy(id, error)}>
        <option value="">{choose}</option>
        {groups.map((g) => (
          <option key={g.id} value={g.id}>
            {g.label}
          </option>
        ))}
      </Select>
    </FieldShell>
  );
}

const textareaClass =
  "min-h-20 rounded-md border border-slate-400 bg-white px-3 py-2 focus:outline-2 focus:outline-offset-1 focus:outline-emerald-700 aria-[invalid=true]:border-red-700";

/**
 * A coach's visit. It works without a connection (issue 16, point 2): offline, or when the send
 * fails, the visit goes to the outbox under the form's idempotency key and is sent when the network
 * returns; sent twice, it is recorded once. The page makes the first key, so that a form posted
 * without JavaScript and posted again is recorded once too.
 */
export function VisitForm({
  org,
  groups,
  today,
  labels,
  clientKey: pageKey,
}: {
  org: string;
  groups: GroupOption[];
  today: string;
  labels: VisitFormLabels;
  clientKey: string;
}) {
  const t = useTranslations("errors");
  const tMsg = useTranslations("messages");
  const [queued, setQueued] = useState(false);
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    coachingVisitSchema,
    recordVisitAction,
    { visitedOn: today },
    {
      resetOnSuccess: true,
      offline: async (data) => {
        const { enqueue } = await import("@/lib/offline/outbox");
        await enqueue(org, "visit", data);
        setKeyed((k) => ({ ...k, key: newClientKey() }));
        setQueued(true);
      },
    },
  );
  // Once the server accepted a visit under this key, the next one gets its own (a resubmission of
  // the same keeps it: "already recorded"). A page the service worker kept may carry a used key:
  // once running, the form draws its own.
  const [keyed, setKeyed] = useState({ state, key: pageKey });
  if (keyed.state !== state) setKeyed({ state, key: state.status === "ok" ? newClientKey() : keyed.key });
  useEffect(() => setKeyed((k) => ({ ...k, key: newClientKey() })), []);
  // The outbox's code is fetched while online, so that it is there when the connection drops.
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => void import("@/lib/offline/outbox").then(() => setOfflineReady(true)), []);
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3"
      data-testid="visit-form"
      data-offline-ready={offlineReady ? "" : undefined}
    >
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="clientKey" value={keyed.key} />
      <FormStatus state={state} />
      {queued && state.status === "idle" ? (
        <p role="status" className="rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" data-testid="saved-offline">
          {tMsg("savedOffline")}
        </p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <GroupField id="visit-group" label={labels.group} choose={labels.choose} groups={groups} error={err("groupId")} field={form.register("groupId")} />
        <FieldShell id="visit-date" label={labels.date} error={err("visitedOn")}>
          <TextInput
            id="visit-date"
            type="date"
            max={today}
            {...form.register("visitedOn")}
            invalid={!!err("visitedOn")}
            aria-describedby={describedBy("visit-date", err("visitedOn"))}
          />
        </FieldShell>
      </div>
      <FieldShell id="visit-topics" label={labels.topics} error={err("topics")}>
        <TextInput id="visit-topics" {...form.register("topics")} invalid={!!err("topics")} aria-describedby={describedBy("visit-topics", err("topics"))} />
      </FieldShell>
      <FieldShell id="visit-findings" label={labels.findings} error={err("findings")}>
        <textarea id="visit-findings" className={textareaClass} {...form.register("findings")} aria-invalid={!!err("findings") || undefined} />
      </FieldShell>
      <fieldset className="flex flex-col gap-2 rounded border border-slate-300 p-3">
        <legend className="px-1 font-medium">{labels.followUpsLegend}</legend>
        {Array.from({ length: MAX_FOLLOW_UPS }, (_, i) => i + 1).map((n) => (
          <div key={n} className="grid gap-2 sm:grid-cols-[1fr_12rem]">
            <FieldShell id={`visit-action${n}`} label={labels.action[n - 1]} error={err(`action${n}`)}>
              <TextInput id={`visit-action${n}`} {...form.register(`action${n}` as "action1")} invalid={!!err(`action${n}`)} />
            </FieldShell>
            <FieldShell id={`visit-due${n}`} label={labels.due[n - 1]} error={err(`due${n}`)}>
              <TextInput
                id={`visit-due${n}`}
                type="date"
                {...form.register(`due${n}` as "due1")}
                invalid={!!err(`due${n}`)}
                aria-describedby={describedBy(`visit-due${n}`, err(`due${n}`))}
              />
            </FieldShell>
          </div>
        ))}
      </fieldset>
      <Button type="submit" disabled={pending}>
        {labels.submit}
      </Button>
    </form>
  );
}

export interface EvaluationFormLabels {
  group: string;
  choose: string;
  quarter: string;
  date: string;
  rulesRespected: string;
  booksKept: string;
  stockChecked: string;
  score: string;
  scoreScale: string;
  comments: string;
  submit: string;
}

export function EvaluationForm({
  org,
  groups,
  quarter,
  today,
  labels,
}: {
  org: string;
  groups: GroupOption[];
  quarter: string;
  today: string;
  labels: EvaluationFormLabels;
}) {
  const t = useTranslations("errors");
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    evaluationSchema,
    recordEvaluationAction,
    { quarter, evaluatedOn: today },
    { resetOnSuccess: true },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-3" data-testid="evaluation-form">
      <input type="hidden" name="org" value={org} />
      <FormStatus state={state} />
      <div className="grid gap-3 sm:grid-cols-3">
        <GroupField id="eval-group" label={labels.group} choose={labels.choose} groups={groups} error={err("groupId")} field={form.register("groupId")} />
        <FieldShell id="eval-quarter" label={labels.quarter} error={err("quarter")}>
          <TextInput
            id="eval-quarter"
            dir="ltr"
            {...form.register("quarter")}
            invalid={!!err("quarter")}
            aria-describedby={describedBy("eval-quarter", err("quarter"))}
          />
        </FieldShell>
        <FieldShell id="eval-date" label={labels.date} error={err("evaluatedOn")}>
          <TextInput
            id="eval-date"
            type="date"
            max={today}
            {...form.register("evaluatedOn")}
            invalid={!!err("evaluatedOn")}
            aria-describedby={describedBy("eval-date", err("evaluatedOn"))}
          />
        </FieldShell>
      </div>
      <div className="flex flex-wrap gap-4">
        {(["rulesRespected", "booksKept", "stockChecked"] as const).map((k) => (
          <label key={k} className="flex min-h-11 items-center gap-2">
            <input type="checkbox" {...form.register(k)} className="size-5" />
            {labels[k]}
          </label>
        ))}
      </div>
      <FieldShell id="eval-score" label={labels.score} error={err("score")} hint={labels.scoreScale}>
        <TextInput
          id="eval-score"
          type="number"
          min={0}
          max={10}
          step={1}
          inputMode="numeric"
          {...form.register("score")}
          invalid={!!err("score")}
          aria-describedby={describedBy("eval-score", err("score"), labels.scoreScale)}
        />
      </FieldShell>
      <FieldShell id="eval-comments" label={labels.comments} error={err("comments")}>
        <textarea id="eval-comments" className={textareaClass} {...form.register("comments")} />
      </FieldShell>
      <Button type="submit" disabled={pending}>
        {labels.submit}
      </Button>
    </form>
  );
}

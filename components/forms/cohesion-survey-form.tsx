"use client";
import { useTranslations } from "next-intl";
import { recordSurveyAction } from "@/lib/cohesion/actions";
import { communities, perceptionIndicators, scaleLevels } from "@/lib/cohesion/indicators";
import { answerField, cohesionSurveySchema } from "@/lib/cohesion/schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { useActionForm } from "./use-action-form";
import { ScrollBox } from "@/components/ui/scroll-box";

export interface SurveyFormLabels {
  village: string;
  choose: string;
  surveyedOn: string;
  quarterHint: string;
  respondents: string;
  respondentField: Record<"hostWomen" | "hostMen" | "refugeeWomen" | "refugeeMen", string>;
  answersIntro: string;
  community: Record<"host" | "refugee", string>;
  levelHeader: string;
  /** Accessible name of each count field, by `${community}_${level}`: "Hosts, answer 3". */
  answerLabels: Record<string, string>;
  disputes: string;
  notes: string;
  submit: string;
}

export interface SurveyIndicator {
  code: string;
  name: string;
  question: string;
  scale: string;
}

const numberProps = { type: "number", min: 0, step: 1, inputMode: "numeric" as const, dir: "ltr" as const };

export function CohesionSurveyForm({
  org,
  villages,
  indicators,
  counts,
  today,
  labels,
}: {
  org: string;
  villages: { id: string; label: string }[];
  indicators: SurveyIndicator[];
  counts: { referred: SurveyIndicator; resolved: SurveyIndicator };
  today: string;
  labels: SurveyFormLabels;
}) {
  const t = useTranslations("errors");
  const defaults = Object.fromEntries(perceptionIndicators.flatMap((i) => communities.flatMap((c) => scaleLevels.map((l) => [answerField(i, c, l), 0]))));
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    cohesionSurveySchema,
    recordSurveyAction,
    {
      surveyedOn: today,
      disputesReferred: 0,
      disputesResolved: 0,
      ...defaults,
    },
    { resetOnSuccess: true },
  );
  const err = (n: string) => (errorKey(n) ? t(errorKey(n) as never) : undefined);
  const reg = (n: string) => form.register(n as never);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} noValidate className="flex flex-col gap-4" data-testid="survey-form">
      <input type="hidden" name="org" value={org} />
      <FormStatus state={state} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FieldShell id="s-village" label={labels.village} error={err("villageId")}>
          <Select id="s-village" {...reg("villageId")} invalid={!!err("villageId")} aria-describedby={describedBy("s-village", err("villageId"))}>
            <option value="">{labels.choose}</option>
            {villages.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </Select>
        </FieldShell>
        <FieldShell id="s-date" label={labels.surveyedOn} error={err("surveyedOn")} hint={labels.quarterHint}>
          <TextInput
            id="s-date"
            type="date"
            max={today}
            {...reg("surveyedOn")}
            invalid={!!err("surveyedOn")}
            aria-describedby={describedBy("s-date", err("surveyedOn"), labels.quarterHint)}
          />
        </FieldShell>
      </div>

      <fieldset className="rounded border border-slate-300 p-3">
        <legend className="px-1 font-medium">{labels.respondents}</legend>
        <div className="grid gap-3 sm:grid-cols-4">
          {(["hostWomen", "hostMen", "refugeeWomen", "refugeeMen"] as const).map((k) => (
            <FieldShell key={k} id={`s-${k}`} label={labels.respondentField[k]} error={err(k)}>
              <TextInput id={`s-${k}`} {...numberProps} {...reg(k)} invalid={!!err(k)} aria-describedby={describedBy(`s-${k}`, err(k))} />
            </FieldShell>
          ))}
        </div>
      </fieldset>

      <p>{labels.answersIntro}</p>
      {indicators.map((ind) => {
        const rowError = communities.map((c) => err(answerField(ind.code, c, 1))).find(Boolean);
        return (
          <fieldset key={ind.code} className="rounded border border-slate-300 p-3" aria-describedby={`q-${ind.code}-scale`}>
            <legend className="px-1 font-medium">{ind.name}</legend>
            <p>« {ind.question} »</p>
            <p id={`q-${ind.code}-scale`} className="mb-2 text-sm text-slate-700">
              {ind.scale}
            </p>
            <ScrollBox label={ind.name}>
              <table className="text-sm">
                <thead>
                  <tr>
                    <td />
                    {scaleLevels.map((l) => (
                      <th key={l} scope="col" className="px-1 text-center">
                        {labels.levelHeader} {l}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {communities.map((c) => (
                    <tr key={c}>
                      <th scope="row" className="pe-2 text-start font-normal">
                        {labels.community[c]}
                      </th>
                      {scaleLevels.map((l) => {
                        const name = answerField(ind.code, c, l);
                        return (
                          <td key={l} className="p-1">
                            <TextInput
                              {...numberProps}
                              {...reg(name)}
                              aria-label={`${ind.name}: ${labels.answerLabels[`${c}_${l}`]}`}
                              className="w-20"
                              invalid={!!err(name)}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollBox>
            {rowError ? (
              <p role="alert" className="text-sm font-medium text-red-800">
                {rowError}
              </p>
            ) : null}
          </fieldset>
        );
      })}

      <fieldset className="rounded border border-slate-300 p-3">
        <legend className="px-1 font-medium">{labels.disputes}</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {(
            [
              ["disputesReferred", counts.referred],
              ["disputesResolved", counts.resolved],
            ] as const
          ).map(([k, ind]) => (
            <FieldShell key={k} id={`s-${k}`} label={ind.question} error={err(k)} hint={ind.scale}>
              <TextInput id={`s-${k}`} {...numberProps} {...reg(k)} invalid={!!err(k)} aria-describedby={describedBy(`s-${k}`, err(k), ind.scale)} />
            </FieldShell>
          ))}
        </div>
      </fieldset>

      <FieldShell id="s-notes" label={labels.notes} error={err("notes")}>
        <textarea id="s-notes" {...reg("notes")} className="min-h-20 rounded-md border border-slate-400 bg-white px-3 py-2" />
      </FieldShell>
      <Button type="submit" disabled={pending}>
        {labels.submit}
      </Button>
    </form>
  );
}

"use client";
import { useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { z } from "zod";
import * as actions from "@/lib/groups/actions";
import * as s from "@/lib/groups/schema";
import * as peopleActions from "@/lib/people/actions";
import { editHouseholdSchema, editPersonSchema } from "@/lib/people/edit-schema";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import { FormStatus } from "./form-status";
import { isWarningKey, messageValues } from "./message-values";
import { useActionForm } from "./use-action-form";
import { newClientKey } from "./client-key";
import type { OutboxType } from "@/lib/offline/batch";
import type { OutboxEntry } from "@/lib/offline/outbox";
import { heldKeys, OUTBOX_EDIT_EVENT, OUTBOX_EDIT_HASH } from "@/lib/offline/events";

/** Each group form: the zod schema its server action also parses, and that action. */
const registry = {
  createGroup: [s.createGroupSchema, actions.createGroupAction],
  updateGroup: [s.updateGroupSchema, actions.updateGroupAction],
  editGroup: [s.editGroupSchema, actions.editGroupAction],
  archiveGroup: [s.archiveSchema, actions.archiveGroupAction],
  restoreGroup: [s.archiveSchema, actions.restoreGroupAction],
  editPerson: [editPersonSchema, peopleActions.editPersonAction],
  editHousehold: [editHouseholdSchema, peopleActions.editHouseholdAction],
  archivePerson: [s.archiveSchema, peopleActions.archivePersonAction],
  restorePerson: [s.archiveSchema, peopleActions.restorePersonAction],
  addMember: [s.addMemberSchema, actions.addMemberAction],
  leaveGroup: [s.leaveGroupSchema, actions.leaveGroupAction],
  recordEntry: [s.recordEntrySchema, actions.recordEntryAction],
  correctEntry: [s.correctEntrySchema, actions.correctEntryAction],
  voidEntry: [s.voidEntrySchema, actions.voidEntryAction],
  creditSale: [s.creditSaleSchema, actions.creditSaleAction],
  repayment: [s.repaymentSchema, actions.repaymentAction],
  // Checkbox lists post as `memberIds[]` (so that they work without JavaScript); the browser
  // checks the other fields, the server the whole schema.
  team: [s.teamSchema.omit({ memberIds: true }), actions.teamAction],
  term: [s.termSchema, actions.termAction],
  distribution: [s.distributionSchema, actions.distributionAction],
  rate: [s.rateSchema, actions.rateAction],
  aid: [s.aidSchema, actions.aidAction],
  declaredFigure: [s.declaredFigureSchema, actions.declaredFigureAction],
  limits: [s.limitsSchema, actions.saveLimitsAction],
} as const;
export type GroupFormKind = keyof typeof registry;

/**
 * Forms that add a record: cleared after a success so that the same one is not sent twice. Edits
 * (a group, a correction, the limits) keep what they show.
 */
const creates: ReadonlySet<GroupFormKind> = new Set<GroupFormKind>([
  "createGroup",
  "addMember",
  "recordEntry",
  "creditSale",
  "repayment",
  "team",
  "term",
  "distribution",
  "rate",
  "aid",
  "declaredFigure",
]);

/** Forms that may be recorded offline, and the outbox's name for their record (lib/offline/batch.ts). */
const offlineTypes: Partial<Record<GroupFormKind, OutboxType>> = { recordEntry: "entry", creditSale: "credit_sale", repayment: "repayment" };

export interface FieldSpec {
  name: string;
  label: string;
  type: "text" | "number" | "date" | "select" | "checkboxes";
  options?: { value: string; label: string }[];
  hint?: string;
  defaultValue?: string;
  ltr?: boolean;
  /** In a two-column form, the field takes the whole row. */
  wide?: boolean;
}

export function GroupActionForm({
  kind,
  org,
  hidden = {},
  fields,
  submit,
  testId,
  variant = "primary",
  columns = 1,
  created,
}: {
  kind: GroupFormKind;
  org: string;
  hidden?: Record<string, string>;
  fields: FieldSpec[];
  submit: string;
  testId?: string;
  variant?: "primary" | "secondary" | "danger";
  /** Two: the fields side by side on wide screens (a table of limits). */
  columns?: 1 | 2;
  /** After a create: a link to the new record (`:id` stands for its id), so nobody submits twice. */
  created?: { href: string; label: string };
}) {
  const t = useTranslations("errors");
  const [schema, action] = registry[kind];
  const offlineType = hidden.clientKey ? offlineTypes[kind] : undefined;
  const [queued, setQueued] = useState(false);
  // The outbox entry re-opened in this form to be corrected (its key is the form's), if any.
  const [editing, setEditing] = useState<string | null>(null);
  const editingRef = useRef<string | null>(null);
  const release = () => {
    if (editingRef.current) heldKeys.delete(editingRef.current);
    editingRef.current = null;
    setEditing(null);
  };
  // Fetched while online, so that it is there when the connection drops (no service worker yet).
  // The form says when it can keep a record offline (its code hydrated and the outbox fetched).
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => {
    if (offlineType) void import("@/lib/offline/outbox").then(() => setOfflineReady(true));
  }, [offlineType]);
  const tMsg = useTranslations("messages");
  const defaults: Record<string, string> = { ...hidden };
  for (const f of fields) if (f.defaultValue !== undefined) defaults[f.name] = f.defaultValue;
  const { form, state, formAction, formRef, onSubmit, pending, errorKey } = useActionForm(
    schema as unknown as z.ZodType<Record<string, unknown>, Record<string, unknown>>,
    action as never,
    defaults as never,
    {
      resetOnSuccess: creates.has(kind),
      offline: offlineType
        ? async (data) => {
            const { enqueue } = await import("@/lib/offline/outbox");
            await enqueue(org, offlineType, data);
            // Queued under this key (a corrected entry: in its place); the next record gets its own.
            release();
            setKeyed((k) => ({ ...k, key: newClientKey() }));
            setQueued(true);
          }
        : undefined,
    },
  );
  const locale = useLocale();
  // The server's messages name values (a limit, a date floor): they come with its form message.
  const serverValues = state.status === "error" ? messageValues(state.formError?.values, locale) : undefined;
  const message = (n: string) => {
    const key = errorKey(n);
    if (!key) return undefined;
    const fromServer = state.status === "error" && state.fieldErrors?.[n] === key;
    return { key, text: t(key as never, (fromServer ? serverValues : undefined) as never), isWarning: fromServer && isWarningKey(key) };
  };
  const err = (n: string) => {
    const m = message(n);
    return m && !m.isWarning ? m.text : undefined;
  };
  const warning = (n: string) => {
    const m = message(n);
    return m?.isWarning ? m.text : undefined;
  };
  // A write waiting for a confirmation: the box confirms exactly what was warned about (its token).
  const confirmToken = state.status === "error" ? state.formError?.values?.confirm : undefined;
  // After a refusal the server echoes what was typed, so that without JavaScript nothing is lost.
  const echoed = state.status === "error" ? state.values : undefined;
  // The idempotency key the page made for this form: once the server accepted a record under it,
  // the next record gets a new one (a resubmission of the same one keeps it: "already recorded").
  const [keyed, setKeyed] = useState({ state, key: hidden.clientKey });
  if (keyed.state !== state) setKeyed({ state, key: state.status === "ok" && hidden.clientKey ? newClientKey() : keyed.key });
  const clientKey = keyed.key;
  // A page the service worker kept carries the key it was served with, perhaps already used: once
  // running, an offline-capable form draws its own (any fresh UUID does).
  useEffect(() => {
    if (offlineType) setKeyed((k) => ({ ...k, key: newClientKey() }));
  }, [offlineType]);
  // An entry of the outbox re-opened here (the badge's "edit", on this page or from another one by
  // the page's hash): the form takes its values and its key; saved, it replaces the queued one
  // (offline) or is sent under its key and leaves the outbox (online).
  const hiddenSig = JSON.stringify(Object.entries(hidden).filter(([k]) => k !== "clientKey"));
  const fieldNames = fields
    .filter((f) => f.type !== "checkboxes")
    .map((f) => f.name)
    .join(" ");
  useEffect(() => {
    if (!offlineType) return;
    const own = JSON.parse(hiddenSig) as [string, string][];
    const belongs = (e: OutboxEntry) => e.org === org && e.type === offlineType && own.every(([k, v]) => e.fields[k] === v);
    const open = (e: OutboxEntry) => {
      for (const name of fieldNames.split(" ")) form.setValue(name, e.fields[name] ?? "");
      form.clearErrors();
      if (editingRef.current) heldKeys.delete(editingRef.current);
      heldKeys.add(e.key);
      editingRef.current = e.key;
      setEditing(e.key);
      setKeyed((k) => ({ ...k, key: e.key }));
      formRef.current?.scrollIntoView({ block: "start" });
      formRef.current?.querySelector<HTMLElement>("input:not([type=hidden]), select")?.focus();
    };
    const onEdit = (ev: Event) => {
      const e = (ev as CustomEvent<OutboxEntry>).detail;
      if (!belongs(e)) return;
      ev.preventDefault();
      open(e);
    };
    window.addEventListener(OUTBOX_EDIT_EVENT, onEdit);
    const hash = window.location.hash.slice(1);
    if (hash.startsWith(OUTBOX_EDIT_HASH)) {
      void import("@/lib/offline/outbox").then((o) => o.getEntry(hash.slice(OUTBOX_EDIT_HASH.length))).then((e) => (e && belongs(e) ? open(e) : undefined));
    }
    return () => window.removeEventListener(OUTBOX_EDIT_EVENT, onEdit);
  }, [offlineType, org, hiddenSig, fieldNames, form, formRef]);
  // Accepted online under its key: the corrected entry leaves the outbox.
  const answered = useRef(state);
  useEffect(() => {
    if (answered.current === state) return;
    answered.current = state;
    const key = editingRef.current;
    if (state.status !== "ok" || !key) return;
    release();
    void import("@/lib/offline/outbox").then((o) => o.discard(key));
  }, [state]);
  const cancelEdit = () => {
    release();
    formRef.current?.reset();
    form.reset();
    setKeyed((k) => ({ ...k, key: newClientKey() }));
  };
  const shownQueued = queued && state.status === "idle" && !editing;
  const idp = `${kind}-${Object.values(hidden).join("-").slice(0, 40)}`;
  return (
    <form
      ref={formRef}
      action={formAction}
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-3"
      data-testid={testId ?? `${kind}-form`}
      data-offline-ready={offlineReady ? "" : undefined}
    >
      <input type="hidden" name="org" value={org} />
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={k === "clientKey" ? clientKey : v} />
      ))}
      <FormStatus state={state} />
      {editing ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-3 rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950"
          data-testid="outbox-editing"
        >
          <span>{tMsg("outboxEditing")}</span>
          <button type="button" className="min-h-11 underline" onClick={cancelEdit}>
            {tMsg("outboxEditCancel")}
          </button>
        </div>
      ) : null}
      {shownQueued ? (
        <p role="status" className="rounded-md border border-amber-700 bg-amber-50 p-3 text-amber-950" data-testid="saved-offline">
          {tMsg("savedOffline")}
        </p>
      ) : null}
      {created && state.status === "ok" && typeof (state.data as { id?: unknown } | undefined)?.id === "string" ? (
        <p>
          <a
            href={created.href.replace(":id", (state.data as { id: string }).id)}
            className="inline-flex min-h-11 items-center font-semibold text-emerald-900 underline underline-offset-4"
            data-testid="created-link"
          >
            {created.label}
          </a>
        </p>
      ) : null}
      <div className={columns === 2 ? "grid gap-3 sm:grid-cols-2" : "contents"}>
        {fields.map((f) => {
          const id = `${idp}-${f.name}`;
          const e = err(f.name);
          if (f.type === "checkboxes") {
            return (
              <fieldset key={f.name} className="flex flex-col gap-1" aria-describedby={e ? `${id}-error` : undefined}>
                <legend className="font-medium">{f.label}</legend>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {f.options?.map((o) => (
                    <label key={o.value} className="flex min-h-11 items-center gap-2">
                      <input type="checkbox" name={`${f.name}[]`} value={o.value} className="size-5" />
                      {o.label}
                    </label>
                  ))}
                </div>
                {e ? (
                  <p id={`${id}-error`} role="alert" className="text-sm font-medium text-red-800">
                    {e}
                  </p>
                ) : null}
              </fieldset>
            );
          }
          const w = warning(f.name);
          const described = w ? `${id}-warning` : describedBy(id, e, f.hint);
          const initial = echoed?.[f.name] ?? f.defaultValue;
          const shell = (
            <FieldShell key={f.name} id={id} label={f.label} error={e} hint={w ? undefined : f.hint}>
              {f.type === "select" ? (
                <Select id={id} defaultValue={initial} {...form.register(f.name)} invalid={!!e} aria-describedby={described}>
                  {f.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              ) : (
                <TextInput
                  id={id}
                  defaultValue={initial}
                  type={f.type === "number" ? "text" : f.type}
                  inputMode={f.type === "number" ? "numeric" : undefined}
                  dir={f.ltr || f.type !== "text" ? "ltr" : undefined}
                  {...form.register(f.name)}
                  invalid={!!e}
                  aria-describedby={described}
                />
              )}
              {w ? (
                <p id={`${id}-warning`} className="text-sm font-medium text-amber-900" data-testid={`${f.name}-warning`}>
                  {w}
                </p>
              ) : null}
            </FieldShell>
          );
          return columns === 2 ? (
            <div key={f.name} className={f.wide ? "sm:col-span-2" : undefined}>
              {shell}
            </div>
          ) : (
            shell
          );
        })}
      </div>
      {confirmToken ? (
        // Keyed by the token: a new warning (the amount changed) starts unticked.
        <label
          key={String(confirmToken)}
          className="flex min-h-11 items-center gap-2 rounded-md border border-amber-700 bg-amber-50 px-3 py-2 font-medium text-amber-950"
        >
          <input type="checkbox" name="confirm" value={String(confirmToken)} className="size-5" />
          {t("confirmSave")}
        </label>
      ) : null}
      <Button type="submit" variant={variant} disabled={pending}>
        {submit}
      </Button>
    </form>
  );
}

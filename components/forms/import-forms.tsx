"use client";
import { useActionState, useEffect, useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { idleState, type ActionState, type MessageRef } from "@/lib/action-state";
import { commitImportAction, discardImportAction, saveMappingAction, uploadImportAction } from "@/lib/imports/actions";
import { Button } from "@/components/ui/button";
import { describedBy, FieldShell, Select, TextInput } from "@/components/ui/field";
import type { ImportKind } from "@/lib/imports/kinds";
import { FormStatus } from "./form-status";

export interface UploadLabels {
  kind: string;
  kinds: Record<ImportKind, string>;
  file: string;
  fileHint: string;
  mapping: string;
  mappingNone: string;
  upload: string;
  uploading: string;
}

/** How often a running import's progress is asked for (ms): a few hundred bytes each time. */
const POLL_MS = 2000;

type Figures = { phase: string | null; done: number; total: number | null };

/**
 * While the form is being sent: a bar, and how far the import has gone, polled from the server
 * (app/(portal)/[org]/import/progress, by the form's progress key). Until the server has written
 * a figure (or where it cannot: the embedded database), and without JavaScript, the bar runs
 * without a figure. Mounted afresh for each submission.
 */
function ImportProgress({ org, progressKey, label }: { org: string; progressKey: string; label: string }) {
  const t = useTranslations("messages");
  const [p, setP] = useState<Figures | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      fetch(`/${org}/import/progress?key=${progressKey}`, { cache: "no-store" })
        .then(async (res) => {
          if (res.ok && !stopped) setP((await res.json()) as Figures);
        })
        // Offline for a moment: the bar keeps running, the next poll tries again.
        .catch(() => {})
        .finally(() => {
          if (!stopped) timer = setTimeout(tick, POLL_MS);
        });
    };
    timer = setTimeout(tick, POLL_MS / 2);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [org, progressKey]);
  const writing = p?.phase === "writing" && p.total ? { done: Math.min(p.done, p.total), total: p.total } : null;
  const text = writing ? t("importProgressWriting", writing) : p?.phase === "reading" ? t("importProgressReading", { done: p.done }) : label;
  return (
    <span role="status" className="flex flex-wrap items-center gap-2 text-slate-700" data-testid="import-progress">
      <progress className="w-32" aria-label={label} value={writing?.done} max={writing?.total} />
      <span aria-live="off">{text}</span>
    </span>
  );
}

/** The file's bytes sent so far, while the browser sends them (the upload's own progress). */
function SendProgress({ loaded, total, label }: { loaded: number; total: number; label: string }) {
  const t = useTranslations("messages");
  return (
    <span role="status" className="flex flex-wrap items-center gap-2 text-slate-700" data-testid="import-progress">
      <progress className="w-32" aria-label={label} value={loaded} max={total || 1} />
      <span aria-live="off">{t("importProgressSending", { share: total ? Math.min(1, loaded / total) : 0 })}</span>
    </span>
  );
}

/** The largest file taken (lib/imports/read.ts, MAX_BYTES, which the server applies): refused before it is sent. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

type UploadAnswer = { uploadId?: string; formError?: MessageRef; fieldErrors?: Record<string, string> } | null;

/**
 * The upload. Without JavaScript, a plain multipart form posted to the server action. With it,
 * the file itself is the body of a request to app/(portal)/[org]/import/upload, which reads it as
 * it arrives (never whole in memory): the bar shows the bytes sent, then the lines the server has
 * read; on success the page goes to the preview, else the route's catalogue keys are shown as the
 * action's would be.
 */
export function UploadImportForm({
  org,
  progressKey,
  labels,
  mappings,
  allowed,
}: {
  org: string;
  /** The key this submission's progress is written under (a fresh one per page). */
  progressKey: string;
  labels: UploadLabels;
  mappings: { id: string; kind: string; name: string }[];
  /** The kinds this member may import (lib/imports/kinds.ts). */
  allowed: readonly ImportKind[];
}) {
  const t = useTranslations("errors");
  const router = useRouter();
  const [actionState, action, actionPending] = useActionState(uploadImportAction, idleState);
  /** The streamed upload: its answer, and while it runs, the bytes sent (null once all are). */
  const [answer, setAnswer] = useState<ActionState | null>(null);
  const [streaming, setStreaming] = useState<{ sent: { loaded: number; total: number } | null } | null>(null);
  const state = answer ?? actionState;
  const pending = actionPending || streaming !== null;
  const fileError = state.status === "error" && state.fieldErrors?.file ? t(state.fieldErrors.file as never) : undefined;

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    const data = new FormData(e.currentTarget);
    const file = data.get("file");
    // No file: the server action answers as without JavaScript.
    if (!(file instanceof File) || file.size === 0) return;
    e.preventDefault();
    if (streaming) return;
    const fail = (formError: MessageRef, fieldErrors?: Record<string, string>) => {
      setAnswer({ status: "error", formError, fieldErrors });
      setStreaming(null);
    };
    if (file.size > MAX_FILE_BYTES) return fail({ key: "importFileTooLarge", values: { max: MAX_FILE_BYTES / 1024 / 1024 } });
    const kind = data.get("kind");
    const q = new URLSearchParams({ kind: typeof kind === "string" ? kind : "", progressKey, name: file.name });
    const mappingId = data.get("mappingId");
    if (typeof mappingId === "string" && mappingId) q.set("mappingId", mappingId);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/${org}/import/upload?${q}`);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (ev) => setStreaming({ sent: { loaded: ev.loaded, total: ev.lengthComputable ? ev.total : file.size } });
    // Every byte sent: the server's own figures from now on.
    xhr.upload.onload = () => setStreaming({ sent: null });
    xhr.onload = () => {
      const body = xhr.response as UploadAnswer;
      // The preview (the bar stays until it is shown).
      if (xhr.status === 200 && body?.uploadId) return router.push(`/${org}/import?upload=${body.uploadId}`);
      if (body?.formError) return fail(body.formError, body.fieldErrors);
      // Refused before the portal (a proxy's 413 page), or no answer it wrote.
      fail(xhr.status === 413 ? { key: "importFileTooLarge", values: { max: MAX_FILE_BYTES / 1024 / 1024 } } : { key: "internal" });
    };
    xhr.onerror = () => fail({ key: "importUploadFailed" });
    setAnswer(null);
    setStreaming({ sent: { loaded: 0, total: file.size } });
    xhr.send(file);
  };

  return (
    <form action={action} onSubmit={onSubmit} encType="multipart/form-data" className="flex flex-col gap-4" data-testid="import-upload-form">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="progressKey" value={progressKey} />
      <FormStatus state={state} />
      <fieldset className="flex flex-col gap-2">
        <legend className="font-medium">{labels.kind}</legend>
        {allowed.map((k, i) => (
          <label key={k} className="flex min-h-11 items-center gap-2">
            <input type="radio" name="kind" value={k} defaultChecked={i === 0} className="size-5" />
            {labels.kinds[k]}
          </label>
        ))}
      </fieldset>
      {mappings.length > 0 ? (
        <FieldShell id="import-mapping" label={labels.mapping}>
          <Select id="import-mapping" name="mappingId" defaultValue="">
            <option value="">{labels.mappingNone}</option>
            {mappings.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({labels.kinds[m.kind as ImportKind] ?? m.kind})
              </option>
            ))}
          </Select>
        </FieldShell>
      ) : null}
      <FieldShell id="import-file" label={labels.file} hint={labels.fileHint} error={fileError}>
        <TextInput
          id="import-file"
          type="file"
          name="file"
          required
          accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          invalid={!!fileError}
          aria-describedby={describedBy("import-file", fileError, labels.fileHint)}
          className="max-w-full"
        />
      </FieldShell>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="import-upload">
          {labels.upload}
        </Button>
        {streaming?.sent ? (
          <SendProgress loaded={streaming.sent.loaded} total={streaming.sent.total} label={labels.uploading} />
        ) : pending ? (
          <ImportProgress org={org} progressKey={progressKey} label={labels.uploading} />
        ) : null}
      </div>
    </form>
  );
}

export function CommitImportForm({
  org,
  uploadId,
  progressKey,
  labels,
}: {
  org: string;
  uploadId: string;
  progressKey: string;
  labels: { commit: string; acceptWarnings: string; committing: string };
}) {
  const [state, action, pending] = useActionState(commitImportAction, idleState);
  return (
    <form action={action} className="flex flex-col gap-3" data-testid="import-commit-form">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <input type="hidden" name="progressKey" value={progressKey} />
      <FormStatus state={state} />
      <label className="flex min-h-11 items-center gap-2">
        <input type="checkbox" name="acceptWarnings" className="size-5 shrink-0" />
        {labels.acceptWarnings}
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="import-commit">
          {labels.commit}
        </Button>
        {pending ? <ImportProgress org={org} progressKey={progressKey} label={labels.committing} /> : null}
      </div>
    </form>
  );
}

export function DiscardImportForm({ org, uploadId, label }: { org: string; uploadId: string; label: string }) {
  const [state, action, pending] = useActionState(discardImportAction, idleState);
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <FormStatus state={state} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {label}
      </Button>
    </form>
  );
}

export function SaveMappingForm({ org, uploadId, labels }: { org: string; uploadId: string; labels: { name: string; save: string } }) {
  const t = useTranslations("errors");
  const [state, action, pending] = useActionState(saveMappingAction, idleState);
  const err = state.status === "error" && state.fieldErrors?.name ? t(state.fieldErrors.name as never) : undefined;
  return (
    <form action={action} className="flex flex-col gap-2">
      <input type="hidden" name="org" value={org} />
      <input type="hidden" name="uploadId" value={uploadId} />
      <FormStatus state={state} />
      <FieldShell id="mapping-name" label={labels.name} error={err}>
        <TextInput id="mapping-name" name="name" maxLength={80} invalid={!!err} aria-describedby={describedBy("mapping-name", err)} />
      </FieldShell>
      <Button type="submit" variant="secondary" disabled={pending}>
        {labels.save}
      </Button>
    </form>
  );
}

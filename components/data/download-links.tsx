"use client";
import { useRef, useState, type MouseEvent } from "react";
import { fileNameOf, fillText, formatBytes, readWithProgress, type Progress } from "@/lib/exports/download";

export interface DownloadLink {
  href: string;
  label: string;
  /** Full accessible name, e.g. "Download: CSV — Fassala: trend". */
  ariaLabel: string;
  testId: string;
}

/** Texts from the `exports` catalogue, with `{size}`, `{rows}`, `{total}`, `{name}` placeholders. */
export interface DownloadTexts {
  download: string;
  progressLabel: string;
  receiving: string;
  receivingRows: string;
  saved: string;
  failed: string;
}

type State = { kind: "idle" } | { kind: "busy"; progress: Progress } | { kind: "saved"; name: string; bytes: number } | { kind: "failed" };

/** How often the screen-reader status is rewritten while bytes arrive. */
const ANNOUNCE_EVERY_MS = 1_000;

/**
 * Download links that show progress: with JavaScript, the file is fetched as a stream, a
 * `<progress>` and a status text (read by screen readers) follow the bytes and rows received,
 * and the file is then saved through a blob link. Without JavaScript they are plain links.
 */
export function DownloadLinks({ links, texts, locale }: { links: DownloadLink[]; texts: DownloadTexts; locale: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });
  const [announced, setAnnounced] = useState("");
  const lastAnnounce = useRef(0);

  const statusText = (s: State): string => {
    if (s.kind === "busy") {
      const size = formatBytes(s.progress.bytes, locale);
      const { rows, totalRows } = s.progress;
      return rows != null && totalRows != null ? fillText(texts.receivingRows, { rows, total: totalRows, size }) : fillText(texts.receiving, { size });
    }
    if (s.kind === "saved") return fillText(texts.saved, { name: s.name, size: formatBytes(s.bytes, locale) });
    return s.kind === "failed" ? texts.failed : "";
  };
  const show = (s: State, force = false) => {
    setState(s);
    // eslint-disable-next-line react-hooks/purity -- show() runs in the click handler and the fetch's callbacks, never while rendering
    const now = Date.now();
    if (force || now - lastAnnounce.current >= ANNOUNCE_EVERY_MS) {
      lastAnnounce.current = now;
      setAnnounced(statusText(s));
    }
  };

  async function download(e: MouseEvent<HTMLAnchorElement>, link: DownloadLink) {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return; // new tab, etc.
    e.preventDefault();
    if (state.kind === "busy") return;
    show({ kind: "busy", progress: { bytes: 0, rows: null, totalRows: null } }, true);
    try {
      const res = await fetch(link.href, { credentials: "same-origin" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const chunks = await readWithProgress(res, (progress) => show({ kind: "busy", progress }));
      const blob = new Blob(chunks as BlobPart[], { type: res.headers.get("Content-Type") ?? "application/octet-stream" });
      const name = fileNameOf(res.headers.get("Content-Disposition"), "export");
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      show({ kind: "saved", name, bytes: blob.size }, true);
    } catch {
      show({ kind: "failed" }, true);
    }
  }

  const busy = state.kind === "busy";
  return (
    <div className="no-print flex flex-col gap-2 text-sm">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-medium">{texts.download}</span>
        {links.map((l) => (
          <a
            key={l.testId}
            href={l.href}
            download
            onClick={(e) => void download(e, l)}
            aria-disabled={busy || undefined}
            data-testid={l.testId}
            aria-label={l.ariaLabel}
            className="inline-flex min-h-11 items-center rounded border border-slate-400 px-3 py-1 underline-offset-4 hover:underline aria-disabled:opacity-60"
          >
            {l.label}
          </a>
        ))}
      </div>
      {busy ? (
        <progress
          className="h-2 w-full max-w-xs"
          aria-label={texts.progressLabel}
          max={state.progress.totalRows ?? undefined}
          value={state.progress.totalRows != null && state.progress.rows != null ? state.progress.rows : undefined}
        />
      ) : null}
      {state.kind !== "idle" ? <p aria-hidden="true">{statusText(state)}</p> : null}
      {/* Screen readers hear the status at most once a second, and always the outcome. */}
      <p role="status" className="sr-only" data-testid="download-status">
        {announced}
      </p>
    </div>
  );
}

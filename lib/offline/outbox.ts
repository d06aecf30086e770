import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { SYNC_BATCH_MAX, type OutboxType, type SyncAnswer } from "./batch";

/**
 * The offline outbox (issue 16, point 3): entries made without a connection wait in IndexedDB
 * with their idempotency key, in the order they were made, until the sync endpoint
 * (POST /<org>/sync) answers them. Accepted and duplicate entries leave the queue; refused ones
 * stay with their reason; anything else (no network, a transient error, an expired session) stays
 * as it was, to be sent again. Loaded only when a form is sent offline or the badge is shown.
 */
export interface OutboxEntry {
  key: string;
  org: string;
  type: OutboxType;
  fields: Record<string, string>;
  createdAt: number;
  refused?: { reason: string; fieldErrors?: Record<string, string> };
}

interface OutboxDb extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { byOrg: [string, number] } };
}

export const OUTBOX_EVENT = "tamkin:outbox";
let dbp: Promise<IDBPDatabase<OutboxDb>> | null = null;
const db = () =>
  (dbp ??= openDB<OutboxDb>("tamkin-outbox", 1, {
    upgrade(d) {
      d.createObjectStore("entries", { keyPath: "key" }).createIndex("byOrg", ["org", "createdAt"]);
    },
  }));

const changed = () => window.dispatchEvent(new Event(OUTBOX_EVENT));

/** Queues a form's fields (the framework's and the organisation's left out) under its key. */
export async function enqueue(org: string, type: OutboxType, form: FormData): Promise<void> {
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "org") fields[k] = v;
  const key = fields.clientKey;
  if (!key) throw new Error("a queued entry needs its idempotency key");
  await (await db()).put("entries", { key, org, type, fields, createdAt: Date.now() });
  changed();
}

/** The organisation's queue, oldest first. */
export async function listOutbox(org: string): Promise<OutboxEntry[]> {
  return (await db()).getAllFromIndex("entries", "byOrg", IDBKeyRange.bound([org, 0], [org, Number.MAX_SAFE_INTEGER]));
}

export async function discard(key: string): Promise<void> {
  await (await db()).delete("entries", key);
  changed();
}

export type FlushResult = { sent: number; refused: number; stopped?: "offline" | "unauthenticated" | "error" };

let flushing: Promise<FlushResult> | null = null;

/** Sends the organisation's pending entries in order, a batch at a time; one flush at a time per page. */
export function flush(org: string, lang: string): Promise<FlushResult> {
  return (flushing ??= doFlush(org, lang).finally(() => (flushing = null)));
}

async function doFlush(org: string, lang: string): Promise<FlushResult> {
  const result: FlushResult = { sent: 0, refused: 0 };
  const pending = (await listOutbox(org)).filter((e) => !e.refused);
  for (let i = 0; i < pending.length; i += SYNC_BATCH_MAX) {
    const batch = pending.slice(i, i + SYNC_BATCH_MAX);
    let res: Response;
    try {
      res = await fetch(`/${encodeURIComponent(org)}/sync?lang=${encodeURIComponent(lang)}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ entries: batch.map(({ key, type, fields }) => ({ key, type, fields })) }),
        credentials: "same-origin",
      });
    } catch {
      return { ...result, stopped: "offline" };
    }
    if (res.status === 401) return { ...result, stopped: "unauthenticated" };
    if (!res.ok) return { ...result, stopped: "error" };
    const { answers } = (await res.json()) as { answers: SyncAnswer[] };
    const d = await db();
    for (const a of answers) {
      if (a.status === "accepted" || a.status === "duplicate") {
        await d.delete("entries", a.key);
        result.sent++;
      } else if (a.status === "refused") {
        const e = await d.get("entries", a.key);
        if (e) await d.put("entries", { ...e, refused: { reason: a.reason, fieldErrors: a.fieldErrors } });
        result.refused++;
      }
    }
    changed();
  }
  return result;
}

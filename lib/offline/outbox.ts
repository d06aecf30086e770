import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { SYNC_BATCH_MAX, type OutboxType, type SyncAnswer } from "./batch";
import { currentOwner } from "./owner";
import { heldKeys, OUTBOX_EVENT } from "./events";

export { OUTBOX_EDIT_EVENT, OUTBOX_EDIT_HASH, OUTBOX_EVENT } from "./events";

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
  /** The page of its form (where it is re-opened to be corrected). */
  page?: string;
  /** Whose entry (lib/offline/owner.ts): another user signed in on the same phone neither sees nor sends it. */
  user?: string;
  refused?: { reason: string; fieldErrors?: Record<string, string> };
}

interface OutboxDb extends DBSchema {
  entries: { key: string; value: OutboxEntry; indexes: { byOrg: [string, number] } };
}

let dbp: Promise<IDBPDatabase<OutboxDb>> | null = null;
const db = () =>
  (dbp ??= openDB<OutboxDb>("tamkin-outbox", 1, {
    upgrade(d) {
      d.createObjectStore("entries", { keyPath: "key" }).createIndex("byOrg", ["org", "createdAt"]);
    },
  }));

const changed = () => window.dispatchEvent(new Event(OUTBOX_EVENT));

/**
 * Queues a form's fields (the framework's and the organisation's left out) under its key. An entry
 * re-opened in its form and saved again keeps its key and its place in the queue, its refusal
 * forgotten: it is sent again as corrected.
 */
export async function enqueue(org: string, type: OutboxType, form: FormData): Promise<void> {
  const fields: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("$ACTION") && k !== "org") fields[k] = v;
  const key = fields.clientKey;
  if (!key) throw new Error("a queued entry needs its idempotency key");
  const d = await db();
  const user = (await currentOwner()) ?? undefined;
  const earlier = await d.get("entries", key);
  await d.put("entries", { key, org, type, fields, createdAt: earlier?.createdAt ?? Date.now(), user, page: window.location.pathname });
  changed();
}

/** One entry by its key (an entry re-opened in its form from another page). */
export async function getEntry(key: string): Promise<OutboxEntry | undefined> {
  return (await db()).get("entries", key);
}

/** How many entries the phone holds, every organisation's: what a sign-out would lose. */
export async function countAll(): Promise<number> {
  return (await db()).count("entries");
}

/** The organisation's queue, oldest first: the signed-in user's entries (and untagged ones). */
export async function listOutbox(org: string): Promise<OutboxEntry[]> {
  const [all, owner] = await Promise.all([
    (await db()).getAllFromIndex("entries", "byOrg", IDBKeyRange.bound([org, 0], [org, Number.MAX_SAFE_INTEGER])),
    currentOwner(),
  ]);
  return all.filter((e) => !e.user || e.user === owner);
}

export async function discard(key: string): Promise<void> {
  await (await db()).delete("entries", key);
  changed();
}

/** Every entry of every organisation: at sign-out, nothing of this user is left on the phone. */
export async function clearOutbox(): Promise<void> {
  await (await db()).clear("entries");
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
  const pending = (await listOutbox(org)).filter((e) => !e.refused && !heldKeys.has(e.key));
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

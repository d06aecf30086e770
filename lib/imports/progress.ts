import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { dbHandle } from "@/db";
import type { Queryable } from "@/db/client";
import { importProgress } from "@/db/schema";
import { logger } from "@/lib/log";
import { withTenant } from "@/lib/tenant-db";

export type ProgressPhase = "reading" | "writing" | "done";

/**
 * Where a long import says how far it has gone (issue 14.1). `report` never waits and never
 * fails the import: the latest figures are written at most once a second, each write its own
 * short transaction on another pooled connection (the import's own transaction is invisible to
 * everyone until it ends), so the importer's page, polling from any instance, can show them.
 */
export interface Progress {
  report(phase: ProgressPhase, done: number, total?: number | null): void;
  /** Writes the last figures (phase "done" unless told otherwise) and waits for every write. */
  close(phase?: ProgressPhase): Promise<void>;
}

export const noProgress: Progress = { report() {}, async close() {} };

/** How often the figures are written, at most (ms). */
export const PROGRESS_EVERY_MS = 1000;

type Ctx = { org: { id: string }; user: { id: string } };

/**
 * The progress of the import the member started with the form's `key`; none without a key, or on
 * the embedded database, which runs one transaction at a time: while the import's runs, no other
 * request (a progress write, the page's poll) is served there at all.
 */
export async function progressFor(ctx: Ctx, key: string | undefined, opts: { everyMs?: number } = {}): Promise<Progress> {
  if (!key) return noProgress;
  if ((await dbHandle()).kind === "pglite") return noProgress;
  const everyMs = opts.everyMs ?? PROGRESS_EVERY_MS;
  let chain: Promise<void> = Promise.resolve();
  let inFlight = false;
  let lastWrite = 0;
  let first = true;
  type Figures = { phase: ProgressPhase; done: number; total: number | null };
  /** The figures not yet written, and the last ones reported. */
  let latest: Figures | null = null;
  let known: Figures = { phase: "reading", done: 0, total: null };

  const write = () => {
    if (!latest) return;
    const figures = latest;
    const sweep = first;
    latest = null;
    first = false;
    inFlight = true;
    lastWrite = Date.now();
    chain = chain
      .then(() =>
        withTenant(ctx, async (tx) => {
          // The importer's own rows of finished or abandoned imports go when the next one starts.
          if (sweep)
            await tx.delete(importProgress).where(and(eq(importProgress.userId, ctx.user.id), sql`${importProgress.updatedAt} < now() - interval '1 day'`));
          const values = { ...figures, updatedAt: sql`now()` };
          await tx
            .insert(importProgress)
            .values({ key, orgId: ctx.org.id, userId: ctx.user.id, ...values })
            .onConflictDoUpdate({ target: importProgress.key, set: values });
        }),
      )
      .catch((err: unknown) => {
        // Only the bar is lost: the import goes on.
        logger().warn({ err: err instanceof Error ? err.message : String(err) }, "import progress not written");
      })
      .finally(() => {
        inFlight = false;
      });
  };

  return {
    report(phase, done, total = null) {
      latest = known = { phase, done, total };
      if (!inFlight && Date.now() - lastWrite >= everyMs) write();
    },
    async close(phase = "done") {
      await chain;
      latest = { ...known, phase };
      write();
      await chain;
    },
  };
}

/** The importer's progress under `key` (row-level security: its own organisation's and user's alone), or null. */
export async function readProgress(db: Queryable, key: string) {
  const [row] = await db
    .select({ phase: importProgress.phase, done: importProgress.done, total: importProgress.total, updatedAt: importProgress.updatedAt })
    .from(importProgress)
    .where(eq(importProgress.key, key));
  return row ?? null;
}

import "server-only";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { importRows, importUploads } from "@/db/schema";

/**
 * How long an upload's cells are kept (days): they hold people's names, birth years and
 * Washington Group answers as the file had them, which the records they became hold already. Past
 * it, a committed or discarded upload keeps its counts, checksum and audit record, and its rows'
 * keys (`import_keys`: the same file again still adds nothing); a staged upload left unused is
 * discarded.
 */
export const IMPORT_ROWS_RETENTION_DAYS = 30;

/** Whether an upload's rows are past their retention (the preview says so instead of an empty table). */
export function rowsSwept(u: { status: string; createdAt: Date; committedAt: Date | null }, now = new Date()): boolean {
  const since = u.committedAt ?? u.createdAt;
  return now.getTime() - since.getTime() > IMPORT_ROWS_RETENTION_DAYS * 86_400_000;
}

/**
 * The organisation's uploads past their retention lose their rows; run when it uploads a file
 * (in that transaction, under its row-level security).
 */
export async function sweepImportRows(tx: Tx, org: { id: string }): Promise<void> {
  const cutoff = sql`now() - make_interval(days => ${IMPORT_ROWS_RETENTION_DAYS})`;
  await tx
    .update(importUploads)
    .set({ status: "discarded" })
    .where(and(eq(importUploads.orgId, org.id), eq(importUploads.status, "staged"), sql`${importUploads.createdAt} < ${cutoff}`));
  const old = tx
    .select({ id: importUploads.id })
    .from(importUploads)
    .where(
      and(
        eq(importUploads.orgId, org.id),
        ne(importUploads.status, "staged"),
        sql`coalesce(${importUploads.committedAt}, ${importUploads.createdAt}) < ${cutoff}`,
      ),
    );
  await tx.delete(importRows).where(and(eq(importRows.orgId, org.id), inArray(importRows.uploadId, old)));
}

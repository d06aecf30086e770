import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { products, suppliers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { changes } from "@/lib/records/history";
import { updateVersioned } from "@/lib/versioned";
import type { z } from "zod";
import type { archiveRecordSchema, editProductSchema, editSupplierSchema } from "./schema";

/**
 * A commune's products and suppliers: edited against the version the editor loaded, archived
 * rather than deleted (issue 14). An archived product or supplier leaves the pickers, and the
 * database refuses it in new decisions, observations and orders (migration 0033); its decisions,
 * price history and board stay.
 */
async function own<T extends typeof products | typeof suppliers>(tx: Tx, table: T, communeId: string, id: string) {
  const [row] = await tx
    .select()
    .from(table as typeof products)
    .where(and(eq((table as typeof products).id, id), eq((table as typeof products).communeOrgId, communeId)))
    .for("update");
  if (!row) throw new AppError("not_found");
  return row as unknown as T["$inferSelect"];
}

export async function editProduct(tx: Tx, communeId: string, input: z.infer<typeof editProductSchema>) {
  const before = await own(tx, products, communeId, input.productId);
  if (before.archivedAt) throw new AppError("validation", "recordArchived");
  const { productId, version, ...fields } = input;
  const values = { ...fields, unitAr: fields.unitAr ?? null, unitEn: fields.unitEn ?? null };
  const after = await updateVersioned(tx, products, { id: productId, scope: eq(products.communeOrgId, communeId), expectedVersion: version }, values);
  const diff = changes(before as unknown as Record<string, unknown>, values);
  return { product: after, before: diff.before, after: diff.after };
}

export async function editSupplier(tx: Tx, communeId: string, input: z.infer<typeof editSupplierSchema>) {
  const before = await own(tx, suppliers, communeId, input.supplierId);
  if (before.archivedAt) throw new AppError("validation", "recordArchived");
  const values = { name: input.name, phone: input.phone ?? null };
  const after = await updateVersioned(
    tx,
    suppliers,
    { id: input.supplierId, scope: eq(suppliers.communeOrgId, communeId), expectedVersion: input.version },
    values,
  );
  const diff = changes(before as unknown as Record<string, unknown>, values);
  return { supplier: after, before: diff.before, after: diff.after };
}

export async function archiveProduct(tx: Tx, communeId: string, input: z.infer<typeof archiveRecordSchema>, archive: boolean) {
  const before = await own(tx, products, communeId, input.id);
  const after = await updateVersioned(tx, products, { id: input.id, scope: eq(products.communeOrgId, communeId), expectedVersion: input.version }, {
    archivedAt: archive ? sql`now()` : null,
  } as never);
  return { product: after, before: { archived: before.archivedAt !== null }, after: { archived: after.archivedAt !== null } };
}

export async function archiveSupplier(tx: Tx, communeId: string, input: z.infer<typeof archiveRecordSchema>, archive: boolean) {
  const before = await own(tx, suppliers, communeId, input.id);
  const after = await updateVersioned(tx, suppliers, { id: input.id, scope: eq(suppliers.communeOrgId, communeId), expectedVersion: input.version }, {
    archivedAt: archive ? sql`now()` : null,
  } as never);
  return { supplier: after, before: { archived: before.archivedAt !== null }, after: { archived: after.archivedAt !== null } };
}

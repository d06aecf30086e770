import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable, Tx } from "@/db/client";
import { marketObservations, priceSettings, products, publicBoards, suppliers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listCommuneSettlements, requireProduct } from "./records";
import type { z } from "zod";
import type { boardLinkSchema, observationSchema, productSchema, settingsSchema, supplierSchema } from "./schema";

export async function createProduct(tx: Tx, communeId: string, input: z.infer<typeof productSchema>) {
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${products.sortOrder}), 0)::int + 1` })
    .from(products)
    .where(sql`${products.communeOrgId} = ${communeId}`);
  const [row] = await tx
    .insert(products)
    .values({ communeOrgId: communeId, ...input, sortOrder: next })
    .returning();
  return row;
}

export async function createSupplier(tx: Tx, communeId: string, input: z.infer<typeof supplierSchema>) {
  const [row] = await tx
    .insert(suppliers)
    .values({ communeOrgId: communeId, name: input.name, phone: input.phone ?? null })
    .returning();
  return row;
}

export async function recordObservation(tx: Tx, communeId: string, userId: string, input: Omit<z.infer<typeof observationSchema>, "commune">) {
  await requireProduct(tx, communeId, input.productId);
  const places = await listCommuneSettlements(tx, communeId);
  if (!places.some((p) => p.id === input.placeId)) throw new AppError("not_found");
  const [row] = await tx
    .insert(marketObservations)
    .values({
      communeOrgId: communeId,
      createdBy: userId,
      productId: input.productId,
      placeId: input.placeId,
      observedOn: input.observedOn,
      price: input.price,
      currency: input.currency,
    })
    .returning();
  return row;
}

/** The commune's settings; a caller that leaves out the board's digits keeps them as they are. */
export async function saveSettings(
  tx: Tx,
  communeId: string,
  input: Omit<z.infer<typeof settingsSchema>, "boardDigits"> & Partial<Pick<z.infer<typeof settingsSchema>, "boardDigits">>,
) {
  const [row] = await tx
    .insert(priceSettings)
    .values({ communeOrgId: communeId, ...input })
    .onConflictDoUpdate({ target: priceSettings.communeOrgId, set: { ...input, updatedAt: sql`now()` } })
    .returning();
  return row;
}

/**
 * The public board link: an unguessable token. Disabling revokes the live token for good (the
 * database refuses to revive it, migration 0023); enabling makes a new one unless one is live;
 * regenerating revokes the live one and makes a new one. Only the commune reads its tokens.
 */
export async function setBoardLink(tx: Tx, communeId: string, input: z.infer<typeof boardLinkSchema>) {
  const token = () => randomBytes(24).toString("base64url");
  if (input.mode !== "enable") {
    await tx
      .update(publicBoards)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(publicBoards.communeOrgId, communeId), isNull(publicBoards.revokedAt)));
  }
  if (input.mode !== "disable") {
    // At most one live token per commune (unique index): a concurrent enable keeps the other's.
    await tx.insert(publicBoards).values({ token: token(), communeOrgId: communeId }).onConflictDoNothing();
  }
  return { communeOrgId: communeId, enabled: input.mode !== "disable" };
}

/** The commune's live board token, or null (row-level security: only the commune reads it). */
export async function liveBoardToken(db: Queryable, communeId: string): Promise<string | null> {
  const [row] = await db
    .select({ token: publicBoards.token })
    .from(publicBoards)
    .where(and(eq(publicBoards.communeOrgId, communeId), isNull(publicBoards.revokedAt)));
  return row?.token ?? null;
}

import "server-only";
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { marketObservations, priceSettings, products, suppliers } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { listCommuneSettlements, requireProduct } from "./records";
import type { z } from "zod";
import type { boardLinkSchema, observationSchema, productSchema, settingsSchema, supplierSchema } from "./schema";

export async function createProduct(tx: Tx, communeId: string, input: z.infer<typeof productSchema>) {
  const [{ next }] = await tx
    .select({ next: sql<number>`coalesce(max(${products.sortOrder}), 0)::int + 1` })
    .from(products)
    .where(sql`${products.communeOrgId} = ${communeId}`);
  const [row] = await tx.insert(products).values({ communeOrgId: communeId, ...input, sortOrder: next }).returning();
  return row;
}

export async function createSupplier(tx: Tx, communeId: string, input: z.infer<typeof supplierSchema>) {
  const [row] = await tx.insert(suppliers).values({ communeOrgId: communeId, name: input.name, phone: input.phone ?? null }).returning();
  return row;
}

export async function recordObservation(
  tx: Tx,
  communeId: string,
  userId: string,
  input: Omit<z.infer<typeof observationSchema>, "commune">,
) {
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

export async function saveSettings(tx: Tx, communeId: string, input: z.infer<typeof settingsSchema>) {
  const [row] = await tx
    .insert(priceSettings)
    .values({ communeOrgId: communeId, ...input })
    .onConflictDoUpdate({ target: priceSettings.communeOrgId, set: { ...input, updatedAt: sql`now()` } })
    .returning();
  return row;
}

/** The public board link: an unguessable token, shown only while the admin keeps it enabled. */
export async function setBoardLink(tx: Tx, communeId: string, input: z.infer<typeof boardLinkSchema>) {
  const token = () => randomBytes(24).toString("base64url");
  const [current] = await tx.select().from(priceSettings).where(sql`${priceSettings.communeOrgId} = ${communeId}`);
  const next = {
    publicBoardEnabled: input.mode !== "disable",
    publicBoardToken: input.mode === "regenerate" || !current?.publicBoardToken ? token() : current.publicBoardToken,
  };
  const [row] = await tx
    .insert(priceSettings)
    .values({ communeOrgId: communeId, ...next })
    .onConflictDoUpdate({ target: priceSettings.communeOrgId, set: { ...next, updatedAt: sql`now()` } })
    .returning();
  return row;
}

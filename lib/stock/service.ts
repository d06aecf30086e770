import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Queryable } from "@/db/client";
import { ledgerEntries, stockCounts, stockItems, stockMovements, stockOuts } from "@/db/schema";
import { AlreadyRecorded, AppError, fieldError } from "@/lib/errors";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { findWritableGroup } from "@/lib/groups/queries";
import { rowsOf } from "@/lib/groups/scope";
import { recordEntry } from "@/lib/groups/service";
import type { countSchema, itemSchema, receiveSchema, saleSchema, stockOutSchema } from "./schema";

type Org = Pick<TenantOrg, "id" | "type">;

/** The group, written by this NGO and not archived (locked: one writer of its stock at a time). */
async function writable(tx: Queryable, org: Org, groupId: string) {
  const g = await findWritableGroup(tx, org, groupId);
  if (!g || g.archivedAt !== null) throw new AppError("not_found");
  return g;
}

/** An item of the group (an item id of another group is not found). */
async function itemOf(tx: Queryable, groupId: string, itemId: string) {
  const [item] = await tx
    .select()
    .from(stockItems)
    .where(and(eq(stockItems.groupId, groupId), eq(stockItems.id, itemId)));
  if (!item) throw fieldError("itemId", "stockItemUnknown");
  return item;
}

/** A product of the commune of the group's village (its list), not archived. */
async function communeProduct(tx: Queryable, villageId: string, productId: string) {
  const [p] = rowsOf<{ id: string; unit: string }>(
    await tx.execute(sql`select p.id, p.unit from products p
      join organisations o on o.id = p.commune_org_id and o.type = 'commune'
      join places v on v.parent_id = o.territory_place_id
      where p.id = ${productId} and v.id = ${villageId} and p.archived_at is null`),
  );
  if (!p) throw fieldError("productId", "stockProductUnknown");
  return p;
}

export async function addItem(tx: Queryable, org: Org, userId: string, input: z.infer<typeof itemSchema>) {
  const g = await writable(tx, org, input.groupId);
  const values = input.productId
    ? await communeProduct(tx, g.villageId, input.productId).then((p) => ({ productId: p.id, unit: p.unit }))
    : { name: input.name!, unit: input.unit! };
  const [item] = await tx
    .insert(stockItems)
    .values({ groupId: g.id, ...values, createdBy: userId })
    .onConflictDoNothing()
    .returning();
  if (!item) throw fieldError(input.productId ? "productId" : "name", "stockItemExists");
  return item;
}

/** The item's name for a ledger note: "Sucre × 5 kg" (the commune's French name, or the group's own). */
async function ledgerNote(tx: Queryable, item: { id: string; unit: string }, quantity: number) {
  const [named] = rowsOf<{ name: string }>(
    await tx.execute(sql`select coalesce(p.name_fr, i.name) as name from stock_items i left join products p on p.id = i.product_id where i.id = ${item.id}`),
  );
  return `${named?.name ?? ""} × ${quantity} ${item.unit}`.slice(0, 500);
}

/**
 * The ledger entry of an item's sale or purchase, by the ledger's own path. Sent again with the same
 * key (the outbox's retry, a resubmitted form), it answers with the movement recorded the first time.
 */
async function linkedEntry(tx: Queryable, org: Org, userId: string, input: Parameters<typeof recordEntry>[3]) {
  return recordEntry(tx, org, userId, input).catch(async (err: unknown) => {
    if (!(err instanceof AlreadyRecorded)) throw err;
    const [m] = await tx
      .select({ id: stockMovements.id })
      .from(stockMovements)
      .where(and(eq(stockMovements.ledgerEntryId, err.entityId), isNull(stockMovements.reversesId)));
    throw new AlreadyRecorded(m?.id ?? err.entityId);
  });
}

/**
 * The movement already recorded under this idempotency key in the group (after the group's lock,
 * so that a concurrent twin sees the first once it committed): answered as such, not repeated.
 */
async function refuseReplay(tx: Queryable, groupId: string, clientKey: string | undefined) {
  if (!clientKey) return;
  const [m] = await tx
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(and(eq(stockMovements.groupId, groupId), eq(stockMovements.clientKey, clientKey)));
  if (m) throw new AlreadyRecorded(m.id);
}

/**
 * Stock received. Paid and recorded in the ledger, the ledger's stock purchase is written first by
 * the ledger's own path and the movement names it (migration 0049). Returns the movement and the entry.
 */
export async function receiveStock(tx: Queryable, org: Org, userId: string, input: z.infer<typeof receiveSchema>) {
  const g = await writable(tx, org, input.groupId);
  const item = await itemOf(tx, g.id, input.itemId);
  await refuseReplay(tx, g.id, input.clientKey);
  let entry: typeof ledgerEntries.$inferSelect | undefined;
  if (input.inLedger === "yes" && input.cost && input.currency) {
    entry = await linkedEntry(tx, org, userId, {
      groupId: g.id,
      kind: "stock_purchase",
      occurredOn: input.occurredOn,
      amount: input.cost,
      currency: input.currency,
      note: await ledgerNote(tx, item, input.quantity),
      confirm: input.confirm,
      clientKey: input.clientKey,
    });
  }
  const [m] = await tx
    .insert(stockMovements)
    .values({
      groupId: g.id,
      itemId: item.id,
      kind: "received",
      occurredOn: input.occurredOn,
      quantity: input.quantity,
      cost: input.cost ?? null,
      currency: input.cost !== undefined ? input.currency : null,
      ledgerEntryId: entry?.id ?? null,
      createdBy: userId,
      clientKey: input.clientKey ?? null,
    })
    .returning();
  return { movement: m, entry };
}

/**
 * Items sold. With an amount, the ledger's sale entry is written first, by the ledger's own path
 * (quarter lock, plausibility and its confirmation, idempotency key), and the movement names it:
 * the database keeps the two together (migration 0048). Returns the movement and the entry.
 */
export async function recordSale(tx: Queryable, org: Org, userId: string, input: z.infer<typeof saleSchema>) {
  const g = await writable(tx, org, input.groupId);
  const item = await itemOf(tx, g.id, input.itemId);
  await refuseReplay(tx, g.id, input.clientKey);
  let entry: typeof ledgerEntries.$inferSelect | undefined;
  if (input.amount !== undefined && input.currency) {
    entry = await linkedEntry(tx, org, userId, {
      groupId: g.id,
      kind: "sale",
      occurredOn: input.occurredOn,
      amount: input.amount,
      currency: input.currency,
      note: await ledgerNote(tx, item, input.quantity),
      confirm: input.confirm,
      clientKey: input.clientKey,
    });
  }
  const [m] = await tx
    .insert(stockMovements)
    .values({
      groupId: g.id,
      itemId: item.id,
      kind: "sold",
      occurredOn: input.occurredOn,
      quantity: -input.quantity,
      ledgerEntryId: entry?.id ?? null,
      createdBy: userId,
      clientKey: input.clientKey ?? null,
    })
    .returning();
  return { movement: m, entry };
}

/** A count: the database sets what was expected and records the difference as shrinkage. */
export async function recordCount(tx: Queryable, org: Org, userId: string, input: z.infer<typeof countSchema>) {
  const g = await writable(tx, org, input.groupId);
  const item = await itemOf(tx, g.id, input.itemId);
  const [c] = await tx
    .insert(stockCounts)
    .values({ groupId: g.id, itemId: item.id, countedOn: input.countedOn, counted: input.counted, createdBy: userId })
    .returning();
  return c;
}

/** An item out of stock from a day (one open stock-out at a time), or back in stock on a day. */
export async function recordStockOut(tx: Queryable, org: Org, userId: string, input: z.infer<typeof stockOutSchema>) {
  const g = await writable(tx, org, input.groupId);
  const item = await itemOf(tx, g.id, input.itemId);
  const [open] = await tx
    .select()
    .from(stockOuts)
    .where(and(eq(stockOuts.itemId, item.id), isNull(stockOuts.endedOn)));
  if (input.intent === "out") {
    if (open) throw fieldError("itemId", "stockOutOpen");
    const [o] = await tx.insert(stockOuts).values({ groupId: g.id, itemId: item.id, startedOn: input.on, createdBy: userId }).returning();
    return o;
  }
  if (!open) throw fieldError("itemId", "stockOutNone");
  if (input.on < open.startedOn) throw fieldError("on", "stockOutBeforeStart");
  const [o] = await tx
    .update(stockOuts)
    .set({ endedOn: input.on, endedBy: userId })
    .where(and(eq(stockOuts.groupId, g.id), eq(stockOuts.id, open.id)))
    .returning();
  return o;
}

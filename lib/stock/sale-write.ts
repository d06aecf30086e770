import "server-only";
import type { WriteDef, WriteWork } from "@/lib/server-action";
import { receiveSchema, saleSchema } from "./schema";
import { receiveStock, recordSale } from "./service";

/**
 * Items sold, as data: the stock page's form, the picture till and the offline outbox's sync
 * (lib/offline/sync.ts) run this one definition through the same path. With its amount it is also
 * the ledger's sale entry, under the same idempotency key.
 */
export const stockSaleWrite: { def: WriteDef<typeof saleSchema>; work: WriteWork<typeof saleSchema, unknown> } = {
  def: {
    permission: "groups:write",
    schema: saleSchema,
    action: "stock.sale",
    entity: "stock_movement",
    revalidate: (ctx) => `/${ctx.org.slug}/groups`,
    manager: (i) => i.groupId,
  },
  work: async ({ tx, ctx, input }) => {
    const { movement, entry } = await recordSale(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: movement.id, after: { ...movement, ledgerEntry: entry ?? null } }, message: entry ? "stockSoldWithEntry" : "stockSold" };
  },
};

/** Stock received, as data (the stock page, the picture till's purchase of an item, the outbox). */
export const stockReceiveWrite: { def: WriteDef<typeof receiveSchema>; work: WriteWork<typeof receiveSchema, unknown> } = {
  def: {
    permission: "groups:write",
    schema: receiveSchema,
    action: "stock.receive",
    entity: "stock_movement",
    revalidate: (ctx) => `/${ctx.org.slug}/groups`,
    manager: (i) => i.groupId,
  },
  work: async ({ tx, ctx, input }) => {
    const { movement, entry } = await receiveStock(tx, ctx.org, ctx.user.id, input);
    return {
      audit: { entityId: movement.id, after: { ...movement, ledgerEntry: entry ?? null } },
      message: entry ? "stockReceivedWithEntry" : "stockReceived",
    };
  },
};

"use server";
import { orgAction } from "@/lib/server-action";
import { countSchema, itemSchema, stockOutSchema } from "./schema";
import { addItem, recordCount, recordStockOut } from "./service";
import { stockReceiveWrite, stockSaleWrite } from "./sale-write";

const groupsPath = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/groups`;

export const stockItemAction = orgAction(
  { permission: "groups:write", schema: itemSchema, action: "stock.item", entity: "stock_item", revalidate: groupsPath, manager: (i) => i.groupId },
  async ({ tx, ctx, input }) => {
    const item = await addItem(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: item.id, after: item }, message: "stockItemAdded" };
  },
);

export const stockReceiveAction = orgAction(stockReceiveWrite.def, stockReceiveWrite.work);

export const stockSaleAction = orgAction(stockSaleWrite.def, stockSaleWrite.work);

export const stockCountAction = orgAction(
  { permission: "groups:write", schema: countSchema, action: "stock.count", entity: "stock_count", revalidate: groupsPath, manager: (i) => i.groupId },
  async ({ tx, ctx, input }) => {
    const c = await recordCount(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: c.id, after: c }, message: "stockCounted" };
  },
);

export const stockOutAction = orgAction(
  { permission: "groups:write", schema: stockOutSchema, action: "stock.out", entity: "stock_out", revalidate: groupsPath, manager: (i) => i.groupId },
  async ({ tx, ctx, input }) => {
    const o = await recordStockOut(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: o.id, after: o }, message: input.intent === "out" ? "stockOutRecorded" : "stockBackRecorded" };
  },
);

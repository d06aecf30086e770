import "server-only";
import type { z } from "zod";
import type { WriteDef, WriteWork } from "@/lib/server-action";
import * as s from "./schema";
import * as svc from "./service";

/**
 * The ledger's new-record writes, as data: the form's server action (./actions.ts) and the offline
 * outbox's sync (lib/offline/sync.ts) run the same definition through the same path
 * (writeInTenant in lib/server-action.ts).
 */
interface Write<S extends z.ZodType, T = unknown> {
  def: WriteDef<S>;
  work: WriteWork<S, T>;
}

const groupsPath = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/groups`;

export const recordEntryWrite: Write<typeof s.recordEntrySchema> = {
  def: {
    permission: "groups:write",
    schema: s.recordEntrySchema,
    action: "ledger.record",
    entity: "ledger_entry",
    revalidate: groupsPath,
    manager: (i) => i.groupId,
  },
  work: async ({ tx, ctx, input }) => {
    const e = await svc.recordEntry(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: e.id, after: e }, message: "entryRecorded" };
  },
};

export const creditSaleWrite: Write<typeof s.creditSaleSchema> = {
  def: {
    permission: "groups:write",
    schema: s.creditSaleSchema,
    action: "credit.sale",
    entity: "customer_credit",
    revalidate: groupsPath,
    manager: (i) => i.groupId,
  },
  work: async ({ tx, ctx, input }) => {
    const c = await svc.recordCreditSale(tx, ctx.org, ctx.user.id, input);
    return { audit: { entityId: c.id, after: c }, message: "creditRecorded" };
  },
};

export const repaymentWrite: Write<typeof s.repaymentSchema> = {
  def: {
    permission: "groups:write",
    schema: s.repaymentSchema,
    action: "credit.repayment",
    entity: "credit_repayment",
    revalidate: groupsPath,
    manager: "rows",
  },
  work: async ({ tx, ctx, input }) => {
    const r = await svc.recordRepayment(tx, ctx.org, input);
    return { audit: { entityId: r.repayment.id, after: r.repayment }, message: "repaymentRecorded" };
  },
};

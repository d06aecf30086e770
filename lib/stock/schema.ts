import { z } from "zod";
import { isoDate, today } from "@/lib/dates";
import { normaliseInteger } from "@/lib/numbers";
import { amount, currency } from "@/lib/groups/schema";

const id = z.uuid({ error: "invalid" });
const quantity = z.preprocess(
  normaliseInteger,
  z.coerce
    .number({ error: "quantityInvalid" })
    .int({ error: "quantityInvalid" })
    .min(1, { error: "quantityPositive" })
    .max(1_000_000, { error: "quantityInvalid" }),
);
const pastDate = isoDate.refine((d) => d <= today(), { error: "dateInFuture" });
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** A new item of a group: a product of the commune's list, or the group's own (name and unit). */
export const itemSchema = z
  .object({
    groupId: id,
    productId: z.preprocess(blankToUndefined, id.optional()),
    name: z.preprocess(blankToUndefined, z.string().trim().max(80, { error: "tooLong" }).optional()),
    unit: z.preprocess(blankToUndefined, z.string().trim().max(40, { error: "tooLong" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.productId) return;
    if (!v.name) ctx.addIssue({ code: "custom", path: ["name"], message: "required" });
    if (!v.unit) ctx.addIssue({ code: "custom", path: ["unit"], message: "required" });
  });

export const inLedgerChoices = ["no", "yes"] as const;

/**
 * Stock bought by the group alone (a grouped purchase's delivery comes in by itself). Paid and
 * recorded in the ledger (`inLedger`), its cost is also the ledger's stock purchase of that day (one
 * write, linked: migration 0049), with the ledger form's confirmation and idempotency key.
 */
export const receiveSchema = z
  .object({
    groupId: id,
    itemId: id,
    occurredOn: pastDate,
    quantity,
    cost: z.preprocess(
      (v) => blankToUndefined(normaliseInteger(v)),
      z.coerce.number({ error: "amountInvalid" }).int({ error: "amountInteger" }).min(0, { error: "amountNegative" }).max(1_000_000_000_000).optional(),
    ),
    currency: z.preprocess(blankToUndefined, currency.optional()),
    inLedger: z.preprocess(blankToUndefined, z.enum(inLedgerChoices, { error: "invalid" }).optional()),
    confirm: z.string().max(64, { error: "invalid" }).optional(),
    clientKey: z.preprocess(blankToUndefined, z.uuid({ error: "invalid" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.cost !== undefined && !v.currency) ctx.addIssue({ code: "custom", path: ["currency"], message: "required" });
    if (v.inLedger === "yes" && !v.cost) ctx.addIssue({ code: "custom", path: ["cost"], message: "stockCostForLedger" });
  });

/**
 * Items sold on a day. With its amount, the sale is also the ledger's sale entry of that day (one
 * write, linked: migration 0048); without, its money is in the ledger's totals of the day. The
 * confirmation and the idempotency key are the ledger form's (lib/groups/schema.ts).
 */
export const saleSchema = z
  .object({
    groupId: id,
    itemId: id,
    occurredOn: pastDate,
    quantity,
    amount: z.preprocess((v) => blankToUndefined(normaliseInteger(v)), amount.optional()),
    currency: z.preprocess(blankToUndefined, currency.optional()),
    confirm: z.string().max(64, { error: "invalid" }).optional(),
    clientKey: z.preprocess(blankToUndefined, z.uuid({ error: "invalid" }).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.amount !== undefined && !v.currency) ctx.addIssue({ code: "custom", path: ["currency"], message: "required" });
  });

/** What was counted of an item on a day (zero allowed). */
export const countSchema = z.object({
  groupId: id,
  itemId: id,
  countedOn: pastDate,
  counted: z.preprocess(
    normaliseInteger,
    z.coerce
      .number({ error: "quantityInvalid" })
      .int({ error: "quantityInvalid" })
      .min(0, { error: "quantityInvalid" })
      .max(1_000_000, { error: "quantityInvalid" }),
  ),
});

export const stockOutIntents = ["out", "back"] as const;

/** An item out of stock from a day, or back in stock on a day. */
export const stockOutSchema = z.object({ groupId: id, itemId: id, on: pastDate, intent: z.enum(stockOutIntents, { error: "invalid" }) });

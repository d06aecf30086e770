import { z } from "zod";
import { normaliseInteger } from "@/lib/numbers";
import { currencyCodes } from "./currency";
import { isoDate } from "@/lib/dates";
import { pictogramKeys } from "./pictograms";
import { constituencies } from "./quorum";

export const productCategories = ["staple", "meat", "fabric_dye", "other"] as const;
export const noticeChannels = ["village_meeting", "crier", "radio", "printed_board"] as const;

const id = z.uuid({ error: "invalid" });
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const optionalId = z.preprocess(blankToUndefined, id.optional());
const text = (max: number, error = "required") => z.string({ error }).trim().min(1, { error }).max(max, { error: "tooLong" });
/** Whole units of the currency (MRU has no minor unit in use). */
const amount = z.preprocess(
  normaliseInteger,
  z.coerce.number({ error: "amountPositive" }).int({ error: "amountWhole" }).positive({ error: "amountPositive" }).max(1e10, { error: "amountPositive" }),
);
const quantity = z.coerce
  .number({ error: "quantityPositive" })
  .int({ error: "quantityWhole" })
  .positive({ error: "quantityPositive" })
  .max(1e6, { error: "quantityPositive" });
const version = z.coerce.number({ error: "invalid" }).int().positive({ error: "invalid" });
/** Repeated form fields (`name[]`) arrive as arrays; one value or none is accepted too. */
const listOf = <T extends z.ZodType>(item: T) =>
  z.preprocess((v: unknown): unknown[] => (v === undefined || v === "" ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(item));

export const productSchema = z.object({
  nameFr: text(80),
  nameAr: text(80),
  nameEn: text(80),
  unit: text(40),
  unitAr: z.preprocess(blankToUndefined, z.string().trim().max(40, { error: "tooLong" }).optional()),
  unitEn: z.preprocess(blankToUndefined, z.string().trim().max(40, { error: "tooLong" }).optional()),
  category: z.enum(productCategories, { error: "invalid" }),
  pictogram: z.enum(pictogramKeys as [string, ...string[]], { error: "invalid" }),
});

export const supplierSchema = z.object({
  name: text(120),
  phone: z.preprocess(blankToUndefined, z.string().trim().max(40, { error: "tooLong" }).optional()),
});

/** A product's or a supplier's edit, against the version the editor loaded (issue 14). */
export const editProductSchema = productSchema.extend({ productId: id, version });
export const editSupplierSchema = supplierSchema.extend({ supplierId: id, version });
/** Archive or restore a product or a supplier (the action says which). */
export const archiveRecordSchema = z.object({ id, version });

export const createSessionSchema = z.object({ heldOn: isoDate, place: text(120) });

export const updateSessionSchema = z.object({
  sessionId: id,
  version,
  heldOn: isoDate,
  place: text(120),
  minutes: z.string().max(20_000, { error: "tooLong" }),
  status: z.enum(["draft", "closed"], { error: "invalid" }),
});

export const attendeeSchema = z.object({
  sessionId: id,
  name: text(120),
  constituency: z.enum(constituencies, { error: "constituencyRequired" }),
});
export const removeAttendeeSchema = z.object({ sessionId: id, attendeeId: id });

/** The fields of a price decision, and of its notice (how and where it was announced). */
const decisionFields = {
  sessionId: id,
  supplierId: optionalId,
  purchasePrice: amount,
  sellingPrice: amount,
  currency: z.enum(currencyCodes, { error: "invalid" }).default("MRU"),
  effectiveOn: isoDate,
  channels: listOf(z.enum(noticeChannels, { error: "invalid" })),
  villages: listOf(id),
};
const reason = text(500, "reasonRequired");

/** A notice names at least one channel and one village: both or neither. */
function noticeComplete(v: { channels: readonly string[]; villages: readonly string[] }, ctx: z.RefinementCtx) {
  if (v.channels.length === 0 && v.villages.length > 0) ctx.addIssue({ code: "custom", path: ["channels"], message: "noticeChannelsRequired" });
  if (v.villages.length === 0 && v.channels.length > 0) ctx.addIssue({ code: "custom", path: ["villages"], message: "noticeVillagesRequired" });
}

export const decidePriceSchema = z
  .object({ intent: z.literal("decide", { error: "invalid" }).default("decide"), productId: id, ...decisionFields })
  .superRefine(noticeComplete);

/** A correction of a decision of a draft session: a new decision in its place, with a reason. */
export const correctDecisionSchema = z
  .object({ intent: z.literal("correct", { error: "invalid" }), decisionId: id, reason, ...decisionFields })
  .superRefine(noticeComplete);

export const withdrawDecisionSchema = z.object({ intent: z.literal("withdraw", { error: "invalid" }), sessionId: id, decisionId: id, reason });

/** What the decision action accepts: decide (the default), correct or withdraw. */
export const priceDecisionSchema = z.preprocess(
  (v) => (v && typeof v === "object" && !("intent" in v) ? { ...v, intent: "decide" } : v),
  z.discriminatedUnion("intent", [decidePriceSchema, correctDecisionSchema, withdrawDecisionSchema], { error: "invalid" }),
);

export const settingsSchema = z.object({
  minMcpgc: z.coerce.number().int().min(1, { error: "minimumOne" }).max(50, { error: "invalid" }),
  minBeneficiaries: z.coerce.number().int().min(1, { error: "minimumOne" }).max(50, { error: "invalid" }),
  minCommune: z.coerce.number().int().min(1, { error: "minimumOne" }).max(50, { error: "invalid" }),
  minTradersFederation: z.coerce.number().int().min(1, { error: "minimumOne" }).max(50, { error: "invalid" }),
  noticeDays: z.coerce.number().int().min(0, { error: "invalid" }).max(90, { error: "invalid" }),
  horizonDays: z.coerce.number({ error: "horizonRange" }).int({ error: "horizonRange" }).min(1, { error: "horizonRange" }).max(3650, { error: "horizonRange" }),
  stabilityThresholdPct: z.coerce.number().int().min(1, { error: "invalid" }).max(100, { error: "invalid" }),
  /** The Arabic board's digits: Latin or Arabic-Indic (lib/prices/format.ts). */
  boardDigits: z.enum(["latn", "arab"], { error: "invalid" }).default("latn"),
});

export const boardLinkSchema = z.object({ mode: z.enum(["enable", "disable", "regenerate"], { error: "invalid" }) });

export const createOrderSchema = z.object({ sessionId: id, supplierId: optionalId });

export const addOrderLineSchema = z.object({ orderId: id, version, groupId: id, productId: id, quantity });

/** Save quantities of a draft order, or move it on: draft → ordered → delivered. */
export const saveOrderSchema = z.object({
  orderId: id,
  version,
  intent: z.enum(["save", "order", "deliver"], { error: "invalid" }),
  lineIds: listOf(id),
  quantities: listOf(z.coerce.number({ error: "quantityWhole" }).int({ error: "quantityWhole" }).min(0, { error: "quantityWhole" })),
});

export const observationSchema = z.object({
  /** The commune observed, by slug: any commune the recording organisation may read. */
  commune: z.string({ error: "invalid" }).regex(/^[a-z0-9-]{1,64}$/, { error: "invalid" }),
  productId: id,
  placeId: id,
  observedOn: isoDate,
  price: amount,
  currency: z.enum(currencyCodes, { error: "invalid" }).default("MRU"),
});

export type DecidePriceInput = Omit<z.infer<typeof decidePriceSchema>, "intent">;
export type CorrectDecisionInput = Omit<z.infer<typeof correctDecisionSchema>, "intent">;
export type WithdrawDecisionInput = Omit<z.infer<typeof withdrawDecisionSchema>, "intent">;
export type SaveOrderInput = z.infer<typeof saveOrderSchema>;
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

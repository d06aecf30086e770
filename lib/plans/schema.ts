import { z } from "zod";
import { isoDate, today } from "@/lib/dates";
import { normaliseInteger } from "@/lib/numbers";
import { currency } from "@/lib/groups/schema";

const id = z.uuid({ error: "invalid" });
const wholeAmount = z.preprocess(
  normaliseInteger,
  z.coerce
    .number({ error: "amountInvalid" })
    .int({ error: "amountInteger" })
    .min(0, { error: "amountNegative" })
    .max(1_000_000_000_000, { error: "amountTooLarge" }),
);
/** The version the writer loaded (0: none yet): another writer's version in between is a conflict. */
const loadedVersion = z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).min(0, { error: "invalid" });

/** A new version of a group's business plan (issue 17, point 3). */
export const planSchema = z.object({
  groupId: id,
  loadedVersion,
  currency,
  plannedCapital: wholeAmount,
  monthlySales: wholeAmount,
  marginPct: z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).min(-100, { error: "marginRange" }).max(100, { error: "marginRange" }),
  reorderDays: z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).min(1, { error: "reorderRange" }).max(365, { error: "reorderRange" }),
  note: z.string().trim().max(500, { error: "tooLong" }).optional().default(""),
});

/** A new version of a group's internal rules (issue 17, point 4). */
export const rulesSchema = z.object({
  groupId: id,
  loadedVersion,
  body: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(4000, { error: "tooLong" }),
});

/** Members who acknowledged the rules in force, on a date. */
export const acknowledgeSchema = z.object({
  groupId: id,
  rulesId: id,
  acknowledgedOn: isoDate.refine((d) => d <= today(), { error: "dateInFuture" }),
  membershipIds: z.preprocess(
    (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(id).min(1, { error: "membersRequired" }),
  ),
});

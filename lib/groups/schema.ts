import { z } from "zod";
import { currencies } from "@/lib/money";
import { normaliseInteger } from "@/lib/numbers";
import { wgAnswers } from "@/lib/wgss";
import { isoDate, today } from "@/lib/dates";
import { amountKinds } from "./plausibility";

const id = z.uuid({ error: "invalid" });
/** A sale may not be dated after today. */
const pastDate = isoDate.refine((d) => d <= today(), { error: "dateInFuture" });
export const amount = z
  .preprocess(normaliseInteger, z.coerce.number({ error: "amountInvalid" }))
  .refine(Number.isFinite, { error: "amountInvalid" })
  .refine((n) => n > 0, { error: "amountPositive" })
  .refine(Number.isInteger, { error: "amountInteger" })
  .refine((n) => n <= 1_000_000_000_000, { error: "amountTooLarge" });
export const currency = z.enum(currencies, { error: "currencyUnknown" });
/**
 * The tick box that confirms a warned write (an amount above the soft limit, a possible duplicate):
 * it carries the token of what was warned about (lib/groups/plausibility.ts); absent otherwise.
 */
const confirm = z.string().max(64, { error: "invalid" }).optional();
/**
 * The submission's idempotency key: a UUID made when the form is drawn (a hidden input) or by the
 * offline outbox, stored with the record so that a retry never records twice. Optional: a client
 * without it writes as before.
 */
const clientKey = z.preprocess((v) => (v === "" ? undefined : v), z.uuid({ error: "invalid" }).optional());
const note = z.string().trim().max(500, { error: "tooLong" }).optional().default("");
const name = z.string({ error: "nameRequired" }).trim().min(2, { error: "nameRequired" }).max(120, { error: "tooLong" });
export const ledgerKinds = ["sale", "stock_purchase", "other_expense", "contribution"] as const;

export const createGroupSchema = z.object({
  name,
  activityType: z.string().min(1, { error: "required" }),
  villageId: id,
  startDate: pastDate,
  startingCapitalAmount: z.preprocess(
    normaliseInteger,
    z.coerce.number({ error: "amountInvalid" }).int({ error: "amountInteger" }).min(0, { error: "amountNegative" }),
  ),
  startingCapitalCurrency: currency,
  profitRule: z.enum(["equal", "team_weighted"], { error: "invalid" }),
  confirm,
});

export const updateGroupSchema = z.object({
  groupId: id,
  status: z.enum(["active", "paused", "closed"], { error: "invalid" }),
  profitRule: z.enum(["equal", "team_weighted"], { error: "invalid" }),
  version: z.coerce.number().int(),
});

/** A group's own record: name, village, cooperative network (none: empty) and starting capital. */
export const editGroupSchema = z.object({
  groupId: id,
  version: z.coerce.number().int(),
  name,
  villageId: id,
  networkOrgId: z.union([z.literal(""), z.uuid({ error: "invalid" })], { error: "invalid" }).default(""),
  startingCapitalAmount: z.preprocess(
    normaliseInteger,
    z.coerce.number({ error: "amountInvalid" }).int({ error: "amountInteger" }).min(0, { error: "amountNegative" }),
  ),
  startingCapitalCurrency: currency,
  confirm,
});

/** Archive (out of pickers and new entries, history and figures kept) or restore a record. */
export const archiveSchema = z.object({
  id,
  version: z.coerce.number().int(),
  intent: z.enum(["archive", "restore"], { error: "invalid" }).default("archive"),
});

const wg = z.enum(wgAnswers, { error: "invalid" }).default("not_asked");
export const addMemberSchema = z
  .object({
    groupId: id,
    mode: z.enum(["new", "existing"], { error: "invalid" }),
    personId: z.string().optional().default(""),
    name: z.string().trim().max(120, { error: "tooLong" }).optional().default(""),
    sex: z.enum(["female", "male"], { error: "required" }).optional(),
    birthYear: z.coerce.number().int().optional(),
    settlementId: z.string().optional().default(""),
    householdSize: z.coerce.number().int().optional(),
    householdStatus: z.enum(["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"], { error: "invalid" }).optional(),
    cashTransferSince: z.string().optional().default(""),
    wgSeeing: wg,
    wgHearing: wg,
    wgWalking: wg,
    wgCognition: wg,
    wgSelfCare: wg,
    wgCommunication: wg,
    joinedOn: pastDate,
    /** "Create anyway": the token of the near-duplicates the warning named (lib/people/search.ts). */
    confirm,
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (v.mode === "existing") {
      if (!z.uuid().safeParse(v.personId).success) issue("personId", "required");
      return;
    }
    if (v.name.length < 2) issue("name", "nameRequired");
    if (!v.sex) issue("sex", "required");
    const year = new Date().getUTCFullYear();
    if (!v.birthYear || v.birthYear < 1900 || v.birthYear > year) issue("birthYear", "birthYearInvalid");
    if (!z.uuid().safeParse(v.settlementId).success) issue("settlementId", "required");
    if (!v.householdSize || v.householdSize < 1 || v.householdSize > 99) issue("householdSize", "householdSizeInvalid");
    if (!v.householdStatus) issue("householdStatus", "required");
    if (v.cashTransferSince && !isoDate.safeParse(v.cashTransferSince).success) issue("cashTransferSince", "dateInvalid");
  });

export const leaveGroupSchema = z.object({ membershipId: id, leftOn: pastDate });

export const recordEntrySchema = z.object({
  groupId: id,
  kind: z.enum(ledgerKinds, { error: "invalid" }),
  occurredOn: pastDate,
  amount,
  currency,
  note,
  confirm,
  clientKey,
});
export const correctEntrySchema = recordEntrySchema.omit({ groupId: true, clientKey: true }).extend({ entryId: id, version: z.coerce.number().int() });
export const voidEntrySchema = z.object({
  entryId: id,
  reason: z.string({ error: "reasonMin3" }).trim().min(3, { error: "reasonMin3" }).max(500, { error: "tooLong" }),
});

export const creditSaleSchema = z
  .object({
    groupId: id,
    customerName: name,
    community: z.enum(["host", "refugee", "other_village"], { error: "invalid" }),
    amount,
    currency,
    grantedOn: pastDate,
    dueOn: isoDate,
    confirm,
    clientKey,
  })
  .refine((v) => v.dueOn >= v.grantedOn, { path: ["dueOn"], error: "dueBeforeSale" });
export const repaymentSchema = z.object({ creditId: id, paidOn: pastDate, amount, confirm, clientKey });

export const teamSchema = z.object({
  groupId: id,
  name,
  weight: z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).min(1, { error: "weightInvalid" }).max(100, { error: "weightInvalid" }),
  memberIds: z.array(id, { error: "teamMembersRequired" }).min(1, { error: "teamMembersRequired" }),
});
export const termSchema = z
  .object({ groupId: id, teamId: z.uuid({ error: "required" }), startsOn: isoDate, endsOn: isoDate })
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], error: "endBeforeStart" });

export const distributionSchema = z
  .object({ groupId: id, periodFrom: isoDate, periodTo: pastDate, currency })
  .refine((v) => v.periodTo >= v.periodFrom, { path: ["periodTo"], error: "endBeforeStart" });

export const rateSchema = z.object({
  // Monthly rates (migration 0012 checks it too): a month converts at one rate.
  validFrom: isoDate.refine((d) => d.endsWith("-01"), { error: "rateFirstOfMonth" }),
  xofPerMru: z
    .string({ error: "rateInvalid" })
    .trim()
    .regex(/^\d{1,6}(\.\d{1,7})?$/, { error: "rateInvalid" })
    .refine((r) => Number(r) > 0, { error: "rateInvalid" }),
  source: z.string().trim().max(200, { error: "tooLong" }).optional().default(""),
});

export const aidSchema = z
  .object({
    personId: id,
    /** A kind from the list (aid_types); "other" says what it is in `details`. */
    aidType: z
      .string({ error: "required" })
      .trim()
      .min(1, { error: "required" })
      .max(40, { error: "aidTypeUnknown" })
      .regex(/^[a-z_]+$/, { error: "aidTypeUnknown" }),
    details: z.string().trim().max(80, { error: "tooLong" }).optional().default(""),
    receivedOn: pastDate,
  })
  .refine((a) => a.aidType !== "other" || a.details.length > 0, { path: ["details"], error: "aidDetailsRequired" });

/** What the records can compute for a declared figure (lib/groups/declared.ts). */
export const declaredMetrics = ["group_beneficiaries", "workshop_women", "avg_revenue_per_group_xof", "group_revenue_mru"] as const;
export const declaredFigureSchema = z.object({
  metric: z.enum(declaredMetrics, { error: "invalid" }),
  label: z.string({ error: "required" }).trim().min(2, { error: "required" }).max(300, { error: "tooLong" }),
  declaredValue: z.coerce.number({ error: "amountInvalid" }).int({ error: "amountInteger" }).min(0, { error: "amountNegative" }),
  source: z.string({ error: "required" }).trim().min(2, { error: "required" }).max(300, { error: "tooLong" }),
});

/**
 * An NGO admin's plausibility settings: the date floor and, per kind and currency, the ceiling
 * (refused above) and the soft limit (confirmed above). Fields `ceiling_<kind>_<currency>` and
 * `soft_<kind>_<currency>`.
 */
export const limitsSchema = z
  .object({
    dateFloor: pastDate.refine((d) => d >= "1990-01-01", { error: "dateFloorInvalid" }),
    ...Object.fromEntries(
      amountKinds.flatMap((k) =>
        currencies.flatMap((c) => [
          [`ceiling_${k}_${c}`, amount],
          [`soft_${k}_${c}`, amount],
        ]),
      ),
    ),
  })
  .superRefine((v, ctx) => {
    const values = v as Record<string, unknown>;
    for (const k of amountKinds) {
      for (const c of currencies) {
        const [ceiling, soft] = [values[`ceiling_${k}_${c}`], values[`soft_${k}_${c}`]];
        if (typeof ceiling === "number" && typeof soft === "number" && soft > ceiling) {
          ctx.addIssue({ code: "custom", path: [`soft_${k}_${c}`], message: "softAboveCeiling" });
        }
      }
    }
  });

export type RecordEntryInput = z.infer<typeof recordEntrySchema>;
export type AddMemberInput = z.infer<typeof addMemberSchema>;
export type CreateGroupInput = z.infer<typeof createGroupSchema>;

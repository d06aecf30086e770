import { z } from "zod";
import { isoDate } from "@/lib/dates";
import { wgAnswers } from "@/lib/wgss";

const id = z.uuid({ error: "invalid" });
const version = z.coerce.number().int();
const wg = z.enum(wgAnswers, { error: "invalid" });

/** A person's details and Washington Group answers; the disability is derived from them, never typed. */
export const editPersonSchema = z
  .object({
    personId: id,
    version,
    name: z.string({ error: "nameRequired" }).trim().min(2, { error: "nameRequired" }).max(120, { error: "tooLong" }),
    sex: z.enum(["female", "male"], { error: "required" }),
    birthYear: z.coerce.number({ error: "birthYearInvalid" }).int({ error: "birthYearInvalid" }),
    wgSeeing: wg,
    wgHearing: wg,
    wgWalking: wg,
    wgCognition: wg,
    wgSelfCare: wg,
    wgCommunication: wg,
  })
  .refine((v) => v.birthYear >= 1900 && v.birthYear <= new Date().getUTCFullYear(), { path: ["birthYear"], error: "birthYearInvalid" });

export const editHouseholdSchema = z.object({
  householdId: id,
  version,
  settlementId: id,
  size: z.coerce
    .number({ error: "householdSizeInvalid" })
    .int({ error: "householdSizeInvalid" })
    .min(1, { error: "householdSizeInvalid" })
    .max(99, { error: "householdSizeInvalid" }),
  status: z.enum(["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"], { error: "invalid" }),
  cashTransferSince: z.union([z.literal(""), isoDate], { error: "dateInvalid" }).default(""),
});

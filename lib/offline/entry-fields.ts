import type { z } from "zod";
import { creditSaleSchema, recordEntrySchema, repaymentSchema } from "@/lib/groups/schema";
import type { OutboxType } from "./batch";

/** The schema of each queued kind: the form's own, so that a correction is checked as the form checks it. */
const schemas: Record<OutboxType, z.ZodType> = { entry: recordEntrySchema, credit_sale: creditSaleSchema, repayment: repaymentSchema };

/** The date field of each kind: what the outbox lets the user correct, with the amount and the note. */
export const dateField: Record<OutboxType, string> = { entry: "occurredOn", credit_sale: "grantedOn", repayment: "paidOn" };

export function editableFields(type: OutboxType): string[] {
  return ["amount", dateField[type], ...(type === "entry" ? ["note"] : [])];
}

/** Field -> message key of the first problem, for the fields the user may correct; empty when valid. */
export function checkCorrection(type: OutboxType, fields: Record<string, string>, key: string): Record<string, string> {
  const parsed = schemas[type].safeParse({ ...fields, clientKey: key });
  if (parsed.success) return {};
  const editable = new Set(editableFields(type));
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "");
    if (editable.has(field) && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

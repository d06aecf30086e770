import { z } from "zod";
import { isoDate as day } from "@/lib/dates";

const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v: unknown) => (Array.isArray(v) ? (v[0] as unknown) : v === "" ? undefined : v), s.optional().catch(undefined));

/** Filters of the audit trail page, from the query string; anything malformed is ignored. */
export const auditFiltersSchema = z.object({
  action: optional(
    z
      .string()
      .max(100)
      .regex(/^[a-z_.]+$/),
  ),
  entity: optional(
    z
      .string()
      .max(100)
      .regex(/^[a-z_]+$/),
  ),
  user: optional(
    z
      .string()
      .trim()
      .min(1)
      .max(254)
      .regex(/^[^\u0000-\u001f]*$/),
  ),
  from: optional(day),
  to: optional(day),
});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

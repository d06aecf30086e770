import { z } from "zod";

/** An admin names a new API token, and may give it a last day of validity (from tomorrow on). */
export const createApiTokenSchema = z.object({
  name: z.string().trim().min(2, { error: "nameRequired" }).max(80, { error: "tooLong" }),
  expiresOn: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "dateInvalid" })
        .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), { error: "dateInvalid" })
        .refine((v) => v > new Date().toISOString().slice(0, 10), { error: "apiTokenExpiryPast" })
        .optional(),
    ),
});
export const revokeApiTokenSchema = z.object({ tokenId: z.uuid({ error: "invalid" }) });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;

import { z } from "zod";

const id = z.uuid({ error: "invalid" });
const version = z.coerce.number().int();

/**
 * Merging a duplicate into the person kept (issue 14.4): both records as the form showed them (their
 * versions), and the writer's confirmation that they are the same person.
 */
export const mergePeopleSchema = z
  .object({
    keptId: id,
    keptVersion: version,
    duplicateId: id,
    duplicateVersion: version,
    confirmed: z.literal("yes", { error: "mergeConfirmRequired" }),
  })
  .refine((v) => v.keptId !== v.duplicateId, { path: ["duplicateId"], error: "mergeSelf" });

export type MergePeopleInput = z.infer<typeof mergePeopleSchema>;

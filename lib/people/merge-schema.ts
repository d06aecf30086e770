import { z } from "zod";
import { choiceField, detailSources, mergeDetailFields, type ChoiceField } from "./merge-details";

const id = z.uuid({ error: "invalid" });
const version = z.coerce.number().int();
/** Which record a detail comes from; absent (the records agree, or the form did not ask): the kept one's. */
const source = z.enum(detailSources, { error: "invalid" }).default("kept");
const choices = Object.fromEntries(mergeDetailFields.map((f) => [choiceField(f), source])) as Record<ChoiceField, typeof source>;

/**
 * Merging a duplicate into the person kept (issue 14.4): both records as the form showed them (their
 * versions), for each detail where they differ the record its value comes from (`<detail>From`),
 * and the writer's confirmation that they are the same person.
 */
export const mergePeopleSchema = z
  .object({
    keptId: id,
    keptVersion: version,
    duplicateId: id,
    duplicateVersion: version,
    ...choices,
    confirmed: z.literal("yes", { error: "mergeConfirmRequired" }),
  })
  .refine((v) => v.keptId !== v.duplicateId, { path: ["duplicateId"], error: "mergeSelf" });

export type MergePeopleInput = z.infer<typeof mergePeopleSchema>;

import { z } from "zod";
import { importKinds } from "./fields";

const id = z.uuid({ error: "invalid" });
export const uploadSchema = z.object({
  kind: z.enum(importKinds, { error: "required" }),
  mappingId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
});
export const commitSchema = z.object({ uploadId: id, acceptWarnings: z.preprocess((v) => v === "on" || v === "true", z.boolean()) });
export const discardSchema = z.object({ uploadId: id });
export const mappingSchema = z.object({
  uploadId: id,
  name: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(80, { error: "tooLong" }),
});

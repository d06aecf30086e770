import { z } from "zod";
import { importKinds } from "./fields";

const id = z.uuid({ error: "invalid" });
/** The key under which a long import's progress is written for the page to poll (lib/imports/progress.ts). */
const progressKey = z.preprocess((v) => (v === "" ? undefined : v), id.optional());
export const uploadSchema = z.object({
  kind: z.enum(importKinds, { error: "required" }),
  mappingId: z.preprocess((v) => (v === "" ? undefined : v), id.optional()),
  progressKey,
});
export const commitSchema = z.object({ uploadId: id, acceptWarnings: z.preprocess((v) => v === "on" || v === "true", z.boolean()), progressKey });
export const discardSchema = z.object({ uploadId: id });
export const mappingSchema = z.object({
  uploadId: id,
  name: z.string({ error: "required" }).trim().min(1, { error: "required" }).max(80, { error: "tooLong" }),
});

import { z } from "zod";
import { isoDate, today } from "@/lib/dates";

const id = z.uuid({ error: "invalid" });
export const explainMethods = ["read_aloud", "pictures", "counted_cash", "other"] as const;

/**
 * The open meeting of a profit distribution (issue 17, point 4): when and where, who was there,
 * how the shares were explained. `intent` "finalise" also closes the distribution, which the
 * database refuses below the quorum.
 */
export const meetingSchema = z.object({
  groupId: id,
  distributionId: id,
  meetingOn: isoDate.refine((d) => d <= today(), { error: "dateInFuture" }),
  meetingPlace: z.string({ error: "required" }).trim().min(2, { error: "required" }).max(120, { error: "tooLong" }),
  explainedBy: z.enum(explainMethods, { error: "required" }),
  explanation: z.string().trim().max(1000, { error: "tooLong" }).optional().default(""),
  attendees: z.preprocess((v: unknown) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(id)),
  intent: z.enum(["save", "finalise"]).optional().default("save"),
});

/** The NGO's quorum for profit meetings: more than this share of the members present (50 = a majority), or all of them. */
export const quorumSchema = z.object({
  meetingQuorumPct: z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).min(50, { error: "quorumRange" }).max(100, { error: "quorumRange" }),
});

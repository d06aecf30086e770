import { z } from "zod";

/** At most this many entries per sync request: the outbox sends a longer queue in several. */
export const SYNC_BATCH_MAX = 50;

/** The kinds of record the outbox may carry, each the write of an entry form. */
export const outboxTypes = ["entry", "credit_sale", "repayment", "item_sale", "item_purchase", "visit"] as const;
export type OutboxType = (typeof outboxTypes)[number];

/**
 * A sync request: entries in the order they were made, each with its client-made idempotency
 * key and the form's fields as the form would post them (strings). The fields are validated
 * later, entry by entry, by the form's own schema.
 */
export const syncBatchSchema = z.object({
  entries: z
    .array(
      z.object({
        key: z.uuid(),
        type: z.enum(outboxTypes),
        fields: z.record(z.string().max(64), z.string().max(2000)),
      }),
    )
    .min(1)
    .max(SYNC_BATCH_MAX),
});
export type SyncBatch = z.infer<typeof syncBatchSchema>;

/**
 * Each entry's answer. `accepted` and `duplicate` (its key was accepted before: nothing new was
 * written) carry the record's id; `refused` carries the translated reason and stays in the outbox
 * for correction; `retry` (a transient failure) is sent again later as it is.
 */
export type SyncAnswer =
  | { key: string; status: "accepted" | "duplicate"; id: string }
  | { key: string; status: "refused"; reason: string; fieldErrors?: Record<string, string> }
  | { key: string; status: "retry"; reason: string };

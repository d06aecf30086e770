import "server-only";
import type { WriteDef, WriteWork } from "@/lib/server-action";
import { coachingVisitSchema } from "./schema";
import { recordVisit } from "./service";

/**
 * A coaching visit recorded, as data: the coaching page's form (recordVisitAction) and the offline
 * outbox's sync (lib/offline/sync.ts) write it through the same definition.
 */
export const recordVisitWrite: { def: WriteDef<typeof coachingVisitSchema>; work: WriteWork<typeof coachingVisitSchema, unknown> } = {
  def: {
    permission: "groups:write",
    schema: coachingVisitSchema,
    action: "coaching.record_visit",
    entity: "coaching_visit",
    revalidate: (ctx) => `/${ctx.org.slug}/coaching`,
  },
  work: async ({ tx, ctx, input }) => {
    const { visit, followUps } = await recordVisit(tx, ctx.org.id, ctx.user, input);
    return { audit: { entityId: visit.id, after: { ...visit, followUps } }, message: "visitRecorded" };
  },
};

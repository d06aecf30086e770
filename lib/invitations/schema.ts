import { z } from "zod";

/** The invited user's answer, or the organisation's withdrawal: one invitation by its id. */
export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "invalid" }) });

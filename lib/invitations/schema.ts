import { z } from "zod";
import { roles } from "@/lib/permissions";

const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "emailInvalid" }).max(254, { error: "emailInvalid" }));

/** An organisation invites an existing user by e-mail, with the role they will hold. */
export const inviteMemberSchema = z.object({ email, role: z.enum(roles, { error: "roleInvalid" }) });
/** The invited user's answer, or the organisation's withdrawal: one invitation by its id. */
export const invitationIdSchema = z.object({ invitationId: z.uuid({ error: "invalid" }) });

export type InviteMemberInput = z.infer<typeof inviteMemberSchema>;

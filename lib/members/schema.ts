import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-rules";
import { roles } from "@/lib/permissions";

const role = z.enum(roles, { error: "roleInvalid" });
const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "emailInvalid" }).max(254, { error: "emailInvalid" }));
export const password = z
  .string({ error: "passwordTooShort" })
  .refine((v) => [...v].length >= PASSWORD_MIN_LENGTH, { error: "passwordTooShort" })
  .refine((v) => [...v].length <= PASSWORD_MAX_LENGTH, { error: "passwordTooLong" });

/** Adding a member: the same fields whether or not the address has an account (lib/members/service.ts). */
export const addMemberSchema = z.object({
  name: z.string().trim().min(2, { error: "nameRequired" }).max(120, { error: "tooLong" }),
  email,
  role,
  temporaryPassword: password,
});
export const changeRoleSchema = z.object({ membershipId: z.uuid({ error: "invalid" }), role });
export const removeMemberSchema = z.object({ membershipId: z.uuid({ error: "invalid" }) });
/** A group's manager (issue 17.5): an editor of the NGO named to manage one of its groups, or no longer. */
export const groupManagerSchema = z.object({
  groupId: z.uuid({ error: "invalid" }),
  membershipId: z.uuid({ error: "managerRequired" }),
  intent: z.enum(["assign", "remove"], { error: "invalid" }),
});

export type AddMemberInput = z.infer<typeof addMemberSchema>;

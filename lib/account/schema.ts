import { z } from "zod";
import { password } from "@/lib/members/schema";

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, { error: "required" }).max(256, { error: "passwordTooLong" }),
    newPassword: password,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], error: "passwordMismatch" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], error: "passwordUnchanged" });

"use server";
import { eq, sql } from "drizzle-orm";
import { AuthError, CredentialsSignin } from "next-auth";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { auditLog, users } from "@/db/schema";
import { changePasswordSchema } from "@/lib/account/schema";
import type { ActionState } from "@/lib/action-state";
import { formDataToObject, formText } from "@/lib/action-state";
import { secureCookies } from "@/lib/cookies";
import { LOCALE_COOKIE, toLocale } from "@/lib/i18n/locales";
import { setPassword } from "@/lib/members/service";
import { requestId } from "@/lib/request";
import { toErrorState } from "@/lib/server-action";
import { signIn, signOut } from "./config";
import { verifyPassword } from "./password";
import { getCurrentUser } from "./session";
import { revokeSession } from "./sign-in";

const YEAR = 365 * 24 * 3600;

async function rememberLocale(locale: string) {
  (await cookies()).set(LOCALE_COOKIE, toLocale(locale), {
    maxAge: YEAR,
    sameSite: "lax",
    httpOnly: true,
    secure: secureCookies(),
    path: "/",
  });
}

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = formText(formData, "email").slice(0, 254);
  const password = formText(formData, "password");
  if (!email.trim() || !password) {
    return { status: "error", formError: { key: "signInInvalid" }, values: { email } };
  }
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    if (err instanceof CredentialsSignin) {
      const m = /^throttled:(\d+)$/.exec(err.code);
      if (m) return { status: "error", formError: { key: "signInThrottled", values: { minutes: Number(m[1]) } }, values: { email } };
      return { status: "error", formError: { key: "signInInvalid" }, values: { email } };
    }
    if (err instanceof AuthError) return { status: "error", formError: { key: "signInInvalid" }, values: { email } };
    return toErrorState(err, { email }, { action: "auth.sign_in", requestId: requestId(await headers()) });
  }
  const db = await getDb();
  const [user] = await db
    .select({ locale: users.locale })
    .from(users)
    .where(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`);
  if (user) await rememberLocale(user.locale);
  redirect("/");
}

export async function signOutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) await revokeSession(await getDb(), user.sessionId, requestId(await headers()));
  // next-auth's signOut event revokes the session too (lib/auth/config.ts); already done here.
  await signOut({ redirectTo: "/login" });
}

export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = toLocale(formText(formData, "locale"));
  await rememberLocale(locale);
  const user = await getCurrentUser();
  if (user && user.locale !== locale) {
    const db = await getDb();
    const rid = requestId(await headers());
    await db.transaction(async (tx) => {
      await tx.update(users).set({ locale }).where(eq(users.id, user.id));
      await tx.insert(auditLog).values({
        actorUserId: user.id,
        action: "user.set_locale",
        entity: "user",
        entityId: user.id,
        before: { locale: user.locale },
        after: { locale },
        requestId: rid,
      });
    });
  }
  const back = formText(formData, "back") || "/";
  redirect(/^\/(?!\/)[\w\-./?=&%]*$/.test(back) ? back : "/");
}

export async function changePasswordAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  const parsed = changePasswordSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[i.path.join(".")] ??= i.message;
    return { status: "error", fieldErrors, formError: { key: "validation" } };
  }
  try {
    const db = await getDb();
    const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    if (!row || !(await verifyPassword(parsed.data.currentPassword, row.hash))) {
      return { status: "error", fieldErrors: { currentPassword: "currentPasswordWrong" }, formError: { key: "validation" } };
    }
    const rid = requestId(await headers());
    await db.transaction(async (tx) => {
      await setPassword(tx, user.id, parsed.data.newPassword, user.sessionId);
      await tx.insert(auditLog).values({
        actorUserId: user.id,
        action: "user.change_password",
        entity: "user",
        entityId: user.id,
        requestId: rid,
      });
    });
  } catch (err) {
    return toErrorState(err, {}, { action: "user.change_password", requestId: requestId(await headers()), userId: user.id });
  }
  if (user.mustChangePassword) redirect("/");
  return { status: "ok", message: { key: "passwordChanged" } };
}

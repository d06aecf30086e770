/**
 * Next's request scope for tests that call pages, route handlers and server actions directly:
 * one `request` (its headers and the signed-in user, set by the test) and the stand-ins each test
 * file registers with `vi.mock` (vi.mock is hoisted, so a factory imports this module):
 *
 *   vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
 *   vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
 *   vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));
 *   vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());
 *
 * The factories and the test share this module's one instance, hence one `request`.
 */
import { createFormatter, createTranslator } from "next-intl";
import type { CurrentUser } from "@/lib/auth/session-store";
import { loadMessages } from "@/lib/i18n/catalogues";
import { toLocale } from "@/lib/i18n/locales";

export const request = { headers: new Headers(), user: null as CurrentUser | null };

export const nextHeaders = () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
});

export const nextCache = () => ({ revalidatePath: () => {}, revalidateTag: () => {} });

/** The real session module, with the signed-in user taken from `request`. */
export const session = <M extends object>(original: M) => ({ ...original, getCurrentUser: async () => request.user });

/** next-intl's server functions on the same catalogues (its request config needs Next's plugin), in French unless a locale is asked. */
export const nextIntlServer = () => ({
  getLocale: async () => "fr",
  // Pages with client forms send the forms' catalogue (components/i18n/form-messages.tsx).
  getMessages: async () => loadMessages("fr"),
  getTranslations: async (opts: { locale?: string; namespace?: string } | string) => {
    const o = typeof opts === "string" ? { namespace: opts } : opts;
    const locale = toLocale(o.locale ?? "fr");
    return createTranslator({ locale, messages: await loadMessages(locale), namespace: o.namespace as never });
  },
  getFormatter: async () => createFormatter({ locale: "fr", timeZone: "UTC" }),
});

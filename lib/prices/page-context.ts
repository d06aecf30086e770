import "server-only";
import { cache } from "react";
import { notFound } from "next/navigation";
import { requireMember } from "@/lib/auth/tenant";
import { findVisibleCommune } from "@/lib/orgs/scope";
import { withTenant } from "@/lib/tenant-db";

/**
 * The price committee of one commune as seen by the signed-in member of `orgSlug`: readable by
 * the commune, NGOs and networks working there and the consortium; writable only by the
 * commune's own editors. Any other organisation gets the same 404.
 */
export const loadCommuneScope = cache(async (orgSlug: string, communeSlug: string) => {
  const ctx = await requireMember(orgSlug, "prices:read");
  const commune = await withTenant(ctx, (tx) => findVisibleCommune(tx, ctx.org, communeSlug));
  if (!commune) notFound();
  const isOwn = ctx.org.type === "commune" && ctx.org.id === commune.id;
  return {
    ctx,
    commune,
    /** The commune's own members also see the decisions of its draft sessions. */
    isOwn,
    canWrite: isOwn && ctx.can("prices:write"),
    canAdmin: isOwn && ctx.can("prices:admin"),
    /** Visibility is verified above: NGO coaches record market prices in communes they work in. */
    canObserve: ctx.can("prices:observe"),
    base: `/${ctx.org.slug}/prices/${commune.slug}`,
  };
});

export type CommuneScope = Awaited<ReturnType<typeof loadCommuneScope>>;

export function productName(p: { nameFr: string; nameAr: string; nameEn: string }, locale: string) {
  return locale === "ar" ? p.nameAr : locale === "en" ? p.nameEn : p.nameFr;
}

/** A product's unit in the reader's language, the French one when it has no translation. */
export function unitOf(p: { unit: string; unitAr: string | null; unitEn?: string | null }, locale: string) {
  return (locale === "ar" ? p.unitAr : locale === "en" ? p.unitEn : null) || p.unit;
}

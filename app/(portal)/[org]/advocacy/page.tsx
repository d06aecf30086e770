import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { EXPORT_RULE, exportBucket, hitRateLimit } from "@/lib/rate-limit";
import { tooManyPath } from "@/lib/rate-limit-response";
import { requireMember } from "@/lib/auth/tenant";
import { withTenantRead } from "@/lib/tenant-db";
import { loadAdvocacySheet } from "@/lib/advocacy/sheet";
import type { Labels as CohesionLabels } from "@/lib/cohesion/tables";
import type { Labels as InclusionLabels } from "@/lib/inclusion/tables";
import { toLocale } from "@/lib/i18n/locales";
import { today } from "@/lib/dates";
import { mustSuppress, readerOf } from "@/lib/privacy/suppress";
import { AdvocacySheetView } from "@/components/advocacy/sheet-view";
import { PrintButton } from "@/components/prices/print-button";

export async function generateMetadata() {
  return { title: (await getTranslations("advocacy"))("nav") };
}

/**
 * The printable one-page advocacy sheet of the tenant: its own visible scope, read with the
 * dashboards' loaders and the same reader (so the same small-cell suppression, and no names).
 */
export default async function AdvocacyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "exports:read");
  const locale = toLocale(await getLocale());
  // An export: rate limited per user and organisation like the downloads (lib/rate-limit.ts).
  const printed = await hitRateLimit(await getDb(), exportBucket(ctx.user.id, ctx.org.id), EXPORT_RULE);
  if (!printed.allowed) redirect(tooManyPath(printed.retryAfterSeconds, locale));
  const [t, ti, tc] = [await getTranslations("advocacy"), await getTranslations("inclusion"), await getTranslations("cohesion")];
  const reader = readerOf(ctx);
  const date = today();
  const labels = {
    inclusion: ti as unknown as InclusionLabels,
    cohesion: tc as unknown as CohesionLabels,
    community: (c: "host" | "refugee") => t(`community.${c}`),
  };
  const sheet = await withTenantRead(ctx, (tx) => loadAdvocacySheet(tx, ctx.org, reader, labels, locale, date));
  return (
    <div className="flex flex-col gap-4">
      <div className="no-print flex flex-wrap items-center justify-between gap-3">
        <p className="max-w-2xl text-slate-700">{t("intro")}</p>
        <PrintButton label={t("print")} />
      </div>
      <AdvocacySheetView sheet={sheet} orgName={ctx.org.name} date={date} locale={locale} suppressed={mustSuppress(reader)} />
    </div>
  );
}

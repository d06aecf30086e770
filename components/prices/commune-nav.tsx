import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { CommuneScope } from "@/lib/prices/page-context";

/** The committee's sections for one commune; settings only for the commune's admins. */
export async function CommuneNav({ scope, current }: { scope: CommuneScope; current: string }) {
  const t = await getTranslations("prices");
  const tabs = [
    { key: "workspace", href: scope.base, label: t("tabWorkspace") },
    { key: "notices", href: `${scope.base}/notices`, label: t("tabNotices") },
    { key: "market", href: `${scope.base}/market`, label: t("tabMarket") },
    { key: "dashboard", href: `${scope.base}/dashboard`, label: t("tabDashboard") },
    { key: "board", href: `${scope.base}/board`, label: t("tabBoard") },
    ...(scope.canAdmin ? [{ key: "settings", href: `${scope.base}/settings`, label: t("tabSettings") }] : []),
  ];
  return (
    <div className="no-print flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        {t("title")} · <span className="font-medium">{scope.commune.name}</span>
      </p>
      <nav aria-label={t("sections")} className="flex flex-wrap gap-2">
        {tabs.map((tab) => (
          <Link
            key={tab.key}
            href={tab.href}
            aria-current={tab.key === current ? "page" : undefined}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 aria-[current=page]:border-emerald-800 aria-[current=page]:font-semibold"
          >
            {tab.label}
          </Link>
        ))}
      </nav>
      {!scope.canWrite ? (
        <p className="text-sm text-slate-700" data-testid="read-only">
          {t("readOnly")}
        </p>
      ) : null}
    </div>
  );
}

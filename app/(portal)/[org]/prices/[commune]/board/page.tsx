import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope } from "@/lib/prices/page-context";
import { boardDate, loadBoard } from "@/lib/prices/board";
import { CommuneNav } from "@/components/prices/commune-nav";
import { PriceBoard, toBoardLang } from "@/components/prices/price-board";
import { PrintButton } from "@/components/prices/print-button";
import { Button } from "@/components/ui/button";

type Params = { params: Promise<{ org: string; commune: string }>; searchParams: Promise<{ date?: string; lang?: string }> };

/** The printable price board of the commune on a date, in Arabic or French. */
export default async function BoardPage({ params, searchParams }: Params) {
  const { org, commune } = await params;
  const sp = await searchParams;
  const scope = await loadCommuneScope(org, commune);
  const date = boardDate(sp.date);
  const lang = toBoardLang(sp.lang, await getLocale());
  const board = await withTenant(scope.ctx, (tx) => loadBoard(tx, scope.commune.id, date));
  const t = await getTranslations("prices");
  const tl = await getTranslations("languages");
  return (
    <div className="flex flex-col gap-4">
      <CommuneNav scope={scope} current="board" />
      <form method="get" className="no-print flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("boardDate")}</span>
          <input type="date" name="date" defaultValue={date} className="rounded-md border border-slate-400 px-3 py-2" dir="ltr" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("boardLanguage")}</span>
          <select name="lang" defaultValue={lang} className="rounded-md border border-slate-400 px-3 py-2">
            <option value="ar">{tl("ar")}</option>
            <option value="fr">{tl("fr")}</option>
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {t("show")}
        </Button>
        <PrintButton label={t("print")} />
      </form>
      <PriceBoard communeName={scope.commune.name} date={date} lang={lang} {...board} />
    </div>
  );
}

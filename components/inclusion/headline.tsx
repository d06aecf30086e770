import { getLocale, getTranslations } from "next-intl/server";
import type { InclusionTableId, InclusionTables } from "@/lib/inclusion/dashboard";
import { dateInText } from "@/lib/inclusion/params";
import type { ExportLinksProps } from "@/components/data/export-links";
import { TableCard } from "./table-card";

const headlineTables = ["sex-disability", "status", "participation"] as const satisfies readonly InclusionTableId[];

/**
 * A member's inclusion headline tables, read-only, as a consortium's drill-down shows them: with
 * the consortium's reader rights (so suppressed), and their downloads through the consortium's
 * own export route (`member` names whose tables they are).
 */
export async function InclusionHeadline({
  tables,
  on,
  suppressed,
  exportTo,
}: {
  tables: InclusionTables;
  on: string;
  suppressed: boolean;
  exportTo?: Omit<ExportLinksProps, "title" | "table">;
}) {
  const t = await getTranslations("inclusion");
  const locale = await getLocale();
  return (
    <section className="flex flex-col gap-4" aria-labelledby="inclusion-title" data-testid="member-inclusion">
      <h2 id="inclusion-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <p className="text-sm">{t("def.reference", { date: dateInText(on, locale) })}</p>
      {suppressed ? <p className="max-w-3xl rounded border border-amber-600 bg-amber-50 p-3 text-amber-950">{t("suppressionNote")}</p> : null}
      {headlineTables.map((id) => (
        <TableCard key={id} table={tables[id]} exportTo={exportTo && { ...exportTo, table: id }} empty={t("empty")} />
      ))}
    </section>
  );
}

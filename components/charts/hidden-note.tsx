import { getTranslations } from "next-intl/server";

/** Under a chart: which of the table's values it leaves out because they are hidden ("<5", "•"). */
export async function ChartHiddenNote({ items }: { items: string[] }) {
  if (items.length === 0) return null;
  const t = await getTranslations("disclosure");
  return (
    <p className="text-sm text-slate-700" data-testid="chart-hidden">
      {t("chartHidden", { items: items.join(" ; ") })}
    </p>
  );
}

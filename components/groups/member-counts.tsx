import { getTranslations } from "next-intl/server";
import type { GroupMemberCounts } from "@/lib/people/group-counts";
import { Disclosure, type Cell, type Reader } from "@/lib/privacy/suppress";
import { Card } from "@/components/ui/card";
import { formatNumber } from "./ui";
import { Table, Td } from "@/components/data/table";
import { DisclosureNote } from "@/components/data/disclosure-note";

/**
 * A group's members for a reader without `people:read`: counts only, each table's cells under
 * the disclosure control (small counts hidden, and a second cell where a total would give one away).
 */
export async function MemberCountsSection({ counts, reader, locale, on }: { counts: GroupMemberCounts; reader: Reader; locale: string; on: string }) {
  const [t, th] = [await getTranslations("groupCounts"), await getTranslations("householdStatus")];
  const show = (c: Cell) => (typeof c === "number" ? formatNumber(c, locale) : String(c));
  // One disclosure for the four tables: they share their total (the members).
  const d = new Disclosure(reader);
  const total = d.cell(counts.members, { weight: 3 });
  const tables: { id: string; title: string; labels: string[]; values: number[] }[] = [
    { id: "sex", title: t("bySex"), labels: [t("women"), t("men")], values: [counts.women, counts.men] },
    {
      id: "disability",
      title: t("byDisability"),
      labels: [t("disabled"), t("noDisability"), t("wgUnknown"), t("tooYoung")],
      values: [counts.disability.disabled, counts.disability.noDisability, counts.disability.unknown, counts.disability.tooYoung],
    },
    {
      id: "status",
      title: t("byStatus"),
      labels: [th("host"), th("refugee_out_of_camp"), th("refugee_in_camp"), th("returnee"), t("statusUnknown")],
      values: [counts.status.host, counts.status.refugee_out_of_camp, counts.status.refugee_in_camp, counts.status.returnee, counts.status.unknown],
    },
    { id: "aids", title: t("aids"), labels: [t("withAid"), t("withoutAid")], values: [counts.withAid, counts.members - counts.withAid] },
  ];
  const registered = tables.map((tb) => {
    const refs = tb.values.map((n) => d.cell(n));
    d.sum(total, refs);
    return { tb, refs };
  });
  const shown = registered.map(({ tb, refs }) => ({ tb, cells: refs.map((r) => d.show(r)) }));
  const all = [d.show(total), ...shown.flatMap((s) => s.cells)];
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-700" data-testid="member-counts-intro">
        {t("intro", { date: on })}
      </p>
      <div className="grid gap-4 md:grid-cols-2">
        {shown.map(({ tb, cells }) => {
          return (
            <Table key={tb.id} caption={tb.title} head={[t("category"), t("count")]} testId={`member-counts-${tb.id}`}>
              {tb.labels.map((label, i) => (
                <tr key={label}>
                  <Td>{label}</Td>
                  <Td>{show(cells[i])}</Td>
                </tr>
              ))}
              <tr className="font-semibold">
                <Td>{t("total")}</Td>
                <Td>{show(d.show(total))}</Td>
              </tr>
            </Table>
          );
        })}
      </div>
      <DisclosureNote cells={all} />
    </Card>
  );
}

import { drawable, type ChartModel } from "@/lib/advocacy/figures";
import { layoutBars } from "@/lib/charts/bars";
import { cellText, type CellValue } from "@/lib/exports/table";

const colours = ["#065f46", "#b45309", "#64748b"];
const W = 240;
const H = 120;

/**
 * A grouped bar chart as inline SVG, drawn on the server (it prints without any script), with
 * its figures in a small table beneath: withheld cells ("<5") are in the table, not drawn. Only
 * the first `drawn` series are bars (e.g. XOF, with MRU in the table only). With `hiddenNote`,
 * the caption names the bars not drawn because the disclosure control hides them ("<5", "•").
 */
export function SvgBars({
  id,
  chart,
  headLabel,
  rtl,
  drawn = chart.series.length,
  format = cellText,
  empty,
  hiddenNote,
}: {
  id: string;
  chart: ChartModel;
  headLabel: string;
  rtl: boolean;
  drawn?: number;
  format?: (v: CellValue) => string;
  empty: string;
  /** The caption for bars withheld by the disclosure control, given their list. */
  hiddenNote?: (items: string) => string;
}) {
  const values = drawable(chart.rows).map((r) => r.slice(0, drawn));
  const { bars, labelX, baseline, max } = layoutBars(values, { width: W, height: H, bottom: 22, top: 10, max: chart.max, rtl });
  const titleId = `${id}-title`;
  const hidden = chart.rows.flatMap((r) =>
    r.cells.slice(0, drawn).flatMap((c, j) => (c === "<5" || c === "•" ? [`${r.label} – ${chart.series[j]} (${c})`] : [])),
  );
  if (chart.rows.length === 0)
    return (
      <figure className="flex flex-col gap-1" data-testid={id}>
        <figcaption className="text-xs font-semibold leading-tight">{chart.title}</figcaption>
        <p className="text-xs">{empty}</p>
      </figure>
    );
  return (
    <figure className="flex min-w-0 flex-col gap-1" data-testid={id}>
      <figcaption id={titleId} className="text-xs font-semibold leading-tight">
        {chart.title}
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} className="h-auto w-full" role="img" aria-labelledby={titleId} style={{ direction: "ltr" }}>
        <title>{chart.title}</title>
        <text x={rtl ? W : 0} y={8} fontSize={8} fill="#334155" textAnchor={rtl ? "end" : "start"}>
          {format(max)}
        </text>
        <line x1={0} x2={W} y1={10} y2={10} stroke="#cbd5e1" strokeDasharray="2 2" />
        {bars.map((b) => (
          <rect key={`${b.category}-${b.series}`} x={b.x} y={b.y} width={b.w} height={b.h} fill={colours[b.series]}>
            <title>{`${chart.rows[b.category].label} · ${chart.series[b.series]}: ${format(b.value)}`}</title>
          </rect>
        ))}
        <line x1={0} x2={W} y1={baseline} y2={baseline} stroke="#334155" />
        {chart.rows.map((r, i) => (
          <text key={r.label} x={labelX[i]} y={baseline + 9} fontSize={8} fill="#1e293b" textAnchor="middle">
            {r.label.split(/-(?=Q)/).map((part, k) => (
              <tspan key={k} x={labelX[i]} dy={k ? 9 : 0}>
                {part}
              </tspan>
            ))}
          </text>
        ))}
      </svg>
      {drawn > 1 ? (
        <ul className="flex flex-wrap gap-x-2 text-[9px] leading-tight" aria-hidden="true">
          {chart.series.slice(0, drawn).map((s, i) => (
            <li key={s} className="flex items-center gap-1">
              <span className="inline-block size-2" style={{ background: colours[i] }} />
              {s}
            </li>
          ))}
        </ul>
      ) : null}
      <table className="w-full text-[9px] leading-tight" data-testid={`${id}-table`}>
        <caption className="sr-only">{chart.title}</caption>
        <thead>
          <tr className="border-b border-slate-400">
            <th scope="col" className="px-0.5 text-start font-semibold">
              {headLabel}
            </th>
            {chart.series.map((s) => (
              <th key={s} scope="col" className="px-0.5 text-end font-semibold">
                {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {chart.rows.map((r) => (
            <tr key={r.label} className="border-b border-slate-200">
              <th scope="row" className="px-0.5 text-start font-normal">
                <bdi>{r.label}</bdi>
              </th>
              {r.cells.map((c, j) => (
                <td key={j} className="px-0.5 text-end tabular-nums" dir="ltr">
                  {format(c) || "—"}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {hiddenNote && hidden.length > 0 ? (
        <p className="text-[9px] leading-tight text-slate-700" data-testid={`${id}-hidden`}>
          {hiddenNote(hidden.join(" ; "))}
        </p>
      ) : null}
    </figure>
  );
}

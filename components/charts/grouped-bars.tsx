"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface GroupedBarsProps {
  /** One entry per category (row of the table), one value per series (column); null is not drawn. */
  data: { label: string; values: (number | null)[] }[];
  series: string[];
  /** Stacked (parts of a whole) or side by side (figures to compare). */
  stacked: boolean;
  unit: string;
  locale: string;
  rtl: boolean;
}

const colors = ["#065f46", "#b45309", "#1e3a8a", "#6b7280"];

/** Draws prepared data only: aggregation and suppression happen on the server. */
export default function GroupedBars({ data, series, stacked, unit, locale, rtl }: GroupedBarsProps) {
  const fmt = (n: number) => `${new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale).format(n)}${unit}`;
  const rows = data.map((d) =>
    Object.fromEntries<string | number | null>([["label", d.label], ...d.values.map((v, i): [string, number | null] => [`s${i}`, v])]),
  );
  return (
    // The SVG is laid out left to right and mirrored by its axes: inherited rtl would flip its text anchors.
    <div style={{ width: "100%", height: Math.max(180, data.length * (stacked ? 48 : 70) + 70) }} aria-hidden="true" dir="ltr">
      <ResponsiveContainer>
        <BarChart data={rows} layout="vertical" margin={{ left: 8, right: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tickFormatter={fmt} reversed={rtl} />
          <YAxis type="category" dataKey="label" width={170} orientation={rtl ? "right" : "left"} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => fmt(Number(v))} />
          <Legend />
          {series.map((name, i) => (
            <Bar key={name} dataKey={`s${i}`} name={name} stackId={stacked ? "a" : undefined} fill={colors[i % colors.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

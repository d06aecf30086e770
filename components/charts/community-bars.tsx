"use client";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface CommunityBarsProps {
  /** One category (quarter, village) per item; null where the table shows no figure. */
  data: { label: string; a: number | null; b: number | null }[];
  /** Names of the two series side by side, e.g. hosts and refugees. */
  series: [string, string];
  /** The chart's accessible name (its figures are in the table beside it). */
  title: string;
  locale: string;
  rtl: boolean;
}

/** Percentages of two communities side by side. Draws prepared data only. */
export default function CommunityBars({ data, series, locale, rtl }: CommunityBarsProps) {
  const fmt = (n: number) => `${new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale).format(n)} %`;
  return (
    <div style={{ width: "100%", height: 260 }}>
      <ResponsiveContainer>
        <BarChart data={data} margin={{ left: 8, right: 8 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" reversed={rtl} tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} tickFormatter={fmt} orientation={rtl ? "right" : "left"} />
          <Tooltip formatter={(v) => fmt(Number(v))} />
          <Legend />
          <Bar dataKey="a" name={series[0]} fill="#065f46" isAnimationActive={false} />
          <Bar dataKey="b" name={series[1]} fill="#b45309" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

"use client";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface RevenueBarsProps {
  data: { label: string; value: number }[];
  /** Horizontal bars (one per group, village...) or vertical ones (months). */
  layout: "horizontal" | "vertical";
  locale: string;
  rtl: boolean;
  unit: string;
}

/** Draws prepared data only: aggregation happens in SQL on the server. */
export default function RevenueBars({ data, layout, locale, rtl, unit }: RevenueBarsProps) {
  const fmt = (n: number) => new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { notation: "compact" }).format(n);
  const full = (n: number) => `${new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale).format(n)} ${unit}`;
  const height = layout === "horizontal" ? Math.max(160, data.length * 36 + 40) : 280;
  return (
    // Laid out left to right and mirrored by its axes (like grouped-bars.tsx): an inherited rtl
    // would flip the text anchors and put Arabic labels over the bars.
    <div style={{ width: "100%", height }} aria-hidden="true" dir="ltr">
      <ResponsiveContainer>
        {layout === "horizontal" ? (
          <BarChart data={data} layout="vertical" margin={{ left: 8, right: 8, bottom: 16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            {/* The axis says its unit (the currency). */}
            <XAxis type="number" tickFormatter={fmt} reversed={rtl} label={{ value: unit, position: "insideBottom", offset: -12, fontSize: 12 }} />
            <YAxis type="category" dataKey="label" width={190} orientation={rtl ? "right" : "left"} tick={{ fontSize: 11 }} />
            <Tooltip formatter={(v) => full(Number(v))} />
            <Bar dataKey="value" fill="#065f46" isAnimationActive={false} />
          </BarChart>
        ) : (
          <BarChart data={data} margin={{ left: 8, right: 8, top: 16 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" reversed={rtl} tick={{ fontSize: 11 }} />
            <YAxis tickFormatter={fmt} orientation={rtl ? "right" : "left"} label={{ value: unit, position: "top", offset: 6, fontSize: 12 }} />
            <Tooltip formatter={(v) => full(Number(v))} />
            <Bar dataKey="value" fill="#065f46" isAnimationActive={false} />
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

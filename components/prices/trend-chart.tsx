/** A small server-rendered line chart: agreed price (solid) and observed median (dashed). */
export function TrendChart({ points, label }: { points: { agreed: number | null; median: number | null }[]; label: string }) {
  const w = 240;
  const h = 60;
  const values = points.flatMap((p) => [p.agreed, p.median]).filter((v): v is number => v !== null);
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const x = (i: number) => (points.length <= 1 ? 0 : (i / (points.length - 1)) * (w - 8) + 4);
  const y = (v: number) => (max === min ? h / 2 : h - 4 - ((v - min) / (max - min)) * (h - 8));
  const line = (key: "agreed" | "median") =>
    points
      .map((p, i) => (p[key] === null ? null : `${x(i).toFixed(1)},${y(p[key]).toFixed(1)}`))
      .filter(Boolean)
      .join(" ");
  return (
    <svg viewBox={`0 0 ${w} ${h}`} width={w} height={h} role="img" aria-label={label} className="max-w-full" style={{ direction: "ltr" }}>
      <polyline points={line("agreed")} fill="none" stroke="#065f46" strokeWidth="2" />
      <polyline points={line("median")} fill="none" stroke="#b45309" strokeWidth="2" strokeDasharray="4 3" />
    </svg>
  );
}

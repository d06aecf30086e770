/** BENCHMARKS.md: one table per measure with the minimal page's figure, ours, the ratio and the target. */
import { writeFileSync } from "node:fs";
import type { LoaderReport } from "./explain";

export interface Row {
  section: string;
  measure: string;
  minimal: number;
  ours: number;
  target: string;
  ok?: boolean;
  note?: string;
}

export interface Report {
  scale: string;
  date: string;
  machine: string;
  counts: Record<string, number>;
  loadMs: number;
  verifyMs: number;
  differences: number;
  rows: Row[];
  loaders: LoaderReport[];
  budgets: Record<string, number>;
  elapsedMs: number;
}

const fmt = (n: number) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)) : "–");

export function writeReport(path: string, r: Report) {
  const lines: string[] = [];
  lines.push(`# Benchmarks`, "");
  lines.push(`Written by \`npm run bench -- --scale ${r.scale}\` on ${r.date.slice(0, 16).replace("T", " ")} UTC.`, "");
  lines.push(`- Machine: ${r.machine}; PostgreSQL on the same machine; everything on loopback.`);
  lines.push(
    `- Data (rows, as estimated by ANALYZE): ${Object.entries(r.counts)
      .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
      .join(", ")}.`,
  );
  if (r.loadMs) lines.push(`- Loaded with COPY in ${Math.round(r.loadMs / 1000)} s.`);
  lines.push(`- Rollups recomputed from the rows in ${Math.round(r.verifyMs / 1000)} s: **${r.differences} difference(s)**.`);
  lines.push(`- Whole run: ${Math.round(r.elapsedMs / 1000)} s. Ratios are ours / minimal page's, measured in the same run.`, "");
  const sections = [...new Set(r.rows.map((x) => x.section))];
  for (const s of sections) {
    lines.push(`## ${s}`, "", "| measure | minimal page | ours | ratio | target | met |", "|---|---:|---:|---:|---|---|");
    for (const x of r.rows.filter((y) => y.section === s)) {
      const ratio = x.minimal ? x.ours / x.minimal : NaN;
      lines.push(
        `| ${x.measure}${x.note ? ` (${x.note})` : ""} | ${fmt(x.minimal)} | ${fmt(x.ours)} | ${Number.isFinite(ratio) ? ratio.toFixed(2) : "–"} | ${x.target} | ${x.ok === undefined ? "" : x.ok ? "yes" : "**no**"} |`,
      );
    }
    lines.push("");
  }
  lines.push(`## Statements per page and their plans`, "");
  lines.push("| page | reader | statements | budget | loader p95 (ms) | slowest statement (ms) |", "|---|---|---:|---:|---:|---:|");
  for (const l of r.loaders) {
    const slowest = Math.max(...l.plans.map((p) => p.executionMs).filter(Number.isFinite), 0);
    lines.push(
      `| ${l.page} | ${l.org} | ${l.statements} | ${r.budgets[l.page] ?? "–"} | ${l.error ? `**failed**: ${l.error.replace(/\s+/g, " ").replace(/\|/g, "\\|")}` : fmt(l.loaderP95Ms)} | ${fmt(slowest)} |`,
    );
  }
  lines.push("");
  for (const l of r.loaders.filter((x) => x.page === "dashboard")) {
    lines.push(`<details><summary>EXPLAIN (ANALYZE, BUFFERS): ${l.page} as ${l.org}</summary>`, "");
    for (const p of l.plans) lines.push("```", `-- ${p.query}`, p.plan, "```", "");
    lines.push(`</details>`, "");
  }
  writeFileSync(path, lines.join("\n"));
}

import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SvgBars } from "@/components/charts/svg-bars";

const chart = (cells: [number | string, number | string][]) => ({
  title: "Membres",
  series: ["Femmes", "Hommes"],
  rows: cells.map((c, i) => ({ label: `R${i}`, cells: c })),
});
const html = (cells: [number | string, number | string][]) =>
  renderToStaticMarkup(
    createElement(SvgBars, {
      id: "c",
      chart: chart(cells),
      headLabel: "Ligne",
      rtl: false,
      empty: "—",
      hiddenNote: (items: string) => `Non dessinés : ${items}.`,
    }),
  );

describe("a chart of the disclosure control's cells (issue 11)", () => {
  it("draws only published values and says which bars it leaves out, and why", () => {
    const h = html([
      [12, "<5"],
      ["•", 30],
    ]);
    // Two bars drawn (12 and 30), none for the hidden cells, which the caption names.
    expect(h.match(/<rect /g)).toHaveLength(2);
    expect(h).toContain('data-testid="c-hidden"');
    expect(h).toContain("Non dessinés : R0 – Hommes (&lt;5) ; R1 – Femmes (•).");
  });

  it("has no caption when every value is drawn", () => {
    const h = html([
      [12, 7],
      [0, 30],
    ]);
    expect(h).not.toContain("c-hidden");
  });
});

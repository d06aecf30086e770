import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { columnGroups, DataTable } from "@/components/data/data-table";
import type { DataTableModel } from "@/lib/exports/table";

const table: DataTableModel = {
  id: "compare",
  title: "Membres",
  columns: [
    { key: "member", label: "Membre" },
    { key: "type", label: "Type" },
    { key: "revenue", label: "Chiffre d'affaires", group: "Chiffre d'affaires" },
    { key: "members", label: "Membres actifs", group: "Inclusion" },
    { key: "women", label: "Femmes", group: "Inclusion" },
    { key: "trust", label: "Confiance", group: "Cohésion" },
  ],
  rows: [["ADICOR", "ONG", 1_234_567, 315, 250, 80]],
};

describe("a data table with column groups (the comparison)", () => {
  it("finds the runs of columns under one heading", () => {
    expect(columnGroups(table.columns)).toEqual([
      { label: undefined, span: 2 },
      { label: "Chiffre d'affaires", span: 1 },
      { label: "Inclusion", span: 2 },
      { label: "Cohésion", span: 1 },
    ]);
  });

  it("heads each run with a colgroup header spanning its columns, above the column headers", () => {
    const html = renderToStaticMarkup(createElement(DataTable, { table, empty: "—", locale: "fr" }));
    const head = html.slice(html.indexOf("<thead"), html.indexOf("</thead>"));
    const rows = head.split("<tr>").slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain('<td colSpan="2"></td>');
    expect(rows[0]).toMatch(/<th scope="colgroup" colSpan="2"[^>]*>Inclusion<\/th>/);
    expect(rows[0]).toMatch(/<th scope="colgroup" colSpan="1"[^>]*>Cohésion<\/th>/);
    expect(rows[1].match(/scope="col"/g)).toHaveLength(6);
  });

  it("has a single header row when no column names a group", () => {
    const plain = { ...table, columns: table.columns.map(({ group: _group, ...c }) => c) };
    const html = renderToStaticMarkup(createElement(DataTable, { table: plain, empty: "—", locale: "fr" }));
    expect(html).not.toContain("colgroup");
    expect(html.slice(html.indexOf("<thead"), html.indexOf("</thead>")).split("<tr>")).toHaveLength(2);
  });
});

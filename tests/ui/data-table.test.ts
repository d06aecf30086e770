import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { columnGroups, DataTable } from "@/components/data/data-table";
import { sortHref, sortOf, sortRows } from "@/components/data/table";
import type { DataTableModel } from "@/lib/exports/table";
import { renderHtml } from "../render";

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

describe("a table sorted by the reader (issue 15.3: one table, sortable headings kept in the URL)", () => {
  const rows: DataTableModel["rows"] = [
    ["ONG Sahel", "ONG", 900_000, null, 3, 70],
    ["ADICOR", "ONG", 1_234_567, 315, 250, 80],
    ["Commune de Fassala", "Commune", 1_234_567, 12, null, 65],
    ["Émergence", "ONG", 50_000, 40, 20, 90],
  ];
  const sorted = (by: string, dir: "asc" | "desc") =>
    renderHtml(
      createElement(DataTable, {
        table: { ...table, rows },
        empty: "—",
        locale: "fr",
        sort: { by, dir, href: sortHref("/acor/compare", { currency: "XOF", after: "x", sort: by }) },
      }),
    );
  const rowHeads = (html: string) => [...html.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);

  it("orders the rows by the column asked, figures as numbers, an empty cell last", async () => {
    expect(rowHeads(await sorted("revenue", "desc"))).toEqual(["ADICOR", "Commune de Fassala", "ONG Sahel", "Émergence"]);
    expect(rowHeads(await sorted("revenue", "asc"))).toEqual(["Émergence", "ONG Sahel", "ADICOR", "Commune de Fassala"]);
    // No figure: last, either way (a withheld count, "<5", is read as none: components/data/data-table.tsx).
    expect(rowHeads(await sorted("members", "asc")).at(-1)).toBe("ONG Sahel");
    expect(rowHeads(await sorted("members", "desc")).at(-1)).toBe("ONG Sahel");
    expect(rowHeads(await sorted("women", "desc"))).toEqual(["ADICOR", "Émergence", "ONG Sahel", "Commune de Fassala"]);
    // Text by the reader's collation: "Émergence" between "Commune" and "ONG", not after "O".
    expect(rowHeads(await sorted("member", "asc"))).toEqual(["ADICOR", "Commune de Fassala", "Émergence", "ONG Sahel"]);
    // A key no column has sorts nothing.
    expect(rowHeads(await sorted("nothing", "asc"))).toEqual(rows.map((r) => r[0]));
  });

  it("marks the sorted heading for screen readers and makes each heading a link to the other order, the page's filters kept", async () => {
    const html = await sorted("revenue", "asc");
    expect(html.match(/aria-sort="ascending"/g)).toHaveLength(1);
    expect(html).not.toContain('aria-sort="descending"');
    const links = [...html.matchAll(/<a ([^>]*)>/g)].map((m) => [
      /data-sort="([^"]*)"/.exec(m[1])?.[1],
      /href="([^"]*)"/.exec(m[1])?.[1]?.replaceAll("&amp;", "&"),
    ]);
    expect(links).toHaveLength(6);
    const href = new Map(links.map(([k, v]) => [k ?? "", v ?? ""]));
    expect(href.get("revenue")).toBe("/acor/compare?currency=XOF&sort=revenue&dir=desc");
    expect(href.get("trust")).toBe("/acor/compare?currency=XOF&sort=trust&dir=asc");
  });

  it("reads the order from the URL among the allowed columns, else the default", () => {
    expect(sortOf({ sort: "email", dir: "desc" }, ["name", "email"] as const, { by: "name", dir: "asc" })).toEqual({ by: "email", dir: "desc" });
    expect(sortOf({ sort: "password", dir: "desc" }, ["name", "email"] as const, { by: "name", dir: "asc" })).toEqual({ by: "name", dir: "desc" });
    expect(sortOf({}, ["name", "at"] as const, { by: "at", dir: "desc" })).toEqual({ by: "at", dir: "desc" });
    expect(sortRows([{ n: "b" }, { n: "" }, { n: "A" }], (r) => r.n, "asc", "fr").map((r) => r.n)).toEqual(["A", "b", ""]);
  });
});

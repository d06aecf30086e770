import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FigureCell, formatCompact, HeadlineNumber } from "@/components/ui/headline-number";

const html = (value: number, locale: string, currency?: string) =>
  renderToStaticMarkup(createElement(HeadlineNumber, { value, locale, currency, testId: "f" }));

describe("headline figures", () => {
  it("are compact from a million, in the reader's locale, Western digits", () => {
    expect(formatCompact(17_060_698, "fr")).toBe("17,1\u00a0M");
    expect(formatCompact(17_060_698, "en")).toBe("17.1M");
    expect(formatCompact(17_060_698, "ar")).toBe("17.1\u00a0مليون");
  });

  it("keep the exact figure as data-value, title and screen-reader text, and the currency visible", () => {
    const h = html(17_060_698, "fr", "XOF");
    expect(h).toContain('data-value="17060698"');
    expect(h).toContain('title="17\u202f060\u202f698 XOF"');
    expect(h).toContain('<span aria-hidden="true"><span class="whitespace-nowrap">17,1\u00a0M</span> XOF</span>');
    expect(h).toContain('<span class="sr-only">17\u202f060\u202f698 XOF</span>');
  });

  it("are written in full below a million", () => {
    const h = html(960_861, "fr", "MRU");
    expect(h).toContain('data-value="960861"');
    expect(h).not.toContain("title=");
    expect(h).toContain("960\u202f861</span> MRU");
  });

  it("show a table cell as the table writes it unless it is a large count", () => {
    const cell = (value: number | string | null) => renderToStaticMarkup(createElement(FigureCell, { value, locale: "en" }));
    expect(cell("<5")).toContain("&lt;5");
    expect(cell(null)).toContain("—");
    expect(cell(15)).toContain(">15<");
    expect(cell(2_500_000)).toContain("2.5M");
  });
});

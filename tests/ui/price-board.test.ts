import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PriceBoard } from "@/components/prices/price-board";
import { boardDigitsOf, formatBoardNumber } from "@/lib/prices/format";

type Props = Parameters<typeof PriceBoard>[0];
const items = [
  {
    product: { id: "p1", nameFr: "Riz local", nameAr: "أرز محلي", nameEn: "Local rice", unit: "kg", unitAr: "كغ", pictogram: "rice" },
    current: { sellingPrice: 2100, currency: "MRU" },
    next: { sellingPrice: 2300, effectiveOn: "2026-12-10" },
  },
  {
    product: { id: "p2", nameFr: "Sucre", nameAr: "سكر", nameEn: "Sugar", unit: "kg", unitAr: null, pictogram: "sugar" },
    current: { sellingPrice: 650, currency: "XOF" },
    next: null,
  },
] as unknown as Props["items"];

const board = async (lang: "ar" | "fr", digits?: "latn" | "arab") =>
  renderToStaticMarkup(await PriceBoard({ communeName: "Fassala", date: "2026-11-30", lang, items, noticeDays: 7, digits }));

describe("the price board's currencies and digits (issue 13)", () => {
  it("names the currencies in the board's language, not by their ISO codes", async () => {
    const ar = await board("ar");
    expect(ar).toContain(">أوقية<");
    expect(ar).toContain(">فرنك<");
    expect(ar).not.toMatch(/>MRU<|>XOF</);
    const fr = await board("fr");
    expect(fr).toContain(">ouguiyas<");
    expect(fr).toContain(">F CFA<");
  });

  it("writes an Arabic board in the digits the commune chose, a French one always in Latin digits", async () => {
    const latin = await board("ar", "latn");
    expect(latin).toContain("2,100");
    expect(latin).toContain("2026-11-30");
    const indic = await board("ar", "arab");
    expect(indic).toContain("٢٬١٠٠");
    expect(indic).toContain("٢٠٢٦-١٢-١٠");
    // No Latin digit left in what the board says (its print style and pictograms aside).
    expect(indic.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ")).not.toMatch(/[0-9]/);
    const fr = await board("fr", "arab");
    expect(fr).toContain("2\u202f100");
    expect(formatBoardNumber(650, "fr", "arab")).toBe("650");
    expect(boardDigitsOf("7", "ar", "arab")).toBe("٧");
  });
});

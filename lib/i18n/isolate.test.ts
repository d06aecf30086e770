import { describe, expect, it } from "vitest";
import { listOf, nameInText, translatorInText, valueInText, valuesInText } from "./isolate";

describe("values inside sentences", () => {
  it("are isolated in Arabic: dates and amounts left to right, names by their own letters", () => {
    expect(valueInText("2026-01-01", "ar")).toBe("\u20662026-01-01\u2069");
    expect(nameInText("ADICOR", "ar")).toBe("\u2068ADICOR\u2069");
    expect(valuesInText({ from: "2026-01-01", to: "2026-03-31", name: "Aïcha", count: 3, kind: "sale" }, "ar")).toEqual({
      from: "\u20662026-01-01\u2069",
      to: "\u20662026-03-31\u2069",
      name: "\u2068Aïcha\u2069",
      count: 3, // a plural argument stays a number
      kind: "sale", // a select argument stays its word
    });
  });

  it("are left as they are in French and English", () => {
    const values = { date: "2026-01-01", name: "ADICOR" };
    expect(valuesInText(values, "fr")).toBe(values);
    expect(valueInText(5, "en")).toBe(5);
    expect(listOf(["ADICOR", "Commune de Fassala"], "fr")).toBe("ADICOR et Commune de Fassala");
  });

  it("list names in the reader's language", () => {
    expect(listOf(["ADICOR", "Commune de Fassala"], "en")).toBe("ADICOR and Commune de Fassala");
    expect(listOf(["ADICOR", "Commune de Fassala"], "ar")).toBe("\u2068ADICOR\u2069 و\u2068Commune de Fassala\u2069");
  });

  it("reach titles built by loaders through a translator that isolates them in Arabic only", () => {
    const t = (key: string, values?: Record<string, string | number>) => `${key}:${values?.quarter ?? ""}`;
    expect(translatorInText(t, "ar")("villagesTitle", { quarter: "2026-Q3" })).toBe("villagesTitle:\u20662026-Q3\u2069");
    expect(translatorInText(t, "ar")("title")).toBe("title:");
    expect(translatorInText(t, "fr")).toBe(t);
  });
});

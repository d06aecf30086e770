import { describe, expect, it } from "vitest";
import { unitOf } from "./page-context";
import { productSchema } from "./schema";

describe("a product's unit in the reader's language", () => {
  const bag = { unit: "sac 50 kg", unitAr: "كيس 50 كغ", unitEn: "50 kg bag" };

  it("is the Arabic or English unit when the committee wrote it, the French one otherwise", () => {
    expect(unitOf(bag, "fr")).toBe("sac 50 kg");
    expect(unitOf(bag, "ar")).toBe("كيس 50 كغ");
    expect(unitOf(bag, "en")).toBe("50 kg bag");
    expect(unitOf({ unit: "bobine", unitAr: null, unitEn: null }, "en")).toBe("bobine");
    expect(unitOf({ unit: "bobine", unitAr: null }, "ar")).toBe("bobine");
  });

  it("is optional in the product form, and bounded", () => {
    const base = { nameFr: "Riz", nameAr: "أرز", nameEn: "Rice", unit: "kg", category: "staple", pictogram: "rice" };
    expect(productSchema.parse({ ...base, unitEn: "" }).unitEn).toBeUndefined();
    expect(productSchema.parse({ ...base, unitEn: " 50 kg bag " }).unitEn).toBe("50 kg bag");
    expect(productSchema.safeParse({ ...base, unitEn: "x".repeat(41) }).success).toBe(false);
  });
});

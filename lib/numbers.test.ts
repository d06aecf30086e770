import { describe, expect, it } from "vitest";
import { amount } from "@/lib/groups/schema";
import { normaliseInteger } from "./numbers";

describe("amounts as people type them", () => {
  it("reads the grouping of French, English and Arabic, and Arabic-Indic digits", () => {
    for (const typed of ["150000", "150 000", "150\u00a0000", "150\u202f000", "150,000", "150.000", "١٥٠٠٠٠", "١٥٠٬٠٠٠", "۱۵۰۰۰۰", " 150 000 "]) {
      expect(amount.safeParse(typed), typed).toMatchObject({ success: true, data: 150_000 });
    }
    expect(amount.safeParse("1 234 567")).toMatchObject({ success: true, data: 1_234_567 });
    expect(amount.safeParse("1,234,567")).toMatchObject({ success: true, data: 1_234_567 });
  });

  it("refuses what is not a whole amount, with the schema's message", () => {
    expect(amount.safeParse("150,5").error?.issues[0].message).toBe("amountInteger");
    expect(amount.safeParse("15,00,000").success).toBe(false);
    expect(amount.safeParse("1.234,5").success).toBe(false);
    expect(amount.safeParse("abc").error?.issues[0].message).toBe("amountInvalid");
    expect(normaliseInteger(12)).toBe(12);
  });
});

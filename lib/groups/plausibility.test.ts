import { describe, expect, it } from "vitest";
import { checkAmount, confirmationToken, isBeforeFloor, type Plausibility } from "./plausibility";
import { limitsSchema, recordEntrySchema } from "./schema";

const rules: Plausibility = {
  dateFloor: "2018-01-01",
  limits: [
    { kind: "sale", currency: "MRU", ceiling: 5_000_000, softLimit: 200_000, isDefault: true },
    { kind: "sale", currency: "XOF", ceiling: 80_000_000, softLimit: 3_200_000, isDefault: true },
  ],
};

describe("plausibility rules", () => {
  it("refuses above the ceiling, asks above the soft limit, accepts the limits themselves", () => {
    expect(checkAmount(rules, "sale", "MRU", 99_999_999_999)).toEqual({ level: "refuse", limit: 5_000_000 });
    expect(checkAmount(rules, "sale", "MRU", 5_000_001)).toEqual({ level: "refuse", limit: 5_000_000 });
    expect(checkAmount(rules, "sale", "MRU", 5_000_000)).toEqual({ level: "confirm", limit: 200_000 });
    expect(checkAmount(rules, "sale", "MRU", 200_001)).toEqual({ level: "confirm", limit: 200_000 });
    expect(checkAmount(rules, "sale", "MRU", 200_000)).toEqual({ level: "ok" });
    // Per currency: 5,000,001 XOF is an ordinary large sale.
    expect(checkAmount(rules, "sale", "XOF", 5_000_001)).toEqual({ level: "confirm", limit: 3_200_000 });
    expect(checkAmount(rules, "sale", "XOF", 80_000_001)).toEqual({ level: "refuse", limit: 80_000_000 });
  });

  it("dates a floor: the day itself is allowed, the day before is not", () => {
    expect(isBeforeFloor(rules, "1900-01-01")).toBe(true);
    expect(isBeforeFloor(rules, "2017-12-31")).toBe(true);
    expect(isBeforeFloor(rules, "2018-01-01")).toBe(false);
  });

  it("ties a confirmation to the warnings and values it was given for", () => {
    const t = confirmationToken(["soft:amount", "g1", "sale", "2025-01-01", 250_000, "MRU", ""]);
    expect(t).toMatch(/^[0-9a-z]{6,16}$/);
    expect(confirmationToken(["soft:amount", "g1", "sale", "2025-01-01", 250_000, "MRU", ""])).toBe(t);
    expect(confirmationToken(["soft:amount", "g1", "sale", "2025-01-01", 250_001, "MRU", ""])).not.toBe(t);
    expect(confirmationToken(["soft:amount", "duplicate", "g1", "sale", "2025-01-01", 250_000, "MRU", ""])).not.toBe(t);
  });
});

describe("schemas", () => {
  it('read the ledger form\'s amount as people type it (issue 13: "150 000"); the confirmation optional', () => {
    const base = { groupId: "7f0c2a57-2d5e-4c55-9b7e-0a3f4f1d9f10", kind: "sale", occurredOn: "2025-01-01", currency: "MRU" };
    const parsed = recordEntrySchema.safeParse({ ...base, amount: "150000" }).data;
    expect(parsed?.amount).toBe(150_000);
    expect(parsed?.confirm).toBeUndefined();
    expect(recordEntrySchema.safeParse({ ...base, amount: "150 000" }).data?.amount).toBe(150_000);
    expect(recordEntrySchema.safeParse({ ...base, amount: "150 000 MRU" }).error?.issues[0].message).toBe("amountInvalid");
    expect(recordEntrySchema.safeParse({ ...base, amount: "150000", confirm: "abc123" }).data?.confirm).toBe("abc123");
  });

  it("refuse a confirmation threshold above its ceiling, beside the threshold", () => {
    const values: Record<string, string> = { dateFloor: "2018-01-01" };
    for (const k of ["sale", "stock_purchase", "other_expense", "contribution", "repayment", "starting_capital"]) {
      for (const c of ["MRU", "XOF"]) Object.assign(values, { [`ceiling_${k}_${c}`]: "1000", [`soft_${k}_${c}`]: "100" });
    }
    expect(limitsSchema.safeParse(values).success).toBe(true);
    const bad = limitsSchema.safeParse({ ...values, soft_sale_MRU: "1001" });
    expect(bad.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["soft_sale_MRU", "softAboveCeiling"]]);
    expect(limitsSchema.safeParse({ ...values, ceiling_sale_XOF: "" }).error?.issues[0].path).toEqual(["ceiling_sale_XOF"]);
    expect(limitsSchema.safeParse({ ...values, dateFloor: "1900-01-01" }).error?.issues[0].message).toBe("dateFloorInvalid");
  });
});

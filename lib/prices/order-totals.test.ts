import { describe, expect, it } from "vitest";
import { lineDifference, orderTotals } from "./order-totals";

const lines = [
  { groupId: "g1", productId: "rice", quantity: 10, unitPrice: 1400, deliveredQuantity: 10 },
  { groupId: "g1", productId: "sugar", quantity: 5, unitPrice: 900, deliveredQuantity: 4 },
  { groupId: "g2", productId: "rice", quantity: 6, unitPrice: 1400, deliveredQuantity: null },
];

describe("orderTotals", () => {
  it("totals quantities and amounts per group and per product", () => {
    const t = orderTotals(lines);
    expect(t.byGroup.find((g) => g.key === "g1")).toMatchObject({ quantity: 15, amount: 18_500 });
    expect(t.byGroup.find((g) => g.key === "g2")).toMatchObject({ quantity: 6, amount: 8_400 });
    expect(t.byProduct.find((p) => p.key === "rice")).toMatchObject({ quantity: 16, amount: 22_400 });
    expect(t.byProduct.find((p) => p.key === "sugar")).toMatchObject({ quantity: 5, amount: 4_500 });
    expect(t.overall).toMatchObject({ quantity: 21, amount: 26_900 });
  });

  it("shows delivery differences; an undelivered line counts as nothing delivered", () => {
    const t = orderTotals(lines);
    expect(t.byGroup.find((g) => g.key === "g1")).toMatchObject({ deliveredQuantity: 14, quantityDifference: -1, amountDifference: -900 });
    expect(t.overall).toMatchObject({ deliveredAmount: 17_600, amountDifference: -9_300 });
    expect(lineDifference(lines[1])).toBe(-1);
    expect(lineDifference(lines[2])).toBeNull();
  });

  it("an empty order totals zero", () => {
    expect(orderTotals([]).overall).toMatchObject({ quantity: 0, amount: 0 });
    expect(orderTotals([]).byGroup).toEqual([]);
  });
});

export interface OrderLine {
  groupId: string;
  productId: string;
  quantity: number;
  unitPrice: number;
  deliveredQuantity: number | null;
}

export interface Total {
  key: string;
  quantity: number;
  amount: number;
  deliveredQuantity: number;
  deliveredAmount: number;
  /** Delivered minus ordered quantity (negative: short delivery). */
  quantityDifference: number;
  /** Delivered minus ordered amount. */
  amountDifference: number;
}

function totalsBy(lines: readonly OrderLine[], keyOf: (l: OrderLine) => string): Total[] {
  const out = new Map<string, Total>();
  for (const l of lines) {
    const key = keyOf(l);
    const t = out.get(key) ?? { key, quantity: 0, amount: 0, deliveredQuantity: 0, deliveredAmount: 0, quantityDifference: 0, amountDifference: 0 };
    const delivered = l.deliveredQuantity ?? 0;
    t.quantity += l.quantity;
    t.amount += l.quantity * l.unitPrice;
    t.deliveredQuantity += delivered;
    t.deliveredAmount += delivered * l.unitPrice;
    t.quantityDifference = t.deliveredQuantity - t.quantity;
    t.amountDifference = t.deliveredAmount - t.amount;
    out.set(key, t);
  }
  return [...out.values()];
}

/** Totals of a grouped purchase order per group, per product and overall (amounts in one currency). */
export function orderTotals(lines: readonly OrderLine[]) {
  const zero: Total = { key: "all", quantity: 0, amount: 0, deliveredQuantity: 0, deliveredAmount: 0, quantityDifference: 0, amountDifference: 0 };
  return {
    byGroup: totalsBy(lines, (l) => l.groupId),
    byProduct: totalsBy(lines, (l) => l.productId),
    overall: totalsBy(lines, () => "all")[0] ?? zero,
  };
}

/** A line's delivered minus ordered quantity, or null until delivery is recorded. */
export const lineDifference = (l: Pick<OrderLine, "quantity" | "deliveredQuantity">) =>
  l.deliveredQuantity === null ? null : l.deliveredQuantity - l.quantity;

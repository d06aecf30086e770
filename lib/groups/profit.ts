/**
 * Profit sharing. Profit = sales − stock purchases − other expenses over the period.
 * Each member's share is proportional to their weight (1 each under the equal rule; their
 * manager team's weight under the team-weighted rule). Integer shares sum to the profit
 * exactly by the largest-remainder rule: everyone gets the floor of their exact share, then
 * the units left over go one each to the largest fractional parts, ties broken by member
 * order (order of joining).
 */
export interface ShareInput {
  membershipId: string;
  weight: number;
}

export function computeProfit(sums: { sale: number; stock_purchase: number; other_expense: number }): number {
  return sums.sale - sums.stock_purchase - sums.other_expense;
}

export function shareProfit(profit: number, members: ShareInput[]): { membershipId: string; amount: number }[] {
  if (!Number.isSafeInteger(profit) || profit < 0) throw new Error("profit must be a non-negative integer");
  if (members.length === 0) return [];
  if (members.some((m) => !Number.isInteger(m.weight) || m.weight <= 0)) throw new Error("weights must be positive integers");
  const total = BigInt(members.reduce((s, m) => s + m.weight, 0));
  const p = BigInt(profit);
  const rows = members.map((m, order) => {
    const exact = p * BigInt(m.weight);
    return { membershipId: m.membershipId, amount: exact / total, remainder: exact % total, order };
  });
  let left = Number(p - rows.reduce((s, r) => s + r.amount, 0n));
  const byRemainder = [...rows].sort((a, b) => (a.remainder === b.remainder ? a.order - b.order : a.remainder > b.remainder ? -1 : 1));
  for (const r of byRemainder) {
    if (left === 0) break;
    r.amount += 1n;
    left -= 1;
  }
  return rows.map((r) => ({ membershipId: r.membershipId, amount: Number(r.amount) }));
}

/**
 * An amount as the notes and coins that pay it (fewest pieces first: largest denominations), for
 * the pictorial statement read by members who cannot read (issue 17, point 4). Denominations in
 * circulation: MRU notes 1000-50 and coins 20-1 (since 2018); XOF notes 10000-500 and coins 250-1.
 */
export const denominations = {
  MRU: { notes: [1000, 500, 200, 100, 50], coins: [20, 10, 5, 2, 1] },
  XOF: { notes: [10000, 5000, 2000, 1000, 500], coins: [250, 200, 100, 50, 25, 10, 5, 1] },
} as const;

export interface CashPiece {
  value: number;
  kind: "note" | "coin";
  count: number;
}

export function cashPieces(amount: number, currency: keyof typeof denominations): CashPiece[] {
  if (!Number.isSafeInteger(amount) || amount < 0) throw new Error("amount must be a non-negative integer");
  const d = denominations[currency];
  const all = [...d.notes.map((value) => ({ value, kind: "note" as const })), ...d.coins.map((value) => ({ value, kind: "coin" as const }))];
  let left = amount;
  const out: CashPiece[] = [];
  for (const p of all) {
    const count = Math.floor(left / p.value);
    if (count > 0) out.push({ ...p, count });
    left -= count * p.value;
  }
  return out;
}

import { compareVersions } from "./chain";

/** Which version is in force on a date, and which change is announced next (pure). */
export interface PriceVersion {
  id: string;
  productId: string;
  sellingPrice: number;
  purchasePrice: number;
  currency: string;
  effectiveOn: string;
  createdAt: Date;
}

/** The latest effective date on or before the day, then the latest decision (chain order). */
export function versionInForce<T extends PriceVersion>(versions: readonly T[], onDate: string): T | null {
  let best: T | null = null;
  for (const v of versions) if (v.effectiveOn <= onDate && (!best || compareVersions(v, best) > 0)) best = v;
  return best;
}

/** The first announced change after a date (the latest decision for that effective date). */
export function nextChange<T extends PriceVersion>(versions: readonly T[], onDate: string): T | null {
  const future = versions.filter((v) => v.effectiveOn > onDate);
  if (future.length === 0) return null;
  const first = future.reduce((a, b) => (b.effectiveOn < a.effectiveOn ? b : a)).effectiveOn;
  return versionInForce(future, first);
}

export function byProduct<T extends { productId: string }>(rows: readonly T[]): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const r of rows) m.set(r.productId, [...(m.get(r.productId) ?? []), r]);
  return m;
}

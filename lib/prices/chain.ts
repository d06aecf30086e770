/**
 * The order of the decisions on one product, as the database keeps it (migration 0016): effective
 * date, then decision time, then id. The version in force on a day is the last one on or before
 * it; a version is an increase when its selling price is above the one just before it.
 */
export interface ChainVersion {
  id: string;
  effectiveOn: string;
  createdAt: Date;
  sellingPrice: number;
}

export function compareVersions(a: ChainVersion, b: ChainVersion): number {
  if (a.effectiveOn !== b.effectiveOn) return a.effectiveOn < b.effectiveOn ? -1 : 1;
  const t = a.createdAt.getTime() - b.createdAt.getTime();
  if (t !== 0) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Where a new decision taking effect on `effectiveOn` stands among the live versions (it is the
 * latest decision): the version it follows, and the version already scheduled after it.
 */
export function placeInChain<T extends ChainVersion>(live: readonly T[], effectiveOn: string): { before: T | null; after: T | null } {
  let before: T | null = null;
  let after: T | null = null;
  for (const v of live) {
    if (v.effectiveOn <= effectiveOn) {
      if (!before || compareVersions(v, before) > 0) before = v;
    } else if (!after || compareVersions(v, after) < 0) after = v;
  }
  return { before, after };
}

/** The neighbours of a version already in the chain (for a withdrawal: who follows whom then). */
export function neighboursOf<T extends ChainVersion>(live: readonly T[], version: ChainVersion): { before: T | null; after: T | null } {
  let before: T | null = null;
  let after: T | null = null;
  for (const v of live) {
    if (v.id === version.id) continue;
    const c = compareVersions(v, version);
    if (c < 0 && (!before || compareVersions(v, before) > 0)) before = v;
    if (c > 0 && (!after || compareVersions(v, after) < 0)) after = v;
  }
  return { before, after };
}

/** For each version of one product: the version before it and whether it raises the price. */
export function classifyChain<T extends ChainVersion>(versions: readonly T[]): Map<string, { previous: T | null; isIncrease: boolean }> {
  const sorted = [...versions].sort(compareVersions);
  return new Map(
    sorted.map((v, i) => {
      const previous = i > 0 ? sorted[i - 1] : null;
      return [v.id, { previous, isIncrease: previous !== null && v.sellingPrice > previous.sellingPrice }];
    }),
  );
}

/** The four constituencies of the communal price committee. */
export const constituencies = ["mcpgc", "beneficiaries", "commune", "traders_federation"] as const;
export type Constituency = (typeof constituencies)[number];

export type QuorumMinima = Record<Constituency, number>;

export interface QuorumResult {
  isQuorate: boolean;
  counts: Record<Constituency, number>;
  /** The minima applied (at least one each). */
  minima: QuorumMinima;
  /** Constituencies below their minimum, in the committee's order. */
  missing: Constituency[];
}

/** Each constituency at least at its minimum (a minimum below one still needs one). */
export function judgeQuorum(counts: Partial<Record<Constituency, number>>, minima: Partial<QuorumMinima>): QuorumResult {
  const c = Object.fromEntries(constituencies.map((k) => [k, Number(counts[k] ?? 0)])) as Record<Constituency, number>;
  const m = Object.fromEntries(constituencies.map((k) => [k, Math.max(1, Number(minima[k] ?? 1))])) as QuorumMinima;
  const missing = constituencies.filter((k) => c[k] < m[k]);
  return { isQuorate: missing.length === 0, counts: c, minima: m, missing };
}

/** A session is quorate only when each constituency has at least its minimum of attendees. */
export function checkQuorum(attendees: readonly { constituency: Constituency }[], minima: QuorumMinima): QuorumResult {
  const counts: Partial<Record<Constituency, number>> = {};
  for (const a of attendees) counts[a.constituency] = (counts[a.constituency] ?? 0) + 1;
  return judgeQuorum(counts, minima);
}

/** The quorum a decision was taken under, as the database stored it with the decision. */
export function storedQuorum(decision: { quorumMinima: Record<string, number>; quorumCounts: Record<string, number> }): QuorumResult {
  return judgeQuorum(decision.quorumCounts, decision.quorumMinima);
}

/**
 * The quorum to show for a session: the one its latest decision was taken under, once it has
 * decided (today's settings and attendees would rewrite history); otherwise today's.
 */
export function sessionQuorum(
  live: QuorumResult,
  decisions: readonly { createdAt: Date; quorumMinima: Record<string, number>; quorumCounts: Record<string, number> }[],
): QuorumResult & { isStored: boolean } {
  const latest = decisions.reduce<(typeof decisions)[number] | null>((a, d) => (!a || d.createdAt > a.createdAt ? d : a), null);
  return latest && Object.keys(latest.quorumCounts).length > 0 ? { ...storedQuorum(latest), isStored: true } : { ...live, isStored: false };
}

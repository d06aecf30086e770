/** The four constituencies of the communal price committee. */
export const constituencies = ["mcpgc", "beneficiaries", "commune", "traders_federation"] as const;
export type Constituency = (typeof constituencies)[number];

export type QuorumMinima = Record<Constituency, number>;

export interface QuorumResult {
  isQuorate: boolean;
  counts: Record<Constituency, number>;
  /** Constituencies below their minimum, in the committee's order. */
  missing: Constituency[];
}

/** A session is quorate only when each constituency has at least its minimum of attendees. */
export function checkQuorum(attendees: readonly { constituency: Constituency }[], minima: QuorumMinima): QuorumResult {
  const counts = Object.fromEntries(constituencies.map((c) => [c, 0])) as Record<Constituency, number>;
  for (const a of attendees) counts[a.constituency] += 1;
  const missing = constituencies.filter((c) => counts[c] < Math.max(1, minima[c]));
  return { isQuorate: missing.length === 0, counts, missing };
}

/**
 * Rotation of management. A full rotation cycle is the shortest run of the latest terms in
 * which every team has served once. A member who belongs to none of the teams that served
 * in that cycle was left out of management for a whole cycle: the group page warns about it
 * (the field report insists that members with limitations are included, not excluded).
 */
export interface RotationTeam {
  id: string;
  memberIds: string[];
}
export interface RotationTerm {
  teamId: string;
  startsOn: string;
  endsOn: string;
}

export interface RotationCheck {
  /** The terms of the last full cycle, oldest first; null if no team set has completed one. */
  cycle: RotationTerm[] | null;
  /** Active members left out of every team that served in that cycle (or of every team). */
  leftOut: string[];
}

export function checkRotation(activeMemberIds: string[], teams: RotationTeam[], terms: RotationTerm[], today: string): RotationCheck {
  const teamIds = new Set(teams.map((t) => t.id));
  const past = terms.filter((t) => t.startsOn <= today && teamIds.has(t.teamId)).sort((a, b) => a.startsOn.localeCompare(b.startsOn));
  let cycle: RotationTerm[] | null = null;
  const seen = new Set<string>();
  for (let i = past.length - 1; i >= 0 && teamIds.size > 0; i--) {
    seen.add(past[i].teamId);
    if (seen.size === teamIds.size) {
      cycle = past.slice(i);
      break;
    }
  }
  const served = cycle ? new Set(cycle.map((t) => t.teamId)) : teamIds;
  const included = new Set(teams.filter((t) => served.has(t.id)).flatMap((t) => t.memberIds));
  return { cycle, leftOut: activeMemberIds.filter((m) => !included.has(m)) };
}

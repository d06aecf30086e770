/**
 * Rotation of management, as the field runs it: the members of a group are split into manager
 * teams that take the management in turn, one term after another. The rule (the inclusion
 * dashboard applies the same one in SQL, lib/inclusion/queries.ts):
 *
 * - A term has **ended** by the reference date `on` when its last day (`endsOn`, inclusive) is
 *   before `on`. A term that has started but whose last day is `on` or later is running: its team
 *   is managing, it has not served yet. Future terms do not count either.
 * - A team has **served** when it has held at least one ended term.
 * - The **last full rotation cycle** is the last period in which every team of the group held an
 *   ended term: it starts at the earliest of the teams' latest ended terms and holds the ended
 *   terms from there on. It exists only when every team (as recorded now) has served; a group
 *   with no team has none, and adding a team that has not served yet closes it until that team's
 *   first term has ended.
 * - An active member is **left out** when none of their teams (as currently composed) has served:
 *   members in no team at all and members of teams that never completed a term, whether or not
 *   the group has a full cycle. When a full cycle exists, every team served in it, so the left-out
 *   members are exactly the members who did not manage during that cycle.
 *
 * The group page warns about the left-out members; the field report insists that members with
 * limitations are included in management, not excluded.
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
  /** The ended terms of the last full cycle, oldest first; null while some team has never served. */
  cycle: RotationTerm[] | null;
  /** Active members who belong to no team that has served (by `on`), in the order given. */
  leftOut: string[];
  /** Teams that have not held any ended term by `on`, in the order given. */
  unservedTeams: string[];
}

/** A term counts as served from the day after its last day: `endsOn` is inclusive. */
export const termEnded = (term: Pick<RotationTerm, "endsOn">, on: string) => term.endsOn < on;

export function checkRotation(activeMemberIds: string[], teams: RotationTeam[], terms: RotationTerm[], on: string): RotationCheck {
  const teamIds = new Set(teams.map((t) => t.id));
  const ended = terms
    .filter((t) => teamIds.has(t.teamId) && t.startsOn <= on && termEnded(t, on))
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.endsOn.localeCompare(b.endsOn));
  /** Start of each team's latest ended term. */
  const latest = new Map<string, string>();
  for (const t of ended) latest.set(t.teamId, t.startsOn);
  let cycle: RotationTerm[] | null = null;
  if (teamIds.size > 0 && latest.size === teamIds.size) {
    const start = [...latest.values()].reduce((a, b) => (b < a ? b : a));
    cycle = ended.filter((t) => t.startsOn >= start);
  }
  const included = new Set(teams.filter((t) => latest.has(t.id)).flatMap((t) => t.memberIds));
  return {
    cycle,
    leftOut: activeMemberIds.filter((m) => !included.has(m)),
    unservedTeams: teams.filter((t) => !latest.has(t.id)).map((t) => t.id),
  };
}

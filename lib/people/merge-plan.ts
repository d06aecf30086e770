/**
 * What happens to the duplicate's memberships when it is merged into the person kept (pure).
 *
 * A membership is the period [joinedOn, leftOn) (leftOn null: still a member; a member on a day
 * when joinedOn <= day < leftOn, as the figures count). Each membership of the duplicate moves to
 * the person kept, with its history (manager teams, profit shares, attendance stay on the row).
 * Where the person kept was a member of the same group at the same time, it was one person
 * recorded twice: a programme officer expects one membership there, the one already on the kept
 * record, and the duplicate's only for the days the kept record was not a member. So the moved
 * membership keeps only its days outside the kept person's memberships of that group:
 *  - all outside: it moves unchanged;
 *  - partly (it began earlier, or ends later): it moves with those days only, and a second piece
 *    becomes a new membership of the person kept when the kept one sits in its middle;
 *  - none (wholly inside): it moves closed on the day it began (leftOn = joinedOn), which counts on
 *    no day, so that the row and what refers to it are kept but nobody is counted twice.
 * The kept person's own memberships never change. Nothing is deleted; the original dates are in
 * the merge's audit record. At most one open membership per group and person results (the unique
 * index group_memberships_one_active).
 */
export interface Period {
  joinedOn: string;
  leftOn: string | null;
}
export interface MembershipPeriod extends Period {
  id: string;
  groupId: string;
}
export interface MovedMembership extends MembershipPeriod {
  before: Period;
}
export interface MembershipMergePlan {
  /** Every membership of the duplicate, with the period it keeps once moved. */
  moved: MovedMembership[];
  /** New memberships of the person kept: the later pieces of a duplicate's membership split by a kept one. */
  added: { groupId: string; joinedOn: string; leftOn: string | null; from: string }[];
}

/** Dates as ISO strings compare as text; a null end is after every date. */
const endBefore = (a: string | null, b: string | null) => (a === null ? false : b === null ? true : a < b);

/** The days of `p` outside all of `others`, as periods in order. */
export function subtractPeriods(p: Period, others: Period[]): Period[] {
  if (p.leftOn !== null && p.leftOn <= p.joinedOn) return [];
  const overlapping = others
    .filter((o) => (o.leftOn === null || o.leftOn > o.joinedOn) && endBefore(o.joinedOn, p.leftOn) && endBefore(p.joinedOn, o.leftOn))
    .sort((a, b) => (a.joinedOn < b.joinedOn ? -1 : a.joinedOn > b.joinedOn ? 1 : 0));
  const out: Period[] = [];
  let start: string | null = p.joinedOn;
  for (const o of overlapping) {
    if (start === null) break;
    if (o.joinedOn > start) out.push({ joinedOn: start, leftOn: o.joinedOn });
    if (o.leftOn === null) start = null;
    else if (o.leftOn > start) start = o.leftOn;
  }
  if (start !== null && endBefore(start, p.leftOn)) out.push({ joinedOn: start, leftOn: p.leftOn });
  return out;
}

export function planMembershipMerge(kept: MembershipPeriod[], duplicate: MembershipPeriod[]): MembershipMergePlan {
  const moved: MovedMembership[] = [];
  const added: MembershipMergePlan["added"] = [];
  for (const d of duplicate) {
    const before = { joinedOn: d.joinedOn, leftOn: d.leftOn };
    // Already a period of no day: it moves as it is.
    if (d.leftOn !== null && d.leftOn <= d.joinedOn) {
      moved.push({ ...d, before });
      continue;
    }
    const pieces = subtractPeriods(
      d,
      kept.filter((k) => k.groupId === d.groupId),
    );
    if (pieces.length === 0) {
      moved.push({ ...d, leftOn: d.joinedOn, before });
      continue;
    }
    moved.push({ ...d, ...pieces[0], before });
    for (const piece of pieces.slice(1)) added.push({ groupId: d.groupId, ...piece, from: d.id });
  }
  return { moved, added };
}

import { quarterOf } from "@/lib/quarters/quarter";

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

/**
 * The duplicate's technical aids, and the same aid recorded on both records (issue 14.4).
 *
 * The inclusion figures count aids row by row (app_inclusion_aids: aids of each kind, and people
 * with an aid, on a day, among the people counted that day), so the same aid on both records, once
 * on one person, would count twice. Within a kind, the two records' aids are paired in the order
 * they were received (the first of each, then the second of each...), and each pair becomes one
 * row: the one received first (the kept record's on the same day), moved to the person kept if it
 * was the duplicate's; the other is removed, its row kept in the merge's audit record. Keeping the
 * earlier date keeps "has an aid" true on every day it was before. Aids of a kind only one record
 * has, and a record's further aids of a kind, all stay (the duplicate's move to the person kept).
 *
 * Locked quarters. The duplicate is counted in no locked quarter (the merge is refused while one of
 * its memberships spans one), so the figures a merge can change are the person kept's, in the
 * quarters they are counted in (`counted`, with the quarters each row belongs to). A row of the
 * duplicate moved to the person kept adds to their counts from its date on; a pair made one changes
 * them only between the two dates when the kept record's later row gives way to the duplicate's
 * earlier one, and not at all when the duplicate's row is the one removed. So:
 *  - a pair whose earlier row is the duplicate's keeps it only if no locked quarter in which the
 *    person is counted lies between the two dates, and the kept row's own quarter is not locked
 *    (the database refuses to delete a row of a locked quarter, migration 0013); otherwise the
 *    kept record's row stays and the duplicate's goes (`laterKept` names the quarter): still one
 *    row, and no locked figure changes;
 *  - the merge is refused (`locked`) when a row of the duplicate is itself in a locked quarter, or
 *    when one that moves would add to a locked quarter in which the person kept is counted: an
 *    admin may unlock the quarter, giving a reason, as for a membership.
 * Quarters written "2026-Q3" compare as text.
 */
export interface AidRow {
  id: string;
  aidType: string;
  receivedOn: string;
}
export interface AidMergePlan<T extends AidRow = AidRow> {
  /** Pairs made one: the row that stays (moved to the person kept if it was the duplicate's) and the row removed. */
  merged: { stays: T; removed: T; removedFrom: "kept" | "duplicate"; laterKept: string | null }[];
  /** The duplicate's rows that move to the person kept (those not removed). */
  moved: T[];
  /** The quarters whose figures the rows moved and removed change (their own, and those the person kept is counted in from a moved row's date). */
  quarters: string[];
  /** The first of them that is locked: the merge is refused. */
  locked: string | null;
}

const byReceived = (a: AidRow, b: AidRow) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The first locked quarter from `from` to `to` (null: without end) in which the person is counted. */
export function lockedCountedBetween(from: string, to: string | null, locked: readonly string[], counted: readonly string[]): string | null {
  return [...locked].sort().find((q) => q >= from && (to === null || q <= to) && counted.includes(q)) ?? null;
}

export function planAidMerge<T extends AidRow>(kept: T[], duplicate: T[], locked: readonly string[], counted: readonly string[]): AidMergePlan<T> {
  const isLocked = (q: string) => locked.includes(q);
  const merged: AidMergePlan<T>["merged"] = [];
  /** How far a moved row of the duplicate changes the person kept's counts: to a quarter, or without end. */
  const reach = new Map<string, string | null>();
  const kinds = [...new Set(kept.map((a) => a.aidType))].filter((k) => duplicate.some((d) => d.aidType === k)).sort();
  for (const kind of kinds) {
    const ks = kept.filter((a) => a.aidType === kind).sort(byReceived);
    const ds = duplicate.filter((a) => a.aidType === kind).sort(byReceived);
    for (let i = 0; i < Math.min(ks.length, ds.length); i++) {
      const [k, d] = [ks[i], ds[i]];
      if (k.receivedOn <= d.receivedOn) {
        merged.push({ stays: k, removed: d, removedFrom: "duplicate", laterKept: null });
        continue;
      }
      const [qd, qk] = [quarterOf(d.receivedOn), quarterOf(k.receivedOn)];
      const blocking = isLocked(qk) ? qk : lockedCountedBetween(qd, qk, locked, counted);
      if (blocking) merged.push({ stays: k, removed: d, removedFrom: "duplicate", laterKept: blocking });
      else {
        merged.push({ stays: d, removed: k, removedFrom: "kept", laterKept: null });
        reach.set(d.id, qk);
      }
    }
  }
  const removed = new Set(merged.map((m) => m.removed.id));
  const moved = duplicate.filter((a) => !removed.has(a.id));
  const touched = new Set([...duplicate, ...merged.map((m) => m.removed)].map((a) => quarterOf(a.receivedOn)));
  for (const a of moved) {
    const [from, to] = [quarterOf(a.receivedOn), reach.get(a.id) ?? null];
    for (const q of counted) if (q >= from && (to === null || q <= to)) touched.add(q);
  }
  const quarters = [...touched].sort();
  return { merged, moved, quarters, locked: quarters.find(isLocked) ?? null };
}

/**
 * Inclusion indicators: what the SQL aggregates count (lib/inclusion/queries.ts), and the
 * figures derived from those counts. Pure, so that each computation is tested beside it.
 */
import { ageBands, type AgeBand } from "@/lib/people/age-bands";
import { wgDomains, type WgDomain } from "@/lib/wgss";

export const householdStatuses = ["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"] as const;
export type HouseholdStatus = (typeof householdStatuses)[number];
/** Refugees, in or out of the camp (returnees are not counted as refugees). */
export const refugeeStatuses: readonly HouseholdStatus[] = ["refugee_out_of_camp", "refugee_in_camp"];

/** Counts of distinct people over one set of active memberships (a breakdown row, a sex, or all). */
export interface InclusionCounts {
  members: number;
  women: number;
  men: number;
  /** By age band at the reference date; `unknown` when the year of birth is implausible. */
  bands: Record<AgeBand | "unknown", number>;
  /** WG-SS status (lib/wgss.ts): aged 5 or more and at the cut-off in at least one domain. */
  disabled: number;
  noDisability: number;
  /** Aged 5 or more, under the cut-off wherever answered, but some domain not asked. */
  wgUnknown: number;
  tooYoung: number;
  /** People aged 5 or more at the cut-off in each domain (one person may count in several). */
  domains: Record<WgDomain, number>;
  /** By household status; `unknown` when the person has no household recorded. */
  status: Record<HouseholdStatus | "unknown", number>;
  /** Groups with an active member here, and those of them with a completed rotation cycle. */
  groups: number;
  cycleGroups: number;
  /** Active members of groups with a completed cycle, and those who served in it. */
  cycle: { members: number; women: number; disabled: number };
  managers: { members: number; women: number; disabled: number };
  /** Active members in no manager team of their group. */
  neverIncluded: number;
  /** People with a disability with at least one technical aid received by the reference date. */
  disabledWithAid: number;
}

/** A percentage with one decimal; null when the base is empty. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part * 1000) / whole) / 10 : null;
}

/** People with a disability who have received no technical aid. */
export const disabledWithoutAid = (c: Pick<InclusionCounts, "disabled" | "disabledWithAid">) => c.disabled - c.disabledWithAid;

export const refugees = (c: Pick<InclusionCounts, "status">) => refugeeStatuses.reduce((s, k) => s + c.status[k], 0);

/**
 * Representation in management over the last full rotation cycle, for one category of members
 * (women, people with a disability, or everyone): its share of the members, its share of the
 * managers, and the share of its members who served.
 */
export interface Participation {
  members: number;
  managers: number;
  shareOfMembers: number | null;
  shareOfManagers: number | null;
  servedRate: number | null;
}

export function participation(category: { members: number; managers: number }, all: { members: number; managers: number }): Participation {
  return {
    members: category.members,
    managers: category.managers,
    shareOfMembers: percent(category.members, all.members),
    shareOfManagers: percent(category.managers, all.managers),
    servedRate: percent(category.managers, category.members),
  };
}

/** The categories compared on the page: women, men, members with a disability, everyone. */
export function participationByCategory(all: InclusionCounts) {
  const everyone = { members: all.cycle.members, managers: all.managers.members };
  return {
    women: participation({ members: all.cycle.women, managers: all.managers.women }, everyone),
    men: participation({ members: all.cycle.members - all.cycle.women, managers: all.managers.members - all.managers.women }, everyone),
    disabled: participation({ members: all.cycle.disabled, managers: all.managers.disabled }, everyone),
    all: participation(everyone, everyone),
  };
}

/** An all-zero row (a breakdown value without members). */
export function emptyCounts(): InclusionCounts {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  return {
    members: 0,
    women: 0,
    men: 0,
    bands: zeros([...ageBands, "unknown"]),
    disabled: 0,
    noDisability: 0,
    wgUnknown: 0,
    tooYoung: 0,
    domains: zeros(wgDomains),
    status: zeros([...householdStatuses, "unknown"]),
    groups: 0,
    cycleGroups: 0,
    cycle: { members: 0, women: 0, disabled: 0 },
    managers: { members: 0, women: 0, disabled: 0 },
    neverIncluded: 0,
    disabledWithAid: 0,
  };
}

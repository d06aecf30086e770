/**
 * The bench data's skeleton, pure and deterministic: places, organisations, users and the plan of
 * every group (where, what, when, how many members, how many ledger lines). The rows of each group
 * are generated from this plan in gen/rows.ts.
 */
import { benchId } from "./ids";
import { ACTIVITY_LABEL, NGO_NAMES, personName, placeName, WILAYAS } from "./names";
import { apportion, int, pickWeighted, streamOf, type Rand } from "./prng";
import { monthIndex } from "./dates";

export type ScaleName = "small" | "regional" | "national";
export interface Scale {
  seed: number;
  wilayas: number;
  moughataasPerWilaya: number;
  communes: number;
  settlementsPerCommune: number;
  ngos: number;
  networks: number;
  groups: number;
  people: number;
  ledger: number;
}

export const SCALES: Record<ScaleName, Scale> = {
  small: {
    seed: 101,
    wilayas: 1,
    moughataasPerWilaya: 2,
    communes: 4,
    settlementsPerCommune: 8,
    ngos: 2,
    networks: 2,
    groups: 300,
    people: 3_000,
    ledger: 30_000,
  },
  regional: {
    seed: 202,
    wilayas: 1,
    moughataasPerWilaya: 6,
    communes: 25,
    settlementsPerCommune: 20,
    ngos: 4,
    networks: 3,
    groups: 10_000,
    people: 100_000,
    ledger: 1_000_000,
  },
  national: {
    seed: 303,
    wilayas: 13,
    moughataasPerWilaya: 4,
    communes: 250,
    settlementsPerCommune: 20,
    ngos: 40,
    networks: 30,
    groups: 100_000,
    people: 1_000_000,
    ledger: 10_000_000,
  },
};

/** The five years of records. */
export const FIRST_MONTH = monthIndex(2021, 1);
export const LAST_MONTH = monthIndex(2025, 12);

export interface PlacePlan {
  id: string;
  parentId: string | null;
  level: "wilaya" | "moughataa" | "commune" | "village" | "campement";
  name: string;
  pcode: string;
  community: "host" | "refugee" | null;
}
export interface SettlementPlan {
  id: string;
  name: string;
  community: "host" | "refugee";
  level: "village" | "campement";
}
export interface CommunePlan {
  index: number;
  placeId: string;
  name: string;
  wilaya: number;
  settlements: SettlementPlan[];
  orgId: string;
  slug: string;
  ngos: number[];
  networks: number[];
  /** Groups located in the commune (indexes into plan.groups). */
  groups: number[];
  /** Whether the commune runs a price committee (every commune at the small scale, a third elsewhere). */
  priceCommittee: boolean;
}
export interface OrgPlan {
  id: string;
  slug: string;
  name: string;
  type: "consortium" | "ngo" | "commune" | "cooperative_network";
  territoryPlaceId: string | null;
  users: { admin: string; editor: string; viewer: string };
}
export type Activity = "shop" | "butchery" | "sewing" | "fattening" | "laundry";
export interface GroupPlan {
  index: number;
  id: string;
  ngo: number;
  commune: number;
  settlement: SettlementPlan;
  activity: Activity;
  kind: "group" | "individual";
  startMonth: number;
  /** Last month with records (inclusive). */
  endMonth: number;
  status: "active" | "paused" | "closed";
  networkOrgId: string | null;
  /** Members: people numbers firstPerson .. firstPerson + size - 1. */
  firstPerson: number;
  size: number;
  /** Share of the group's lines in XOF (0 for most groups). */
  xofShare: number;
  capital: number;
  capitalCurrency: "MRU" | "XOF";
  profitRule: "equal" | "team_weighted";
  name: string;
  ledgerCount: number;
}
export interface Plan {
  scale: Scale;
  places: PlacePlan[];
  communes: CommunePlan[];
  consortium: OrgPlan;
  ngos: OrgPlan[];
  networks: OrgPlan[];
  communeOrgs: OrgPlan[];
  /** Communes (indexes) per NGO and per network. */
  ngoCommunes: number[][];
  networkCommunes: number[][];
  groups: GroupPlan[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Sex of a person: drawn from a stream of its own, so that group names can know it. */
export function personSex(seed: number, personNo: number, activity: Activity): "female" | "male" {
  const r = streamOf(seed, "person-sex", personNo)();
  const female = activity === "fattening" ? 0.45 : activity === "laundry" ? 0.9 : activity === "butchery" ? 0.9 : activity === "sewing" ? 0.97 : 0.8;
  return r < female ? "female" : "male";
}

export function buildPlan(scaleName: ScaleName): Plan {
  const scale = SCALES[scaleName];
  const seed = scale.seed;
  const r = streamOf(seed, "skeleton");
  let placeNo = 0;
  let orgNo = 0;
  let userNo = 0;
  const places: PlacePlan[] = [];
  const addPlace = (p: Omit<PlacePlan, "id">) => {
    const id = benchId("places", ++placeNo);
    places.push({ id, ...p });
    return id;
  };
  const newOrg = (slug: string, name: string, type: OrgPlan["type"], territoryPlaceId: string | null = null): OrgPlan => ({
    id: benchId("organisations", ++orgNo),
    slug,
    name,
    type,
    territoryPlaceId,
    users: { admin: benchId("users", ++userNo), editor: benchId("users", ++userNo), viewer: benchId("users", ++userNo) },
  });

  // Places: wilayas › moughataas › communes › villages and campements. Refugee settlements are
  // many near the Malian border (the first wilayas), few elsewhere.
  const communes: CommunePlan[] = [];
  const moughataas = scale.wilayas * scale.moughataasPerWilaya;
  const perMoughataa = apportion(scale.communes, Array(moughataas).fill(1));
  let settlementNo = 0;
  for (let w = 0; w < scale.wilayas; w++) {
    const wcode = `B-MR${pad(w + 1, 2)}`;
    const wid = addPlace({ parentId: null, level: "wilaya", name: WILAYAS[w % WILAYAS.length], pcode: wcode, community: null });
    for (let m = 0; m < scale.moughataasPerWilaya; m++) {
      const mcode = `${wcode}${pad(m + 1, 2)}`;
      const mIndex = w * scale.moughataasPerWilaya + m;
      const mid = addPlace({ parentId: wid, level: "moughataa", name: placeName(7919 + mIndex * 13), pcode: mcode, community: null });
      for (let c = 0; c < perMoughataa[mIndex]; c++) {
        const index = communes.length;
        const name = placeName(101 + index * 7);
        const ccode = `${mcode}${pad(c + 1, 2)}`;
        const cid = addPlace({ parentId: mid, level: "commune", name, pcode: ccode, community: null });
        const refugeeShare = w < 2 ? 0.22 : w < 4 ? 0.08 : 0.02;
        const n = Math.max(4, Math.round(scale.settlementsPerCommune * (0.6 + 0.8 * r())));
        const settlements: SettlementPlan[] = [];
        for (let s = 0; s < n; s++) {
          const campement = s > 0 && r() < refugeeShare;
          // A few villages are refugee villages (settled, not campements).
          const community = campement || (s > 0 && r() < refugeeShare / 6) ? "refugee" : "host";
          const level = campement ? "campement" : "village";
          const sname = s === 0 ? name : campement ? `Campement ${placeName(settlementNo * 3 + 1)}` : placeName(settlementNo * 3 + 2);
          settlementNo++;
          const id = addPlace({ parentId: cid, level, name: sname, pcode: `${ccode}-${pad(s + 1, 3)}`, community });
          settlements.push({ id, name: sname, community, level });
        }
        const priceCommittee = scale.communes <= 10 || index % 3 === 0;
        communes.push({ index, placeId: cid, name, wilaya: w, settlements, orgId: "", slug: "", ngos: [], networks: [], groups: [], priceCommittee });
      }
    }
  }

  // Organisations: the consortium, its NGOs and communes; the cooperative networks.
  const consortium = newOrg("b-acor", "ACOR (banc d'essai) — Alliance pour la Cohésion Sociale et la Résilience", "consortium");
  const ngoWidth = Math.max(2, String(scale.ngos).length);
  const netWidth = Math.max(2, String(scale.networks).length);
  const communeWidth = Math.max(3, String(scale.communes).length);
  const ngos = Array.from({ length: scale.ngos }, (_, i) =>
    newOrg(`b-ngo-${pad(i + 1, ngoWidth)}`, `ONG ${NGO_NAMES[i % NGO_NAMES.length]} ${pad(i + 1, ngoWidth)} (banc d'essai)`, "ngo"),
  );
  const communeOrgs = communes.map((c) => {
    const o = newOrg(`b-commune-${pad(c.index + 1, communeWidth)}`, `Commune de ${c.name}`, "commune", c.placeId);
    c.orgId = o.id;
    c.slug = o.slug;
    return o;
  });
  const networks = Array.from({ length: scale.networks }, (_, i) => {
    const first = communes[Math.floor((i * scale.communes) / scale.networks)];
    return newOrg(`b-net-${pad(i + 1, netWidth)}`, `Réseau des coopératives féminines de ${first.name} ${pad(i + 1, netWidth)}`, "cooperative_network");
  });

  // Each NGO works in a block of neighbouring communes, and in the first commune of the next
  // block (so that some communes have two NGOs); networks likewise, without overlap.
  const ngoCommunes: number[][] = ngos.map(() => []);
  const networkCommunes: number[][] = networks.map(() => []);
  for (const c of communes) {
    const n = Math.floor((c.index * scale.ngos) / scale.communes);
    ngoCommunes[n].push(c.index);
    c.ngos.push(n);
    const k = Math.floor((c.index * scale.networks) / scale.communes);
    networkCommunes[k].push(c.index);
    c.networks.push(k);
  }
  for (let n = 0; n + 1 < scale.ngos; n++) {
    const c = ngoCommunes[n + 1][0];
    if (c !== undefined && !ngoCommunes[n].includes(c)) {
      ngoCommunes[n].push(c);
      communes[c].ngos.push(n);
    }
  }

  // Groups, NGO by NGO (so that ids follow the (NGO, group) order of the ledger's indexes).
  const groups: GroupPlan[] = [];
  const perNgo = apportion(scale.groups, Array(scale.ngos).fill(1));
  const individualShare = 0.15;
  for (let n = 0; n < scale.ngos; n++) {
    const cs = ngoCommunes[n];
    const cw = cs.map((c) => communes[c].settlements.length);
    for (let k = 0; k < perNgo[n]; k++) {
      const index = groups.length;
      const g = streamOf(seed, "group", index);
      const commune = communes[pickWeighted(g, cs, cw)];
      // Refugees trade in campements too; the first settlement is the commune's main town.
      const settlement = commune.settlements[g() < 0.25 ? 0 : int(g, 0, commune.settlements.length - 1)];
      const individual = g() < individualShare;
      const activity: Activity = individual
        ? g() < 0.94
          ? "fattening"
          : "laundry"
        : pickWeighted(g, ["shop", "butchery", "sewing"] as const, [0.4, 0.3, 0.3]);
      const startMonth = FIRST_MONTH + Math.floor(Math.pow(g(), 1.5) * 48);
      const st = g();
      const status = st < 0.06 ? "closed" : st < 0.1 ? "paused" : "active";
      const endMonth =
        status === "closed" ? Math.min(LAST_MONTH - 1, startMonth + int(g, 12, 36)) : status === "paused" ? LAST_MONTH - int(g, 2, 6) : LAST_MONTH;
      const border = commune.wilaya < 2;
      const xofShare = settlement.community === "refugee" || (border && g() < 0.25) ? (g() < 0.5 ? 0.6 : 0.3) : g() < 0.1 ? 0.05 : 0;
      const network = !individual && commune.networks.length > 0 && g() < (activity === "shop" ? 0.3 : 0.55) ? networks[commune.networks[0]].id : null;
      const capitalBase = { shop: 60_000, butchery: 40_000, sewing: 35_000, fattening: 15_000, laundry: 12_000 }[activity];
      const capitalCurrency = xofShare >= 0.6 ? "XOF" : "MRU";
      const capitalMru = Math.round((capitalBase * (0.7 + 0.6 * g())) / 1000) * 1000;
      groups.push({
        index,
        id: benchId("groups", index + 1),
        ngo: n,
        commune: commune.index,
        settlement,
        activity,
        kind: individual ? "individual" : "group",
        startMonth,
        endMonth: Math.max(endMonth, startMonth),
        status,
        networkOrgId: network,
        firstPerson: 0,
        size: individual ? 1 : 0,
        xofShare,
        capital: capitalCurrency === "XOF" ? Math.round((capitalMru * 16.6) / 1000) * 1000 : capitalMru,
        capitalCurrency,
        profitRule: activity === "shop" && g() < 0.5 ? "team_weighted" : "equal",
        name: "",
        ledgerCount: 0,
      });
      commune.groups.push(index);
    }
  }

  // Members: the people left after the individual activities, spread over the group activities
  // by activity (shops are the biggest, butcheries the smallest) and at random.
  const collective = groups.filter((g) => g.kind === "group");
  const sizeWeight = { shop: 1.6, butchery: 0.55, sewing: 1.0, fattening: 0, laundry: 0 };
  const sizes = apportion(
    scale.people - (groups.length - collective.length),
    collective.map((g) => sizeWeight[g.activity] * (0.5 + streamOf(seed, "group-size", g.index)())),
  );
  collective.forEach((g, i) => (g.size = sizes[i]));
  let person = 1;
  for (const g of groups) {
    if (g.size < 1) throw new Error(`group ${g.index} has no member`);
    g.firstPerson = person;
    person += g.size;
  }

  // Ledger lines: the scale's total, spread by months of activity, activity and size.
  const intensity = { shop: 1.5, butchery: 1.2, sewing: 0.9, fattening: 0.45, laundry: 0.6 };
  const counts = apportion(
    scale.ledger,
    groups.map(
      (g) => (g.endMonth - g.startMonth + 1) * intensity[g.activity] * (0.6 + Math.sqrt(g.size) / 4) * (0.7 + 0.6 * streamOf(seed, "group-ledger", g.index)()),
    ),
  );
  groups.forEach((g, i) => {
    g.ledgerCount = counts[i];
    if (g.ledgerCount < 1) throw new Error(`group ${g.index} has no ledger line`);
  });

  // Names: "<activity> de <settlement>" (numbered when repeated), individuals by their member.
  const seen = new Map<string, number>();
  for (const g of groups) {
    if (g.kind === "individual") {
      g.name = `${ACTIVITY_LABEL[g.activity]} — ${personName(personSex(seed, g.firstPerson, g.activity), g.firstPerson)}`;
    } else {
      const base = `${ACTIVITY_LABEL[g.activity]} de ${g.settlement.name}`;
      const k = (seen.get(base) ?? 0) + 1;
      seen.set(base, k);
      g.name = k === 1 ? base : `${base} ${k}`;
    }
  }
  return { scale, places, communes, consortium, ngos, networks, communeOrgs, ngoCommunes, networkCommunes, groups };
}

export type { Rand };

/**
 * Split the groups (by runs of whole NGOs, about equal ledgers) and the communes into `n`
 * partitions, loaded in parallel.
 */
export function partitionPlan(plan: Plan, n: number): { groups: GroupPlan[]; communes: CommunePlan[] }[] {
  const parts = Array.from({ length: n }, () => ({ groups: [] as GroupPlan[], communes: [] as CommunePlan[] }));
  const perNgo = plan.ngos.map(() => 0);
  for (const g of plan.groups) perNgo[g.ngo] += g.ledgerCount;
  const total = perNgo.reduce((a, b) => a + b, 0);
  const partOfNgo: number[] = [];
  let cum = 0;
  for (const lines of perNgo) {
    partOfNgo.push(Math.min(n - 1, Math.floor(((cum + lines / 2) * n) / total)));
    cum += lines;
  }
  for (const g of plan.groups) parts[partOfNgo[g.ngo]].groups.push(g);
  plan.communes.forEach((c, i) => parts[Math.min(n - 1, Math.floor((i * n) / plan.communes.length))].communes.push(c));
  return parts;
}

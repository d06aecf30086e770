/**
 * Rows that are not per group: places, organisations and their users, and per commune the
 * cohesion surveys and the price committee (products, suppliers, sessions with attendees,
 * negotiated prices with notices, grouped purchase orders, market observations); per NGO the
 * declared figures and quarter locks; the dated exchange rates.
 */
import { communities, perceptionIndicators } from "@/lib/cohesion/indicators";
import { esc, nul } from "./copy";
import { daysInMonth, firstDayOfMonth, isoOf, lastDayOfMonth, monthIndex, quarterOfMonth, tsOf } from "./dates";
import { benchId, type IdCounters } from "./ids";
import { personName } from "./names";
import { FIRST_MONTH, LAST_MONTH, type OrgPlan, type Plan } from "./plan";
import { int, pick, streamOf } from "./prng";

type Push = (table: string, line: string) => void;
const CREATED = tsOf(firstDayOfMonth(FIRST_MONTH) - 30, 36_000);

export function skeletonRows(plan: Plan, passwordHash: string, push: Push) {
  for (const p of plan.places) push("places", `${p.id}\t${nul(p.parentId)}\t${p.level}\t${esc(p.name)}\t${p.pcode}\t${nul(p.community)}\n`);
  const orgs = allOrgs(plan);
  for (const o of orgs) push("organisations", `${o.id}\t${o.slug}\t${esc(o.name)}\t${o.type}\t${nul(o.territoryPlaceId)}\t${CREATED}\n`);
  for (const o of [...plan.ngos, ...plan.communeOrgs]) push("consortium_members", `${plan.consortium.id}\t${o.id}\n`);
  plan.ngoCommunes.forEach((cs, n) => cs.forEach((c) => push("org_communes", `${plan.ngos[n].id}\t${plan.communes[c].orgId}\n`)));
  plan.networkCommunes.forEach((cs, n) => cs.forEach((c) => push("org_communes", `${plan.networks[n].id}\t${plan.communes[c].orgId}\n`)));
  let membership = 0;
  for (const o of orgs) {
    for (const role of ["admin", "editor", "viewer"] as const) {
      const locale = o.type === "commune" && role === "editor" ? "ar" : "fr";
      push("users", `${o.users[role]}\t${role}@${o.slug}.bench\t${role[0].toUpperCase()}${role.slice(1)} ${o.slug}\t${passwordHash}\t${locale}\t${CREATED}\n`);
      push("memberships", `${benchId("memberships", ++membership)}\t${o.users[role]}\t${o.id}\t${role}\t${CREATED}\n`);
    }
  }
}

export const allOrgs = (plan: Plan): OrgPlan[] => [plan.consortium, ...plan.ngos, ...plan.communeOrgs, ...plan.networks];

/** Quarterly XOF-per-MRU rates, each valid from the first day of its quarter (16.40 to 16.90). */
export function exchangeRates(seed: number): { validFrom: string; xofPerMru: string }[] {
  const r = streamOf(seed, "rates");
  const out: { validFrom: string; xofPerMru: string }[] = [];
  let rate = 16.62;
  for (let mo = FIRST_MONTH; mo <= LAST_MONTH; mo += 3) {
    rate = Math.min(16.9, Math.max(16.4, rate + (r() - 0.5) * 0.12));
    out.push({ validFrom: isoOf(firstDayOfMonth(mo)), xofPerMru: rate.toFixed(7) });
  }
  return out;
}

/** Per NGO: figures declared in its reports, and its locked quarters (one unlocked once). */
export function ngoRows(plan: Plan, ids: IdCounters, push: Push) {
  const source = "Rapport annuel 2025 (banc d'essai)";
  plan.ngos.forEach((ngo, n) => {
    const r = streamOf(plan.scale.seed, "ngo", n);
    const groups = plan.groups.filter((g) => g.ngo === n && g.kind === "group");
    const members = groups.reduce((s, g) => s + g.size, 0);
    const declared = Math.round(members * (0.97 + 0.06 * r()));
    push(
      "declared_figures",
      `${ids.next("declared_figures")}\t${ngo.id}\tgroup_beneficiaries\t${declared} bénéficiaires ont choisi des activités de groupe\t${declared}\t${source}\t${CREATED}\n`,
    );
    push(
      "declared_figures",
      `${ids.next("declared_figures")}\t${ngo.id}\tgroup_revenue_mru\tChiffre d'affaires des activités de groupe depuis la création\t${groups.length * int(r, 60_000, 90_000)}\t${source}\t${CREATED}\n`,
    );
    for (let mo = FIRST_MONTH; mo <= monthIndex(2025, 4); mo += 3) {
      const quarter = quarterOfMonth(mo);
      const lockedDay = lastDayOfMonth(mo + 2) + int(r, 15, 40);
      if (quarter === "2024-Q3") {
        push(
          "quarter_locks",
          `${ids.next("quarter_locks")}\t${ngo.id}\t${quarter}\t${tsOf(lockedDay, 36_000)}\t${ngo.users.admin}\t${tsOf(lockedDay + 3, 36_000)}\t${ngo.users.admin}\tCorrection d'une vente oubliée\n`,
        );
        push("quarter_locks", `${ids.next("quarter_locks")}\t${ngo.id}\t${quarter}\t${tsOf(lockedDay + 5, 36_000)}\t${ngo.users.admin}\t\\N\t\\N\t\\N\n`);
      } else {
        push("quarter_locks", `${ids.next("quarter_locks")}\t${ngo.id}\t${quarter}\t${tsOf(lockedDay, 36_000)}\t${ngo.users.admin}\t\\N\t\\N\t\\N\n`);
      }
    }
  });
}

/** Positive share baselines of the perception indicators, by community. */
const BASELINE: Record<string, [number, number]> = {
  trust: [0.38, 0.46],
  trade: [0.62, 0.7],
  lend: [0.22, 0.3],
  joint_meetings: [0.3, 0.26],
  security: [0.7, 0.55],
};

function levels(n: number, share: number): [number, number, number, number] {
  const positive = Math.max(0, Math.min(n, Math.round(n * share)));
  const l4 = Math.round(positive * 0.4);
  const negative = n - positive;
  const l1 = Math.round(negative * 0.35);
  return [l1, negative - l1, positive - l4, l4];
}

/** Quarterly cohesion surveys of most settlements from 2022: the NGO in villages, the commune in campements. */
export function cohesionRows(plan: Plan, c: Plan["communes"][number], ids: IdCounters, push: Push) {
  const r = streamOf(plan.scale.seed, "cohesion", c.index);
  const ngo = plan.ngos[c.ngos[0]];
  const commune = plan.communeOrgs[c.index];
  const firstQ = monthIndex(2022, 1);
  const quarters = (LAST_MONTH + 1 - firstQ) / 3;
  for (const s of c.settlements) {
    for (let q = 0; q < quarters; q++) {
      if (r() >= 0.75) continue;
      const mo = firstQ + q * 3;
      const progress = q / (quarters - 1);
      const author = s.level === "campement" ? commune : ngo;
      const between = (lo: number, hi: number) => int(r, lo, hi);
      const refugee = s.community === "refugee";
      const [hw, hm, rw, rm] = refugee
        ? [between(2, 6), between(1, 5), between(8, 14), between(5, 10)]
        : [between(6, 12), between(4, 9), between(0, 8), between(0, 6)];
      const referred = between(0, 4);
      const resolved = Math.min(referred, Math.round(referred * (0.5 + 0.4 * progress)));
      const day = firstDayOfMonth(mo) + between(20, 80);
      const id = ids.next("cohesion_surveys");
      push(
        "cohesion_surveys",
        `${id}\t${author.id}\t${s.id}\t${quarterOfMonth(mo)}\t${isoOf(day)}\t${hw}\t${hm}\t${rw}\t${rm}\t${referred}\t${resolved}\t\\N\t${author.users.editor}\t${tsOf(day + 2, 40_000)}\n`,
      );
      for (const ind of perceptionIndicators) {
        communities.forEach((com, k) => {
          const n = com === "host" ? hw + hm : rw + rm;
          const share = Math.min(0.95, BASELINE[ind][k] + 0.28 * progress + (r() - 0.5) * 0.12);
          const [l1, l2, l3, l4] = levels(n, share);
          push("cohesion_answers", `${id}\t${author.id}\t${ind}\t${com}\t${l1}\t${l2}\t${l3}\t${l4}\n`);
        });
      }
    }
  }
}

type Category = "staple" | "meat" | "fabric_dye" | "other";
/** [fr, ar, en, unit, unit in Arabic, category, pictogram, purchase price, selling price] in MRU. */
const PRODUCTS: [string, string, string, string, string, Category, string, number, number][] = [
  ["Riz", "أرز", "Rice", "sac 50 kg", "كيس 50 كغ", "staple", "rice", 1350, 1450],
  ["Farine de blé", "دقيق القمح", "Wheat flour", "sac 50 kg", "كيس 50 كغ", "staple", "flour", 1050, 1130],
  ["Sucre", "سكر", "Sugar", "kg", "كغ", "staple", "sugar", 34, 38],
  ["Huile", "زيت", "Cooking oil", "litre", "لتر", "staple", "oil", 62, 68],
  ["Thé vert", "شاي أخضر", "Green tea", "paquet 250 g", "علبة 250 غ", "staple", "tea", 52, 58],
  ["Mil", "دخن", "Millet", "kg", "كغ", "staple", "millet", 22, 25],
  ["Lait en poudre", "حليب مجفف", "Milk powder", "sachet 400 g", "كيس 400 غ", "staple", "milk", 78, 85],
  ["Pâtes", "معكرونة", "Pasta", "paquet 500 g", "علبة 500 غ", "staple", "pasta", 18, 21],
  ["Niébé", "لوبيا", "Cowpeas", "kg", "كغ", "staple", "beans", 40, 45],
  ["Sel", "ملح", "Salt", "kg", "كغ", "staple", "salt", 8, 10],
  ["Savon", "صابون", "Soap", "morceau", "قطعة", "other", "soap", 12, 15],
  ["Gaz butane", "غاز البوتان", "Butane gas", "bouteille 6 kg", "قنينة 6 كغ", "other", "gas", 270, 290],
  ["Viande de chèvre", "لحم الماعز", "Goat meat", "kg", "كغ", "meat", "meat", 180, 200],
  ["Chèvre sur pied", "ماعز حي", "Live goat", "tête", "رأس", "meat", "goat", 1900, 2100],
  ["Teinture", "صباغ", "Dye", "sachet", "كيس صغير", "fabric_dye", "dye", 45, 55],
  ["Voile (melhfa)", "ملحفة", "Veil fabric (melhfa)", "pièce", "قطعة", "fabric_dye", "fabric", 450, 520],
  ["Fil à broder", "خيط التطريز", "Embroidery thread", "bobine", "بكرة", "fabric_dye", "thread", 15, 20],
];
const CONSTITUENCIES = ["mcpgc", "beneficiaries", "commune", "traders_federation"] as const;
const CHANNELS = ["village_meeting", "crier", "radio", "printed_board"] as const;

/**
 * The commune's price committee over the five years: a session a quarter (the last one still a
 * draft), the first fixing every price, the next ones changing a few (increases announced at
 * least the notice period ahead), a grouped order every other session for the commune's shops,
 * and monthly market observations in two markets.
 */
export function priceRows(plan: Plan, c: Plan["communes"][number], ids: IdCounters, push: Push) {
  const r = streamOf(plan.scale.seed, "prices", c.index);
  const org = plan.communeOrgs[c.index];
  const editor = org.users.editor;
  const noticeDays = 7;
  push("price_settings", `${org.id}\t${noticeDays}\t20\t${CREATED}\n`);
  const suppliers = ["Boutique", "Commerce", "Dépôt"].map((kind, i) => {
    const id = ids.next("suppliers");
    push(
      "suppliers",
      `${id}\t${org.id}\t${kind} ${esc(personName("male", c.index * 3 + i))}\t${i < 2 ? `+222 4${int(r, 1000000, 9999999)}` : "\\N"}\t${CREATED}\n`,
    );
    return id;
  });
  const products = PRODUCTS.map(([fr, ar, en, unit, unitAr, category, pictogram], i) => {
    const id = ids.next("products");
    push("products", `${id}\t${org.id}\t${fr}\t${ar}\t${en}\t${unit}\t${unitAr}\t${category}\t${pictogram}\t${i + 1}\t${CREATED}\n`);
    return id;
  });
  // Price timeline per product: [effective day, purchase, selling], and the version in force.
  const timeline: [number, number, number][][] = PRODUCTS.map(() => []);
  const current: { id: string; purchase: number; selling: number }[] = [];
  const shops = c.groups.filter((i) => plan.groups[i].activity === "shop");
  const sessions = (LAST_MONTH + 1 - FIRST_MONTH) / 3;
  for (let s = 0; s < sessions; s++) {
    const mo = FIRST_MONTH + s * 3;
    const held = firstDayOfMonth(mo) + int(r, 9, 40);
    const draft = s === sessions - 1;
    const sessionId = ids.next("price_sessions");
    const at = tsOf(held, 36_000);
    const place = s % 2 === 0 ? `Mairie de ${c.name}` : `Boutique communautaire de ${c.settlements[s % c.settlements.length].name}`;
    push(
      "price_sessions",
      `${sessionId}\t${org.id}\t${isoOf(held)}\t${esc(place)}\tSéance trimestrielle n° ${s + 1} du comité communal des prix : revue des prix du marché, négociation avec la fédération des commerçants, commande groupée des boutiques.\t${draft ? "draft" : "closed"}\t${draft ? 1 : 2}\t${editor}\t${at}\t${at}\n`,
    );
    // One to two people per constituency, never the same name twice in a session.
    const present = new Set<string>();
    for (const constituency of CONSTITUENCIES) {
      const n = constituency === "beneficiaries" || r() < 0.3 ? 2 : 1;
      for (let k = 0; k < n; k++) {
        let name = "";
        do name = personName(r() < 0.5 ? "female" : "male", int(r, 0, 5000));
        while (present.has(name));
        present.add(name);
        push("session_attendees", `${ids.next("session_attendees")}\t${org.id}\t${sessionId}\t${esc(name)}\t${constituency}\t${at}\n`);
      }
    }
    if (draft) continue;
    const changed = s === 0 ? PRODUCTS.map((_, i) => i) : [...new Set(Array.from({ length: int(r, 2, 4) }, () => int(r, 0, PRODUCTS.length - 1)))];
    for (const p of changed) {
      const prev = current[p];
      const factor = s === 0 ? 0.95 + 0.1 * r() : r() < 0.7 ? 1 + 0.03 + 0.09 * r() : 1 - 0.03 - 0.07 * r();
      const purchase = Math.max(1, Math.round((prev ? prev.purchase : PRODUCTS[p][7]) * factor));
      const selling = Math.max(purchase + 1, Math.round((prev ? prev.selling : PRODUCTS[p][8]) * factor));
      const increase = !!prev && selling > prev.selling;
      const effective = increase ? held + noticeDays + int(r, 0, 10) : held;
      const id = ids.next("negotiated_prices");
      push(
        "negotiated_prices",
        `${id}\t${org.id}\t${products[p]}\t${sessionId}\t${pick(r, suppliers)}\t${purchase}\t${selling}\tMRU\t${isoOf(effective)}\t${prev ? prev.id : "\\N"}\t${editor}\t${at}\n`,
      );
      current[p] = { id, purchase, selling };
      timeline[p].push([effective, purchase, selling]);
      if (prev && (increase || r() < 0.5)) {
        const notice = ids.next("price_notices");
        const channels = CHANNELS.filter((_, k) => k === 0 || r() < 0.4);
        push("price_notices", `${notice}\t${org.id}\t${id}\t${isoOf(held)}\t${isoOf(effective)}\t${increase}\t{${channels.join(",")}}\t${at}\t${at}\n`);
        const villages = new Set(Array.from({ length: int(r, 2, 5) }, () => int(r, 0, c.settlements.length - 1)));
        for (const v of villages) push("price_notice_villages", `${org.id}\t${notice}\t${c.settlements[v].id}\n`);
      }
    }
    // A grouped order every other session, for up to 12 of the commune's shops.
    if (s % 2 === 1 && shops.length > 0) {
      const status = s >= sessions - 2 ? "ordered" : "delivered";
      const order = ids.next("purchase_orders");
      push(
        "purchase_orders",
        `${order}\t${org.id}\t${sessionId}\t${pick(r, suppliers)}\t${status}\t${status === "delivered" ? 3 : 2}\t${editor}\t${at}\t${at}\n`,
      );
      const start = int(r, 0, shops.length - 1);
      for (let k = 0; k < Math.min(12, shops.length); k++) {
        const group = plan.groups[shops[(start + k) % shops.length]];
        for (const p of [0, 2, 3, 4]) {
          const quantity = p === 0 ? int(r, 1, 5) : int(r, 10, 40);
          const delivered = status === "delivered" ? quantity - (r() < 0.1 ? Math.min(quantity, int(r, 1, 3)) : 0) : null;
          push(
            "purchase_order_lines",
            `${ids.next("purchase_order_lines")}\t${org.id}\t${order}\t${group.id}\t${products[p]}\t${quantity}\t${current[p].purchase}\tMRU\t${nul(delivered)}\n`,
          );
        }
      }
    }
  }
  // Market observations: six products, two markets, once a month each; a rare spike.
  const markets = [c.settlements[0], c.settlements[Math.min(1, c.settlements.length - 1)]];
  for (const p of [0, 2, 3, 4, 5, 14]) {
    for (let mo = FIRST_MONTH; mo <= LAST_MONTH; mo++) {
      markets.forEach((m, k) => {
        const day = firstDayOfMonth(mo) + (k === 0 ? 7 : Math.min(21, daysInMonth(mo) - 1));
        const inForce = timeline[p].filter(([eff]) => eff <= day).pop() ?? timeline[p][0];
        const spike = r() < 0.01 ? 1.3 : 1;
        const price = Math.max(1, Math.round(inForce[2] * (1.05 + 0.1 * r()) * spike));
        push(
          "market_observations",
          `${ids.next("market_observations")}\t${org.id}\t${products[p]}\t${m.id}\t${isoOf(day)}\t${price}\tMRU\t${editor}\t${tsOf(day, 43_200)}\n`,
        );
      });
    }
  }
}

/**
 * The field report as a plan: group sizes, sexes, WG-SS answers, ledgers. Pure and
 * deterministic (a seeded PRNG), so that db/seed/groups.ts only inserts and tests can check
 * the plan without a database.
 */
import { shareProfit } from "@/lib/groups/profit";

export const REPORT = {
  revenueMru: 960_861,
  revenueXof: 16_014_035,
  /** XOF per MRU implied by the report (16,014,035 / 960,861 to 7 decimals). */
  impliedRate: "16.6663388",
  declaredBeneficiaries: 210,
  declaredWorkshopWomen: 75,
  declaredAverageXof: 485_283,
};

export const shopSizes = [19, 3, 12, 8, 6, 9, 7, 10, 5, 6, 8, 7]; // 100
export const butcherySizes = [6, 6, 6, 5, 5, 5, 4, 4, 3, 3, 1]; // 48
export const workshopSizes = [11, 10, 9, 8, 7, 7, 6, 5, 4]; // 67, plus 8 women of Fassala town
export const TOWN_WORKSHOP_SIZE = 8;
export const LEDGER_END = "2025-02-28";

export function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const womenFirst = [
  "Fatimetou",
  "Mariem",
  "Aminetou",
  "Khadijetou",
  "Aicha",
  "Zeinabou",
  "Mounina",
  "Salka",
  "Toutou",
  "Vatma",
  "Lalla",
  "Mahjouba",
  "Oumou",
  "Hawa",
  "Coumba",
  "Selma",
  "Mneiha",
  "Tekeiber",
  "Nana",
  "Boyah",
];
const menFirst = ["Mohamed", "Ahmed", "Sidi", "Brahim", "Moussa", "Cheikh", "Ely", "Abdallahi", "Yacoub", "Hamady"];
const fathers = [
  "Ahmed",
  "Sidi",
  "Mohamed",
  "Brahim",
  "El Moctar",
  "Cheikh",
  "Abdallahi",
  "Mahmoud",
  "Bouna",
  "Hamoud",
  "Ely",
  "Salem",
  "Ag Mohamed",
  "Alhousseini",
];

export function personName(sex: "female" | "male", n: number) {
  const first = sex === "female" ? womenFirst[n % womenFirst.length] : menFirst[n % menFirst.length];
  const father = fathers[Math.floor(n / 7) % fathers.length];
  return `${first} ${sex === "female" ? "Mint" : "Ould"} ${father}`;
}

/** Months from a start date (its month) to LEDGER_END, as YYYY-MM. */
export function monthsFrom(start: string): string[] {
  const out: string[] = [];
  let [y, m] = start.slice(0, 7).split("-").map(Number);
  while (`${y}-${String(m).padStart(2, "0")}` <= LEDGER_END.slice(0, 7)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** Split a total into integer parts by integer weights, summing exactly. */
export const splitExactly = (total: number, weights: number[]) =>
  shareProfit(
    total,
    weights.map((weight, i) => ({ membershipId: String(i), weight })),
  ).map((s) => s.amount);

/** Monthly sales of each group activity: totals summing exactly to the report's revenue. */
export function planSales(groupsPlan: { kind: string; size: number; start: string }[], rand: () => number) {
  const base: Record<string, number> = { shop: 1.5, butchery: 1.0, sewing: 0.7 };
  const gw = groupsPlan.map((g) => Math.round(1000 * base[g.kind] * (0.75 + 0.5 * rand()) * (0.8 + Math.sqrt(g.size) / 4)));
  const totals = splitExactly(REPORT.revenueMru, gw);
  return groupsPlan.map((g, i) => {
    const months = monthsFrom(g.start);
    // Slow growth, a lean season (June-August) and a busier end of year.
    const mw = months.map((mo, k) => {
      const month = Number(mo.slice(5));
      const season = month >= 6 && month <= 8 ? 0.7 : month >= 10 ? 1.2 : 1;
      return Math.max(1, Math.round(1000 * (0.6 + (0.8 * k) / months.length) * season * (0.8 + 0.4 * rand())));
    });
    const amounts = splitExactly(totals[i], mw);
    return { total: totals[i], months: months.map((month, k) => ({ month, amount: amounts[k] })) };
  });
}

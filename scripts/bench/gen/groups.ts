/**
 * The rows of one group, from its plan: households, people (WG-SS answers), technical aids,
 * memberships, manager teams and terms, the ledger (with voided and corrected lines and their
 * history), customer credits and repayments, profit distributions and shares, coaching visits and
 * follow-ups, quarterly evaluations. Each group draws from its own random streams.
 */
import { shareProfit } from "@/lib/groups/profit";
import { esc, nul } from "./copy";
import { dayOf, daysInMonth, firstDayOfMonth, isoOf, lastDayOfMonth, monthOfYear, quarterOfMonth, tsOf, yearOfMonth } from "./dates";
import { benchId, type IdCounters } from "./ids";
import { COACHES, FOLLOW_UPS, NOTES, personName, VISIT_FINDINGS, VISIT_TOPICS, VOID_REASONS } from "./names";
import { FIRST_MONTH, LAST_MONTH, personSex, type GroupPlan, type OrgPlan } from "./plan";
import { int, pick, pickWeighted, streamOf, type Rand } from "./prng";

export interface GroupCtx {
  seed: number;
  ngos: OrgPlan[];
  ids: IdCounters;
  push: (table: string, line: string) => void;
}

const LAST_DAY = lastDayOfMonth(LAST_MONTH);
const PORTAL_FROM = dayOf(2025, 1, 1);
const FIRST_YEAR = yearOfMonth(FIRST_MONTH);
/** Sales by month of the year: the lean season (June to September) is low, harvest time high. */
export const SEASON = [1.05, 1.0, 0.95, 0.95, 0.85, 0.75, 0.65, 0.65, 0.75, 1.1, 1.2, 1.15];
/** Indicative XOF per MRU, for amounts written in XOF (the dated rates convert them back). */
const XOF_PER_MRU = 16.6;

const WG_DOMAINS = 6;
type Wg = "none" | "some" | "a_lot" | "cannot" | "not_asked";
/** A kind of aid (aid_types) per WG domain, in wgDomains order. */
const AIDS = ["glasses", "hearing_aid", "tricycle", "memory_aid", "adapted_chair", "pictogram_board"];

const json = (s: string) => JSON.stringify(s);
/** The ledger's history snapshot (app_ledger_snapshot): no note since migration 0051. */
function snapshot(kind: string, occurredOn: string, amount: number, currency: string, version: number, voidedAt: string | null, voidReason: string | null) {
  return `{"kind":${json(kind)},"occurredOn":"${occurredOn}","amount":${amount},"currency":"${currency}","version":${version},"voidedAt":${voidedAt ? json(voidedAt) : "null"},"voidReason":${voidReason ? json(voidReason) : "null"}}`;
}
/** ISO timestamp as JavaScript writes it (what the application's history rows hold). */
const jsTs = (day: number, sec: number) => new Date((day * 86_400 + sec) * 1000).toISOString();

interface Member {
  no: number;
  id: string;
  joined: number;
  left: number | null;
  team: number;
}

export function groupRows(ctx: GroupCtx, g: GroupPlan) {
  const { seed, ids, push } = ctx;
  const ngo = ctx.ngos[g.ngo];
  const startDay = firstDayOfMonth(g.startMonth);
  const endDay = lastDayOfMonth(g.endMonth);
  const r = streamOf(seed, "members", g.index);

  // People, households, memberships, aids.
  const members: Member[] = [];
  let household = "";
  for (let i = 0; i < g.size; i++) {
    const no = g.firstPerson + i;
    const pid = benchId("people", no);
    const mid = benchId("group_memberships", no);
    if (i === 0 || r() < 0.72) {
      household = ids.next("households");
      const st = r();
      const status =
        g.settlement.community === "refugee"
          ? st < 0.85
            ? "refugee_out_of_camp"
            : st < 0.9
              ? "returnee"
              : "host"
          : st < 0.85
            ? "host"
            : st < 0.93
              ? "refugee_out_of_camp"
              : st < 0.98
                ? "returnee"
                : "refugee_in_camp";
      const cash = r() < 0.8 ? isoOf(firstDayOfMonth(FIRST_MONTH - 12 + int(r, 0, 30))) : null;
      push("households", `${household}\t${ngo.id}\t${g.settlement.id}\t${int(r, 2, 12)}\t${status}\t${nul(cash)}\t${tsOf(startDay, 32_400 + i * 60)}\n`);
    }
    const sex = personSex(seed, no, g.activity);
    const wg: Wg[] = [];
    let disabledDomain = -1;
    if (r() < 0.03) for (let d = 0; d < WG_DOMAINS; d++) wg.push("not_asked");
    else
      for (let d = 0; d < WG_DOMAINS; d++) {
        const x = r();
        const a: Wg = x < 0.88 ? "none" : x < 0.98 ? "some" : x < 0.995 ? "a_lot" : "cannot";
        if ((a === "a_lot" || a === "cannot") && disabledDomain < 0) disabledDomain = d;
        wg.push(a);
      }
    const birthYear = 1958 + Math.floor(46 * Math.pow(r(), 0.8));
    push(
      "people",
      `${pid}\t${ngo.id}\t${household}\t${esc(personName(sex, no))}\t${sex}\t${birthYear}\t${wg.join("\t")}\t${tsOf(startDay, 32_400 + i * 60)}\n`,
    );
    const founder = i === 0 || g.kind === "individual" || r() < 0.9;
    const joined = founder ? startDay : Math.min(LAST_DAY, startDay + int(r, 30, 720));
    let left: number | null = null;
    if (i > 0 && r() < 0.07) {
      const l = joined + int(r, 180, 900);
      if (l < endDay) left = l;
    }
    push("group_memberships", `${mid}\t${g.id}\t${pid}\t${isoOf(joined)}\t${left === null ? "\\N" : isoOf(left)}\t${tsOf(joined, 36_000 + i * 60)}\n`);
    members.push({ no, id: mid, joined, left, team: -1 });
    if (disabledDomain >= 0 && r() < 0.55) {
      const received = Math.min(LAST_DAY, joined + int(r, 30, 240));
      push("technical_aids", `${ids.next("technical_aids")}\t${ngo.id}\t${pid}\t${AIDS[disabledDomain]}\t${isoOf(received)}\n`);
    }
  }

  // Manager teams among the founding members, six-month terms in turn. Some groups leave one
  // member out of every team (what the rotation warning is for).
  const teamIds: string[] = [];
  const teamWeights: number[] = [];
  if (g.kind === "group") {
    const founders = members.filter((m) => m.joined === startDay);
    const pool = founders.length > 2 && r() < 0.05 ? founders.slice(0, -1) : founders;
    const n = Math.min(4, Math.max(1, Math.ceil(pool.length / 3)));
    for (let k = 0; k < n; k++) {
      const id = ids.next("manager_teams");
      const weight = g.profitRule === "team_weighted" && k === 0 ? 2 : 1;
      teamIds.push(id);
      teamWeights.push(weight);
      push("manager_teams", `${id}\t${g.id}\tÉquipe ${String.fromCharCode(65 + k)}\t${weight}\t${tsOf(startDay, 39_600)}\n`);
    }
    pool.forEach((m, k) => {
      m.team = k % n;
      push("manager_team_members", `${teamIds[m.team]}\t${m.id}\n`);
    });
    for (let mo = g.startMonth, t = 0; mo <= g.endMonth; mo += 6, t++) {
      const ends = Math.min(lastDayOfMonth(mo + 5), endDay);
      push("manager_terms", `${ids.next("manager_terms")}\t${g.id}\t${teamIds[t % n]}\t${isoOf(firstDayOfMonth(mo))}\t${isoOf(ends)}\n`);
    }
  }

  ledgerRows(ctx, g, members, teamWeights);
  if (g.kind === "group") followUpRows(ctx, g);
}

/** Kinds of line by activity: sale, stock purchase, other expense, contribution. */
const KIND_MIX: Record<string, number[]> = {
  shop: [0.56, 0.28, 0.12, 0.04],
  butchery: [0.58, 0.3, 0.09, 0.03],
  sewing: [0.55, 0.25, 0.14, 0.06],
  fattening: [0.45, 0.4, 0.13, 0.02],
  laundry: [0.6, 0.2, 0.18, 0.02],
};
const KINDS = ["sale", "stock_purchase", "other_expense", "contribution"] as const;
const BASE_SALE: Record<string, number> = { shop: 2200, butchery: 1600, sewing: 1100, fattening: 14_000, laundry: 700 };
const BASE_PURCHASE: Record<string, number> = { shop: 3000, butchery: 2000, sewing: 1500, fattening: 11_000, laundry: 600 };

function ledgerRows(ctx: GroupCtx, g: GroupPlan, members: Member[], teamWeights: number[]) {
  const { seed, ids, push } = ctx;
  const ngo = ctx.ngos[g.ngo];
  const editor = ngo.users.editor;
  const r = streamOf(seed, "ledger", g.index);
  // Lines recorded before 2025 were typed in from the paper books (no portal author, like the
  // demo seed's); from 2025 the NGO's editor records them in the portal.
  const portalFrom = PORTAL_FROM;
  const startDay = firstDayOfMonth(g.startMonth);
  const months = g.endMonth - g.startMonth + 1;
  const sizeFactor = 0.6 + Math.sqrt(g.size) / 4;
  const years = yearOfMonth(LAST_MONTH) - FIRST_YEAR + 1;
  /** Per year, MRU sums of live lines: sales, purchases, other expenses (for profit sharing). */
  const sums = Array.from({ length: years }, () => [0, 0, 0]);
  const credit = g.activity === "shop" ? 0.06 : g.activity === "butchery" ? 0.04 : g.activity === "sewing" ? 0.02 : 0;

  const line = (kind: (typeof KINDS)[number], day: number, month: number, mru: number, note: string, only?: "MRU" | "XOF") => {
    const xof = only ? only === "XOF" : r() < g.xofShare;
    const currency = xof ? "XOF" : "MRU";
    const amount = Math.max(1, xof ? Math.round((mru * XOF_PER_MRU) / 5) * 5 : Math.round(mru));
    const id = ids.next("ledger_entries");
    const occurred = isoOf(day);
    const createdDay = Math.min(day + int(r, 0, 4), LAST_DAY + 10);
    const createdSec = int(r, 25_200, 71_999);
    const created = tsOf(createdDay, createdSec);
    const author = createdDay >= portalFrom ? editor : "\\N";
    // The note is the NGO's alone (migration 0051): written where the trigger would move it.
    if (note) push("ledger_entry_notes", `${id}\t${ngo.id}\t${g.id}\t${esc(note)}\n`);
    const fate = r();
    if (fate < 0.01) {
      // Voided: version 2, with its history row.
      const vDay = createdDay + int(r, 1, 15);
      const vSec = int(r, 25_200, 71_999);
      const reason = pick(r, VOID_REASONS);
      push(
        "ledger_entries",
        `${id}\t${ngo.id}\t${g.id}\t${kind}\t${occurred}\t${amount}\t${currency}\t\t2\t${tsOf(vDay, vSec)}\t${esc(reason)}\t${author}\t${created}\n`,
      );
      const before = snapshot(kind, occurred, amount, currency, 1, null, null);
      const after = snapshot(kind, occurred, amount, currency, 2, jsTs(vDay, vSec), reason);
      push(
        "ledger_entry_history",
        `${ids.next("ledger_entry_history")}\t${id}\tvoid\t${vDay >= portalFrom ? editor : "\\N"}\t${tsOf(vDay, vSec)}\t${esc(before)}\t${esc(after)}\n`,
      );
      return null;
    }
    if (fate < 0.015) {
      // Corrected: the amount was mistyped, then put right (version 2, with its history row).
      const cDay = createdDay + int(r, 1, 10);
      const cSec = int(r, 25_200, 71_999);
      const typo = r() < 0.5 ? amount * 10 : Math.max(1, amount + (r() < 0.5 ? -1 : 1) * Math.max(1, Math.round(amount * 0.1)));
      const wrong = typo === amount ? amount + 1 : typo;
      push("ledger_entries", `${id}\t${ngo.id}\t${g.id}\t${kind}\t${occurred}\t${amount}\t${currency}\t\t2\t\\N\t\\N\t${author}\t${created}\n`);
      const before = snapshot(kind, occurred, wrong, currency, 1, null, null);
      const after = snapshot(kind, occurred, amount, currency, 2, null, null);
      push(
        "ledger_entry_history",
        `${ids.next("ledger_entry_history")}\t${id}\tcorrect\t${cDay >= portalFrom ? editor : "\\N"}\t${tsOf(cDay, cSec)}\t${esc(before)}\t${esc(after)}\n`,
      );
    } else {
      push("ledger_entries", `${id}\t${ngo.id}\t${g.id}\t${kind}\t${occurred}\t${amount}\t${currency}\t\t1\t\\N\t\\N\t${author}\t${created}\n`);
    }
    if (currency === "MRU") {
      const y = yearOfMonth(month) - FIRST_YEAR;
      const k = kind === "sale" ? 0 : kind === "stock_purchase" ? 1 : kind === "other_expense" ? 2 : -1;
      if (k >= 0) sums[y][k] += amount;
    }
    return { id, amount, currency, day };
  };

  // The starting capital, then the other lines spread over the months (fewer in the lean season).
  line("contribution", startDay, g.startMonth, g.capitalCurrency === "XOF" ? g.capital / XOF_PER_MRU : g.capital, NOTES.capital, g.capitalCurrency);
  const rest = g.ledgerCount - 1;
  const weights: number[] = [];
  let total = 0;
  for (let k = 0; k < months; k++) {
    const w = 0.5 + 0.5 * SEASON[monthOfYear(g.startMonth + k) - 1];
    weights.push(w);
    total += w;
  }
  let cum = 0;
  let placed = 0;
  const mix = KIND_MIX[g.activity];
  const purchaseNotes = NOTES.stock_purchase[g.activity];
  for (let k = 0; k < months; k++) {
    cum += weights[k];
    const upto = Math.round((cum / total) * rest);
    const count = upto - placed;
    placed = upto;
    if (count <= 0) continue;
    const mo = g.startMonth + k;
    const first = firstDayOfMonth(mo);
    const dim = daysInMonth(mo);
    const days: number[] = [];
    for (let i = 0; i < count; i++) days.push(first + Math.floor(r() * dim));
    days.sort((a, b) => a - b);
    const season = SEASON[monthOfYear(mo) - 1];
    const growth = 0.8 + 0.4 * Math.min(1, k / 36);
    for (const day of days) {
      const kind = pickWeighted(r, KINDS, mix);
      const noise = (0.55 + 0.9 * r()) * (r() < 0.04 ? 2.5 : 1);
      if (kind === "sale") {
        const mru = BASE_SALE[g.activity] * sizeFactor * season * growth * noise;
        const onCredit = r() < credit;
        const e = line("sale", day, mo, mru, onCredit ? NOTES.saleCredit : pick(r, NOTES.sale));
        if (onCredit && e) creditRows(ctx, g, r, e);
      } else if (kind === "stock_purchase") {
        line("stock_purchase", day, mo, BASE_PURCHASE[g.activity] * sizeFactor * growth * (0.5 + 0.6 * r()), pick(r, purchaseNotes));
      } else if (kind === "other_expense") {
        line("other_expense", day, mo, 100 + 700 * r(), pick(r, NOTES.other_expense));
      } else {
        line("contribution", day, mo, 300 + 2700 * r(), pick(r, NOTES.contribution));
      }
    }
  }

  // Profit shared for some full calendar years, among the members active at the year's end.
  if (g.kind !== "group") return;
  for (let y = 1; y < years; y++) {
    const year = FIRST_YEAR + y;
    if (g.startMonth > year * 12 || g.endMonth < year * 12 + 11 || r() >= 0.4) continue;
    const [sale, purchase, other] = sums[y];
    const profit = sale - purchase - other;
    if (profit <= 0) continue;
    const yearEnd = firstDayOfMonth(year * 12 + 12) - 1;
    const active = members.filter((m) => m.joined <= yearEnd && (m.left === null || m.left >= yearEnd));
    if (active.length === 0) continue;
    const id = ids.next("profit_distributions");
    const recordedDay = yearEnd + int(r, 10, 25);
    push(
      "profit_distributions",
      `${id}\t${g.id}\t${year}-01-01\t${year}-12-31\tMRU\t${profit}\t${g.profitRule}\t${ngo.users.admin}\t${tsOf(recordedDay, 36_000)}\n`,
    );
    const weighted = g.profitRule === "team_weighted";
    const shares = shareProfit(
      profit,
      active.map((m) => ({ membershipId: m.id, weight: weighted && m.team >= 0 ? teamWeights[m.team] : 1 })),
    );
    for (const s of shares) push("profit_shares", `${id}\t${s.membershipId}\t${s.amount}\n`);
  }
}

/** A sale on credit: the customer, the due date, and repayments (some late, some partial). */
function creditRows(ctx: GroupCtx, g: GroupPlan, r: Rand, sale: { id: string; amount: number; currency: string; day: number }) {
  const { ids, push } = ctx;
  const id = ids.next("customer_credits");
  const customerNo = int(r, 0, 1_000_000);
  const community = pickWeighted(r, ["host", "refugee", "other_village"] as const, g.settlement.community === "refugee" ? [0.3, 0.6, 0.1] : [0.6, 0.25, 0.15]);
  const due = sale.day + int(r, 14, 60);
  push(
    "customer_credits",
    `${id}\t${g.id}\t${sale.id}\t${esc(personName(r() < 0.6 ? "female" : "male", customerNo))}\t${community}\t${sale.amount}\t${sale.currency}\t${isoOf(sale.day)}\t${isoOf(due)}\t${tsOf(sale.day, 43_200)}\n`,
  );
  const fate = r();
  const parts: number[] = [];
  if (fate < 0.7) {
    if (sale.amount >= 2 && r() < 0.4) {
      const first = Math.max(1, Math.floor(sale.amount * (0.3 + 0.4 * r())));
      parts.push(first, sale.amount - first);
    } else parts.push(sale.amount);
  } else if (fate < 0.88) {
    const part = Math.floor(sale.amount * (0.2 + 0.6 * r()));
    if (part > 0) parts.push(part);
  }
  let day = sale.day;
  for (const amount of parts) {
    // On time mostly; a fifth after the due date.
    day = r() < 0.8 ? Math.min(due, day + int(r, 3, Math.max(3, due - sale.day))) : due + int(r, 1, 45);
    if (day > LAST_DAY) break;
    push("credit_repayments", `${ids.next("credit_repayments")}\t${id}\t${isoOf(day)}\t${amount}\t${tsOf(day, 50_400)}\n`);
  }
}

/** Coaching visits about every four to eight months, follow-ups, and quarterly evaluations. */
function followUpRows(ctx: GroupCtx, g: GroupPlan) {
  const { seed, ids, push } = ctx;
  const ngo = ctx.ngos[g.ngo];
  const r = streamOf(seed, "coaching", g.index);
  const endDay = lastDayOfMonth(g.endMonth);
  const coachName = COACHES[(g.ngo * 3 + int(r, 0, 2)) % COACHES.length];
  for (let mo = g.startMonth + 1; mo <= g.endMonth; mo += int(r, 4, 8)) {
    const day = firstDayOfMonth(mo) + Math.floor(r() * daysInMonth(mo));
    const id = ids.next("coaching_visits");
    const voided = r() < 0.005;
    const created = tsOf(day + int(r, 0, 3), int(r, 28_800, 64_800));
    push(
      "coaching_visits",
      `${id}\t${ngo.id}\t${g.id}\t${isoOf(day)}\t${r() < 0.5 ? ngo.users.editor : "\\N"}\t${esc(coachName)}\t${esc(pick(r, VISIT_TOPICS))}\t${esc(pick(r, VISIT_FINDINGS))}\t${voided ? tsOf(day + 5, 36_000) : "\\N"}\t${voided ? "Visite saisie deux fois" : "\\N"}\t${created}\n`,
    );
    const n = r() < 0.45 ? 0 : r() < 0.73 ? 1 : 2;
    for (let k = 0; k < n; k++) {
      const due = day + int(r, 14, 60);
      const done = due < LAST_DAY - 30 && r() < 0.8 ? day + int(r, 7, due - day + 20) : null;
      push(
        "coaching_follow_ups",
        `${ids.next("coaching_follow_ups")}\t${ngo.id}\t${id}\t${esc(pick(r, FOLLOW_UPS))}\t${isoOf(due)}\t${done === null ? "\\N" : isoOf(done)}\n`,
      );
    }
  }
  // Evaluations of the last four quarters of activity (each quarter at most once).
  const lastQ = Math.floor(g.endMonth / 3);
  const firstQ = Math.max(Math.floor(g.startMonth / 3) + 1, lastQ - 3);
  for (let q = firstQ; q <= lastQ; q++) {
    const qEnd = Math.min(lastDayOfMonth(q * 3 + 2), endDay);
    const day = qEnd - int(r, 0, 10);
    const score = int(r, 3, 10);
    push(
      "group_evaluations",
      `${ids.next("group_evaluations")}\t${ngo.id}\t${g.id}\t${quarterOfMonth(q * 3)}\t${isoOf(day)}\t${score >= 5 || r() < 0.5}\t${score >= 6 || r() < 0.3}\t${score >= 4}\t${score}\t${score < 5 ? "Cahier de caisse incomplet" : ""}\t${ngo.users.admin}\t${tsOf(day, 54_000)}\n`,
    );
  }
}

/**
 * Deterministic identifiers: one counter per table, formatted as a v4-looking UUID
 * (`bTT00000-0000-4000-8000-<counter>`). Every bench id starts with "b" and its table's tag; ids
 * of one table increase with the counter, so bulk inserts append to the primary key's index.
 */
export const TABLE_TAGS = {
  places: 0x01,
  organisations: 0x02,
  users: 0x03,
  memberships: 0x04,
  groups: 0x05,
  households: 0x06,
  people: 0x07,
  group_memberships: 0x08,
  manager_teams: 0x09,
  manager_terms: 0x0a,
  technical_aids: 0x0b,
  ledger_entries: 0x0c,
  ledger_entry_history: 0x0d,
  customer_credits: 0x0e,
  credit_repayments: 0x0f,
  profit_distributions: 0x10,
  coaching_visits: 0x11,
  coaching_follow_ups: 0x12,
  group_evaluations: 0x13,
  quarter_locks: 0x14,
  cohesion_surveys: 0x15,
  products: 0x16,
  suppliers: 0x17,
  price_sessions: 0x18,
  session_attendees: 0x19,
  negotiated_prices: 0x1a,
  price_notices: 0x1b,
  purchase_orders: 0x1c,
  purchase_order_lines: 0x1d,
  market_observations: 0x1e,
  declared_figures: 0x1f,
  exchange_rates: 0x20,
} as const;
export type IdTable = keyof typeof TABLE_TAGS;

const prefixes = new Map<IdTable, string>();
function prefixOf(table: IdTable) {
  let p = prefixes.get(table);
  if (!p) {
    p = `b${TABLE_TAGS[table].toString(16).padStart(2, "0")}00000-0000-4000-8000-`;
    prefixes.set(table, p);
  }
  return p;
}

/** The id number `n` (1-based) of a table. */
export function benchId(table: IdTable, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n >= 2 ** 48) throw new Error(`bench id out of range: ${n}`);
  const hex = n.toString(16);
  return prefixOf(table) + "000000000000".slice(hex.length) + hex;
}

/**
 * Counters per table; `next(t)` returns the next id of t. Each loading partition counts from its
 * own offset (partition k from k·2^40), so that partitions loaded in parallel never collide and
 * the ids do not depend on timing.
 */
export const PARTITION_SPAN = 2 ** 40;
export class IdCounters {
  private n = new Map<IdTable, number>();
  constructor(private offset = 0) {}
  next(table: IdTable): string {
    const k = (this.n.get(table) ?? this.offset) + 1;
    this.n.set(table, k);
    return benchId(table, k);
  }
  /** Reserve `count` ids; returns the first number (ids are benchId(table, first + i)). */
  reserve(table: IdTable, count: number): number {
    const first = (this.n.get(table) ?? this.offset) + 1;
    this.n.set(table, first + count - 1);
    return first;
  }
  count(table: IdTable): number {
    return (this.n.get(table) ?? this.offset) - this.offset;
  }
}

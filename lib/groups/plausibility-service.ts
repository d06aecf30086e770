import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { rowsOf } from "@/db/app-role";
import { creditRepayments, ledgerEntries, ngoSettings, plausibilityDefaults, plausibilityLimits } from "@/db/schema";
import { AppError, fieldError } from "@/lib/errors";
import type { Currency } from "@/lib/money";
import type { ledgerKinds } from "./schema";
import { amountKinds, checkAmount, confirmationToken, DUPLICATE_WINDOW_MINUTES, isBeforeFloor, type AmountKind, type Plausibility } from "./plausibility";

/** The NGO's limits (its own, else the defaults) and date floor, in one query. */
export async function loadPlausibility(tx: Queryable, ngoOrgId: string): Promise<Plausibility> {
  const d = plausibilityDefaults;
  const l = plausibilityLimits;
  const rows = await tx
    .select({
      kind: d.kind,
      currency: d.currency,
      ceiling: sql<number>`coalesce(${l.ceiling}, ${d.ceiling})`.mapWith(Number),
      softLimit: sql<number>`coalesce(${l.softLimit}, ${d.softLimit})`.mapWith(Number),
      isDefault: sql<boolean>`${l.ngoOrgId} is null`,
      dateFloor: sql<string>`coalesce(${ngoSettings.dateFloor}, app_default_date_floor())::text`,
    })
    .from(d)
    .leftJoin(l, and(eq(l.ngoOrgId, ngoOrgId), eq(l.kind, d.kind), eq(l.currency, d.currency)))
    .leftJoin(ngoSettings, eq(ngoSettings.ngoOrgId, ngoOrgId))
    .orderBy(d.kind, d.currency);
  const [floor] = rows.length > 0 ? [rows[0].dateFloor] : await defaultFloor(tx); // no defaults: not migrated
  return { dateFloor: floor, limits: rows.map(({ dateFloor: _, ...r }) => r) };
}

async function defaultFloor(tx: Queryable): Promise<string[]> {
  return rowsOf<{ floor: string }>(await tx.execute(sql`select app_default_date_floor()::text as floor`)).map((x) => x.floor);
}

/**
 * The plausibility checks of one write. Hard rules throw at once (the message names the limit or
 * the floor); warnings are collected, and `settle` refuses the write until it comes back with the
 * confirmation of exactly these warnings for exactly these values.
 */
export class PlausibilityCheck {
  private readonly fieldWarnings: Record<string, string> = {};
  private readonly values: Record<string, string | number> = {};
  private readonly warned: string[] = [];
  private formKey = "confirmAmount";

  constructor(readonly rules: Plausibility) {}

  date(field: string, isoDate: string) {
    if (isBeforeFloor(this.rules, isoDate)) throw fieldError(field, "dateBeforeFloor", { floor: this.rules.dateFloor });
    return this;
  }

  amount(field: string, kind: AmountKind, currency: Currency, amount: number) {
    const c = checkAmount(this.rules, kind, currency, amount);
    if (c.level === "refuse") throw fieldError(field, "amountAboveCeiling", { kind, limit: c.limit, currency });
    if (c.level === "confirm") {
      this.fieldWarnings[field] = "warnAmountAboveUsual";
      Object.assign(this.values, { kind, limit: c.limit, currency });
      this.warned.push(`soft:${field}`);
    }
    return this;
  }

  duplicate(minutesAgo: number | null) {
    if (minutesAgo === null) return this;
    this.formKey = "possibleDuplicate";
    this.values.minutes = Math.max(0, minutesAgo);
    this.warned.push("duplicate");
    return this;
  }

  /** Refuses with the warnings unless `confirm` is the token of these warnings and values. */
  settle(confirm: string | undefined, values: readonly (string | number | null | undefined)[]) {
    if (this.warned.length === 0) return;
    const token = confirmationToken([...this.warned, ...values]);
    if (confirm === token) return;
    throw new AppError("validation", this.formKey, { ...this.fieldWarnings }, { ...this.values, confirm: token });
  }
}

export async function plausibilityFor(tx: Queryable, ngoOrgId: string) {
  return new PlausibilityCheck(await loadPlausibility(tx, ngoOrgId));
}

const minutesAgo = (col: typeof ledgerEntries.createdAt | typeof creditRepayments.createdAt) =>
  sql<number>`floor(extract(epoch from (now() - ${col})) / 60)::int`.mapWith(Number);
const withinWindow = (col: typeof ledgerEntries.createdAt | typeof creditRepayments.createdAt) =>
  sql`${col} > now() - make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})`;

/**
 * Minutes since an identical live entry of the group was recorded, within the window (null: none).
 * The caller holds the group's row lock, so two identical submissions queue and the second sees the first.
 */
export async function recentDuplicateEntry(
  tx: Queryable,
  e: { groupId: string; kind: (typeof ledgerKinds)[number]; occurredOn: string; amount: number; currency: Currency; note: string },
): Promise<number | null> {
  const [dup] = await tx
    .select({ minutes: minutesAgo(ledgerEntries.createdAt) })
    .from(ledgerEntries)
    .where(
      and(
        eq(ledgerEntries.groupId, e.groupId),
        eq(ledgerEntries.occurredOn, e.occurredOn),
        eq(ledgerEntries.kind, e.kind),
        eq(ledgerEntries.amount, e.amount),
        eq(ledgerEntries.currency, e.currency),
        // The note lives apart (migration 0051); the caller is the entry's NGO, which reads it.
        sql`coalesce((select n.note from ledger_entry_notes n where n.entry_id = ${ledgerEntries.id}), '') = ${e.note}`,
        isNull(ledgerEntries.voidedAt),
        withinWindow(ledgerEntries.createdAt),
      ),
    )
    .orderBy(desc(ledgerEntries.createdAt))
    .limit(1);
  return dup ? dup.minutes : null;
}

/**
 * recentDuplicateEntry for many lines in one statement (an import's batch): per line, the minutes
 * since an identical live entry was recorded, within the window, or null.
 */
export async function recentDuplicateEntries(
  tx: Queryable,
  es: { groupId: string; kind: (typeof ledgerKinds)[number]; occurredOn: string; amount: number; currency: Currency; note: string }[],
): Promise<(number | null)[]> {
  if (es.length === 0) return [];
  const lines = sql.join(
    es.map((e, i) => sql`(${i}::int, ${e.groupId}::uuid, ${e.occurredOn}::date, ${e.kind}::text, ${e.amount}::bigint, ${e.currency}::text, ${e.note}::text)`),
    sql`, `,
  );
  const found = rowsOf<{ i: number; minutes: number }>(
    await tx.execute(sql`select v.i, min(floor(extract(epoch from (now() - e.created_at)) / 60))::int as minutes
      from (values ${lines}) as v(i, group_id, occurred_on, kind, amount, currency, note)
      join ledger_entries e on e.group_id = v.group_id and e.occurred_on = v.occurred_on and e.kind::text = v.kind
        and e.amount = v.amount and e.currency::text = v.currency and e.voided_at is null
        and e.created_at > now() - make_interval(mins => ${DUPLICATE_WINDOW_MINUTES})
      where coalesce((select n.note from ledger_entry_notes n where n.entry_id = e.id), '') = v.note
      group by v.i`),
  );
  const out: (number | null)[] = es.map(() => null);
  for (const f of found) out[Number(f.i)] = Math.max(0, Number(f.minutes));
  return out;
}

/** The same for a repayment of a credit (the caller holds the credit's row lock). */
export async function recentDuplicateRepayment(tx: Queryable, r: { creditId: string; paidOn: string; amount: number }): Promise<number | null> {
  const [dup] = await tx
    .select({ minutes: minutesAgo(creditRepayments.createdAt) })
    .from(creditRepayments)
    .where(
      and(
        eq(creditRepayments.creditId, r.creditId),
        eq(creditRepayments.paidOn, r.paidOn),
        eq(creditRepayments.amount, r.amount),
        withinWindow(creditRepayments.createdAt),
      ),
    )
    .orderBy(desc(creditRepayments.createdAt))
    .limit(1);
  return dup ? dup.minutes : null;
}

export type LimitsInput = { dateFloor: string } & Record<string, string | number>;
export const limitField = (part: "ceiling" | "soft", kind: AmountKind, currency: Currency) => `${part}_${kind}_${currency}`;

/**
 * An NGO admin's limits and date floor. A limit equal to the default is stored as none, so that
 * the NGO follows the default if it changes; likewise the floor.
 */
export async function saveLimits(tx: Queryable, org: { id: string; type: string }, userId: string, input: LimitsInput) {
  if (org.type !== "ngo") throw new AppError("not_found");
  // One admin's save at a time per NGO: the before/after of the audit record are exact.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`plausibility:${org.id}`}))`);
  const before = await loadPlausibility(tx, org.id);
  const defaults = await tx.select().from(plausibilityDefaults);
  const [defaultDateFloor] = await defaultFloor(tx);
  for (const kind of amountKinds) {
    for (const currency of ["MRU", "XOF"] as const) {
      const ceiling = Number(input[limitField("ceiling", kind, currency)]);
      const softLimit = Number(input[limitField("soft", kind, currency)]);
      const d = defaults.find((x) => x.kind === kind && x.currency === currency);
      const key = and(eq(plausibilityLimits.ngoOrgId, org.id), eq(plausibilityLimits.kind, kind), eq(plausibilityLimits.currency, currency));
      if (d && d.ceiling === ceiling && d.softLimit === softLimit) {
        await tx.delete(plausibilityLimits).where(key);
      } else {
        await tx
          .insert(plausibilityLimits)
          .values({ ngoOrgId: org.id, kind, currency, ceiling, softLimit, updatedBy: userId })
          .onConflictDoUpdate({
            target: [plausibilityLimits.ngoOrgId, plausibilityLimits.kind, plausibilityLimits.currency],
            set: { ceiling, softLimit, updatedBy: userId, updatedAt: new Date() },
          });
      }
    }
  }
  if (input.dateFloor === defaultDateFloor) {
    await tx.delete(ngoSettings).where(eq(ngoSettings.ngoOrgId, org.id));
  } else {
    await tx
      .insert(ngoSettings)
      .values({ ngoOrgId: org.id, dateFloor: input.dateFloor, updatedBy: userId })
      .onConflictDoUpdate({ target: ngoSettings.ngoOrgId, set: { dateFloor: input.dateFloor, updatedBy: userId, updatedAt: new Date() } });
  }
  return { before, after: await loadPlausibility(tx, org.id) };
}

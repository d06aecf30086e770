/**
 * Plausibility (issue 12, point 8): amounts have a ceiling per kind and currency and dates a floor,
 * per NGO with defaults, held by the database whoever writes (a server action's service, a raw
 * INSERT as the owner or the application); amounts above the soft limit and identical entries
 * within minutes are saved only once confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import {
  creditRepayments,
  customerCredits,
  groups,
  ledgerEntries,
  ngoSettings,
  plausibilityDefaults,
  plausibilityLimits,
  profitDistributions,
  users,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { createGroup, correctEntry, recordCreditSale, recordDistribution, recordEntry, recordRepayment, voidEntry } from "@/lib/groups/service";
import { loadPlausibility, saveLimits } from "@/lib/groups/plausibility-service";
import { appErrorFromDb, pgErrorOf } from "@/lib/db-errors";
import type { AppError } from "@/lib/errors";
import { limitsSchema } from "@/lib/groups/schema";
import { rowsOf } from "@/db/app-role";
import type { Tx } from "@/db/client";
import { failure, shown } from "../refusals";
import { backend, createTestDb, type TestDb } from "../test-db";

describe(`plausibility of amounts and dates on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let admin: string;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);
  const entriesOf = async (groupId: string, amount: number) =>
    (
      await db.db
        .select({ id: ledgerEntries.id })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.groupId, groupId), eq(ledgerEntries.amount, amount)))
    ).length;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    [{ id: admin }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "admin@adicor.demo"));
  });
  afterAll(async () => db?.destroy());

  it("keeps the demo data valid: nothing above a default ceiling or before the default floor", async () => {
    const p = await loadPlausibility(db.db, ids.orgs.adicor);
    expect(p.dateFloor).toBe("2018-01-01");
    expect(p.limits.find((l) => l.kind === "sale" && l.currency === "MRU")).toMatchObject({ ceiling: 5_000_000, softLimit: 200_000, isDefault: true });
    expect(p.limits.find((l) => l.kind === "sale" && l.currency === "XOF")).toMatchObject({ ceiling: 80_000_000, softLimit: 3_200_000 });
    expect(p.limits).toHaveLength(12);
    const bad = rowsOf<{ n: number }>(
      await db.db.execute(sql`
        select count(*)::int as n from ledger_entries e join plausibility_defaults d on d.kind::text = e.kind::text and d.currency = e.currency
        where e.amount > d.ceiling or e.occurred_on < app_default_date_floor()`),
    );
    expect(bad[0].n).toBe(0);
    const [{ n: total }] = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from ledger_entries`));
    expect(total).toBeGreaterThan(1000);
  });

  it("refuses a sale of 99,999,999,999 MRU and one dated 1900 through the service, naming the limit and the floor beside the field", async () => {
    const shop = ids.groups.shops[0];
    const entry = { groupId: shop, kind: "sale" as const, occurredOn: "2025-03-01", amount: 99_999_999_999, currency: "MRU" as const, note: "" };
    let err = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, entry)));
    expect(err).toMatchObject({
      messageKey: "amountAboveCeiling",
      fieldErrors: { amount: "amountAboveCeiling" },
      values: { kind: "sale", limit: 5_000_000, currency: "MRU" },
    });
    err = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, amount: 80_000_001, currency: "XOF" })));
    expect(err.values).toMatchObject({ limit: 80_000_000, currency: "XOF" });
    err = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, amount: 1500, occurredOn: "1900-01-01" })));
    expect(err).toMatchObject({ messageKey: "dateBeforeFloor", fieldErrors: { occurredOn: "dateBeforeFloor" }, values: { floor: "2018-01-01" } });
    // A credit sale names its own date field; a repayment, a group's capital and a distribution theirs.
    err = await shown(
      asAdicor((tx) =>
        recordCreditSale(tx, adicor(), editor, {
          groupId: shop,
          customerName: "Client",
          community: "host",
          amount: 1000,
          currency: "MRU",
          grantedOn: "2017-12-31",
          dueOn: "2018-02-01",
        }),
      ),
    );
    expect(err.fieldErrors).toEqual({ grantedOn: "dateBeforeFloor" });
    err = await shown(
      asAdicor((tx) =>
        recordCreditSale(tx, adicor(), editor, {
          groupId: shop,
          customerName: "Client",
          community: "host",
          amount: 6_000_000,
          currency: "MRU",
          grantedOn: "2025-03-01",
          dueOn: "2025-04-01",
        }),
      ),
    );
    expect(err.fieldErrors).toEqual({ amount: "amountAboveCeiling" });
    const input = {
      name: "Boutique test",
      activityType: "shop",
      villageId: ids.places.settlements["Tenhamed"],
      startDate: "2025-01-01",
      startingCapitalAmount: 9_000_000,
      startingCapitalCurrency: "MRU" as const,
      profitRule: "equal" as const,
    };
    err = await shown(asAdicor((tx) => createGroup(tx, adicor(), input)));
    expect(err).toMatchObject({ fieldErrors: { startingCapitalAmount: "amountAboveCeiling" }, values: { kind: "starting_capital", limit: 5_000_000 } });
    err = await shown(asAdicor((tx) => createGroup(tx, adicor(), { ...input, startingCapitalAmount: 1000, startDate: "2010-05-01" })));
    expect(err.fieldErrors).toEqual({ startDate: "dateBeforeFloor" });
    err = await shown(
      asAdicor((tx) => recordDistribution(tx, adicor(), editor, { groupId: shop, periodFrom: "1999-01-01", periodTo: "2024-12-31", currency: "MRU" })),
    );
    expect(err.fieldErrors).toEqual({ periodFrom: "dateBeforeFloor" });
    expect(await entriesOf(shop, 99_999_999_999)).toBe(0);
  });

  it("refuses the same rows written by hand, as the owner and as the application, with the message the form shows", async () => {
    const shop = ids.groups.shops[1];
    const ngo = ids.orgs.adicor;
    const row = { ngoOrgId: ngo, groupId: shop, kind: "sale" as const, occurredOn: "2025-03-01", amount: 99_999_999_999, currency: "MRU" as const };
    // The owner (maintenance mode, like the seed or an import) is bound too.
    let err = await failure(db.db.insert(ledgerEntries).values(row));
    expect(pgErrorOf(err)?.code).toBe("TK201");
    expect(appErrorFromDb(err)).toMatchObject({
      messageKey: "amountAboveCeiling",
      fieldErrors: { amount: "amountAboveCeiling" },
      values: { limit: 5_000_000, currency: "MRU", kind: "sale" },
    });
    err = await failure(db.db.insert(ledgerEntries).values({ ...row, amount: 100, occurredOn: "1900-01-01" }));
    expect(pgErrorOf(err)?.code).toBe("TK202");
    expect(appErrorFromDb(err)).toMatchObject({
      messageKey: "dateBeforeFloor",
      fieldErrors: { occurredOn: "dateBeforeFloor" },
      values: { floor: "2018-01-01" },
    });
    // A bulk insert: one bad row among good ones refuses the statement.
    err = await failure(
      db.db.insert(ledgerEntries).values([
        { ...row, amount: 10 },
        { ...row, amount: 20 },
        { ...row, kind: "other_expense", amount: 1_000_001 },
      ]),
    );
    expect(appErrorFromDb(err)?.values).toMatchObject({ kind: "other_expense", limit: 1_000_000 });
    expect(pgErrorOf(await failure(asAdicor((tx) => tx.insert(ledgerEntries).values(row))))?.code).toBe("TK201");
    expect(await entriesOf(shop, 99_999_999_999)).toBe(0);

    // An UPDATE that raises an amount or moves a date before the floor, on every table.
    const [e] = await db.db
      .insert(ledgerEntries)
      .values({ ...row, amount: 5_000_000 })
      .returning();
    expect(pgErrorOf(await failure(db.db.update(ledgerEntries).set({ amount: 5_000_001 }).where(eq(ledgerEntries.id, e.id))))?.code).toBe("TK201");
    expect(pgErrorOf(await failure(db.db.update(ledgerEntries).set({ occurredOn: "2017-06-30" }).where(eq(ledgerEntries.id, e.id))))?.code).toBe("TK202");
    const [c] = await db.db
      .insert(customerCredits)
      .values({ groupId: shop, customerName: "Client", community: "host", amount: 1000, currency: "MRU", grantedOn: "2025-03-01", dueOn: "2025-04-01" })
      .returning();
    expect(
      pgErrorOf(
        await failure(
          db.db.insert(customerCredits).values({
            groupId: shop,
            customerName: "Client",
            community: "host",
            amount: 5_000_001,
            currency: "MRU",
            grantedOn: "2025-03-01",
            dueOn: "2025-04-01",
          }),
        ),
      )?.code,
    ).toBe("TK201");
    expect(pgErrorOf(await failure(db.db.update(customerCredits).set({ grantedOn: "2016-01-01" }).where(eq(customerCredits.id, c.id))))?.code).toBe("TK202");
    expect(pgErrorOf(await failure(db.db.insert(creditRepayments).values({ creditId: c.id, paidOn: "2025-03-05", amount: 5_000_001 })))?.code).toBe("TK201");
    expect(
      pgErrorOf(
        await failure(
          db.db
            .insert(groups)
            .values({ ngoOrgId: ngo, name: "Brute", activityType: "shop", villageId: ids.places.settlements["Tenhamed"], startDate: "1900-01-01" }),
        ),
      )?.code,
    ).toBe("TK202");
    expect(
      pgErrorOf(
        await failure(
          db.db.insert(groups).values({
            ngoOrgId: ngo,
            name: "Brute",
            activityType: "shop",
            villageId: ids.places.settlements["Tenhamed"],
            startDate: "2025-01-01",
            startingCapitalAmount: 80_000_001,
            startingCapitalCurrency: "XOF",
          }),
        ),
      )?.code,
    ).toBe("TK201");
    expect(
      pgErrorOf(
        await failure(
          db.db
            .insert(profitDistributions)
            .values({ groupId: shop, periodFrom: "2001-01-01", periodTo: "2024-12-31", currency: "MRU", profit: 10, rule: "equal" }),
        ),
      )?.code,
    ).toBe("TK202");

    // Fields that do not change are not checked: an entry stays voidable after its limit is lowered.
    await db.db.insert(plausibilityLimits).values({ ngoOrgId: ngo, kind: "sale", currency: "MRU", ceiling: 1_000_000, softLimit: 100_000 });
    try {
      await asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: e.id, reason: "saisie en double" }));
      expect((await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, e.id)))[0].voidedAt).not.toBeNull();
    } finally {
      await db.db.delete(plausibilityLimits).where(eq(plausibilityLimits.ngoOrgId, ngo));
    }
  });

  it("follows the NGO's own limits and floor, and only that NGO's", async () => {
    const shop = ids.groups.shops[2];
    const defaults = await db.db.select().from(plausibilityDefaults);
    const values: Record<string, string> = { dateFloor: "2022-01-01" };
    for (const d of defaults)
      Object.assign(values, { [`ceiling_${d.kind}_${d.currency}`]: String(d.ceiling), [`soft_${d.kind}_${d.currency}`]: String(d.softLimit) });
    Object.assign(values, { ceiling_sale_MRU: "100000", soft_sale_MRU: "20000" });
    const parsed = limitsSchema.parse(values);
    const saved = await db.asApp({ orgId: ids.orgs.adicor, userId: admin }, (tx) => saveLimits(tx, adicor(), admin, parsed));
    expect(saved.before.dateFloor).toBe("2018-01-01");
    expect(saved.after.dateFloor).toBe("2022-01-01");
    // Only what differs from the defaults is stored.
    expect(await db.db.select({ kind: plausibilityLimits.kind }).from(plausibilityLimits).where(eq(plausibilityLimits.ngoOrgId, ids.orgs.adicor))).toEqual([
      { kind: "sale" },
    ]);
    try {
      const entry = { groupId: shop, kind: "sale" as const, occurredOn: "2025-03-01", amount: 100_001, currency: "MRU" as const, note: "" };
      expect(await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, entry)))).toMatchObject({ values: { limit: 100_000 } });
      expect(await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, amount: 10, occurredOn: "2021-12-31" })))).toMatchObject({
        fieldErrors: { occurredOn: "dateBeforeFloor" },
        values: { floor: "2022-01-01" },
      });
      expect(pgErrorOf(await failure(db.db.insert(ledgerEntries).values({ ...entry, ngoOrgId: ids.orgs.adicor })))?.code).toBe("TK201");
      expect(
        appErrorFromDb(await failure(db.db.insert(ledgerEntries).values({ ...entry, ngoOrgId: ids.orgs.adicor, amount: 10, occurredOn: "2021-06-01" })))
          ?.values,
      ).toEqual({
        field: "occurredOn",
        floor: "2022-01-01",
      });
      // Another NGO keeps the defaults.
      const sahel = await loadPlausibility(db.db, ids.orgs["ong-sahel"]);
      expect(sahel.dateFloor).toBe("2018-01-01");
      expect(sahel.limits.find((l) => l.kind === "sale" && l.currency === "MRU")?.ceiling).toBe(5_000_000);
      // Nobody but the NGO writes its limits; no application writes the defaults.
      const forged = await failure(
        db.asApp({ orgId: ids.orgs["ong-sahel"] }, (tx) =>
          tx.insert(plausibilityLimits).values({ ngoOrgId: ids.orgs.adicor, kind: "sale", currency: "XOF", ceiling: 10, softLimit: 1 }),
        ),
      );
      expect(pgErrorOf(forged)?.code).toBe("42501");
      // eslint-disable-next-line drizzle/enforce-update-with-where -- every row on purpose: row-level security must leave none
      const changed = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.update(plausibilityDefaults).set({ ceiling: 10, softLimit: 1 }).returning());
      expect(changed).toEqual([]);
    } finally {
      await db.db.delete(plausibilityLimits).where(eq(plausibilityLimits.ngoOrgId, ids.orgs.adicor));
      await db.db.delete(ngoSettings).where(eq(ngoSettings.ngoOrgId, ids.orgs.adicor));
    }
  });

  it("asks to confirm an amount above the soft limit, and saves it once confirmed for exactly that amount", async () => {
    const shop = ids.groups.shops[3];
    const entry = { groupId: shop, kind: "sale" as const, occurredOn: "2025-03-02", amount: 250_000, currency: "MRU" as const, note: "grosse vente" };
    const warned = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, entry)));
    expect(warned).toMatchObject({
      messageKey: "confirmAmount",
      fieldErrors: { amount: "warnAmountAboveUsual" },
      values: { limit: 200_000, currency: "MRU", kind: "sale" },
    });
    const token = String(warned.values?.confirm);
    expect(token).toMatch(/^[0-9a-z]{6,16}$/);
    expect(await entriesOf(shop, 250_000)).toBe(0);
    // A confirmation of something else confirms nothing.
    expect(await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, confirm: "forged" })))).toMatchObject({ messageKey: "confirmAmount" });
    const other = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, amount: 260_000, confirm: token })));
    expect(other.values?.confirm).not.toBe(token);
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, confirm: token }));
    expect(await entriesOf(shop, 250_000)).toBe(1);
    // Below the soft limit nothing is asked; a correction to a large amount asks too.
    const small = await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, amount: 200_000, note: "limite" }));
    const c = await shown(
      asAdicor((tx) =>
        correctEntry(tx, adicor(), editor, {
          entryId: small.id,
          version: 1,
          kind: "sale",
          occurredOn: entry.occurredOn,
          amount: 300_000,
          currency: "MRU",
          note: "limite",
        }),
      ),
    );
    expect(c).toMatchObject({ fieldErrors: { amount: "warnAmountAboveUsual" } });
    await asAdicor((tx) =>
      correctEntry(tx, adicor(), editor, {
        entryId: small.id,
        version: 1,
        kind: "sale",
        occurredOn: entry.occurredOn,
        amount: 300_000,
        currency: "MRU",
        note: "limite",
        confirm: String(c.values?.confirm),
      }),
    );
    expect(await entriesOf(shop, 300_000)).toBe(1);
  });

  it("warns before saving an entry identical to one recorded in the last ten minutes, not to an older one", async () => {
    const shop = ids.groups.shops[4];
    const entry = { groupId: shop, kind: "stock_purchase" as const, occurredOn: "2025-04-02", amount: 4321, currency: "MRU" as const, note: "riz" };
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, entry));
    const dup = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, entry)));
    expect(dup).toMatchObject({ messageKey: "possibleDuplicate", values: { minutes: 0 } });
    expect(dup.fieldErrors).toEqual({});
    expect(await entriesOf(shop, 4321)).toBe(1);
    // Any difference (the note) is another entry.
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, note: "riz (2e sac)" }));
    // Confirmed: saved.
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...entry, confirm: String(dup.values?.confirm) }));
    expect(await entriesOf(shop, 4321)).toBe(3);

    // Outside the window: no warning.
    const old = { ...entry, occurredOn: "2025-04-03", amount: 5432 };
    await db.db.insert(ledgerEntries).values({ ...old, ngoOrgId: ids.orgs.adicor, createdBy: editor, createdAt: sql`now() - interval '11 minutes'` as never });
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, old));
    expect(await entriesOf(shop, 5432)).toBe(2);
    // Nine minutes ago: a warning that says so.
    const recent = { ...entry, occurredOn: "2025-04-04", amount: 6543 };
    await db.db
      .insert(ledgerEntries)
      .values({ ...recent, ngoOrgId: ids.orgs.adicor, createdBy: editor, createdAt: sql`now() - interval '9 minutes'` as never });
    expect(await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, recent)))).toMatchObject({ messageKey: "possibleDuplicate", values: { minutes: 9 } });
    // A voided entry is no duplicate.
    const [v] = await db.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.groupId, shop), eq(ledgerEntries.amount, 6543)));
    await asAdicor((tx) => voidEntry(tx, adicor(), editor, { entryId: v.id, reason: "erreur" }));
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, recent));

    // A large duplicate: both warnings, one confirmation.
    const big = { ...entry, occurredOn: "2025-04-05", amount: 300_000 };
    const first = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, big)));
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...big, confirm: String(first.values?.confirm) }));
    const both = await shown(asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...big, confirm: String(first.values?.confirm) })));
    expect(both).toMatchObject({ messageKey: "possibleDuplicate", fieldErrors: { amount: "warnAmountAboveUsual" }, values: { limit: 200_000, minutes: 0 } });
    await asAdicor((tx) => recordEntry(tx, adicor(), editor, { ...big, confirm: String(both.values?.confirm) }));
    expect(await entriesOf(shop, 300_000)).toBe(2);
  });

  it("warns before a repayment identical to one just recorded", async () => {
    const shop = ids.groups.shops[5];
    const credit = await asAdicor((tx) =>
      recordCreditSale(tx, adicor(), editor, {
        groupId: shop,
        customerName: "Cliente double",
        community: "refugee",
        amount: 3000,
        currency: "MRU",
        grantedOn: "2025-05-02",
        dueOn: "2025-06-02",
      }),
    );
    const pay = { creditId: credit.id, paidOn: "2025-05-20", amount: 1000 };
    await asAdicor((tx) => recordRepayment(tx, adicor(), pay));
    const dup = await shown(asAdicor((tx) => recordRepayment(tx, adicor(), pay)));
    expect(dup).toMatchObject({ messageKey: "possibleDuplicate" });
    await asAdicor((tx) => recordRepayment(tx, adicor(), { ...pay, confirm: String(dup.values?.confirm) }));
    const paid = await db.db.select().from(creditRepayments).where(eq(creditRepayments.creditId, credit.id));
    expect(paid.map((p) => p.amount)).toEqual([1000, 1000]);
    // The same credit sale twice is a duplicate sale.
    const again = await shown(
      asAdicor((tx) =>
        recordCreditSale(tx, adicor(), editor, {
          groupId: shop,
          customerName: "Cliente double",
          community: "refugee",
          amount: 3000,
          currency: "MRU",
          grantedOn: "2025-05-02",
          dueOn: "2025-06-02",
        }),
      ),
    );
    expect(again.messageKey).toBe("possibleDuplicate");
  });

  it("lets only one of two identical submissions through at the same moment (the group's row lock orders them)", async () => {
    const shop = ids.groups.shops[6];
    const entry = { groupId: shop, kind: "sale" as const, occurredOn: "2025-06-02", amount: 7654, currency: "MRU" as const, note: "double clic" };
    const results = await Promise.allSettled([0, 1].map(() => asAdicor((tx) => recordEntry(tx, adicor(), editor, entry))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect((refused?.reason as AppError).messageKey).toBe("possibleDuplicate");
    expect(await entriesOf(shop, 7654)).toBe(1);
  });
});

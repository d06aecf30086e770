import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { activityTypes, groups, ledgerEntries, marketObservations, places } from "@/db/schema";
import type { Tx } from "@/db/client";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { listLedger, type LedgerFilters } from "@/lib/groups/ledger-queries";
import { listGroupPage } from "@/lib/groups/queries";
import { listObservations } from "@/lib/prices/queries";
import { encodeCursor, readPageRequest, type Page, type PageRequest } from "@/lib/pagination";
import { backend, createTestDb, type TestDb } from "../test-db";

/** Every page of a list, following "next" from the first page; then back with "previous". */
async function pageThrough<T>(read: (req: PageRequest) => Promise<Page<T>>, size: number) {
  const pages: Page<T>[] = [await read({ size })];
  while (pages.at(-1)!.next) pages.push(await read({ size, after: pages.at(-1)!.next }));
  const back: Page<T>[] = [pages.at(-1)!];
  while (back.at(-1)!.previous) back.push(await read({ size, before: back.at(-1)!.previous }));
  return { pages, back: back.reverse() };
}

describe(`keyset pagination on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor }, fn);
  const ledgerPage = (f: LedgerFilters) => (page: PageRequest) => asAdicor((tx) => listLedger(tx, adicor(), f, { page }));

  /** ADICOR's live ledger in the list's order, read directly (as the owner, without the portal's query). */
  const expectedLedger = async (extra?: ReturnType<typeof and>) =>
    (
      await db.db
        .select({ id: ledgerEntries.id })
        .from(ledgerEntries)
        .innerJoin(groups, eq(groups.id, ledgerEntries.groupId))
        .where(and(eq(ledgerEntries.ngoOrgId, ids.orgs.adicor), isNull(ledgerEntries.voidedAt), extra))
        .orderBy(desc(ledgerEntries.occurredOn), desc(ledgerEntries.createdAt), desc(ledgerEntries.id))
    ).map((r) => r.id);

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  it("pages through the whole ADICOR ledger 50 at a time: every row once, in order, and back", async () => {
    const expected = await expectedLedger();
    expect(expected.length).toBeGreaterThan(500); // more than the old single page held
    const { pages, back } = await pageThrough(ledgerPage({}), 50);
    expect(pages.length).toBe(Math.ceil(expected.length / 50));
    expect(pages.slice(0, -1).every((p) => p.rows.length === 50)).toBe(true);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(pages[0].previous).toBeUndefined();
    expect(pages.at(-1)!.next).toBeUndefined();
    // Following "previous" from the last page gives the same pages.
    expect(back.map((p) => p.rows.map((r) => r.id))).toEqual(pages.map((p) => p.rows.map((r) => r.id)));
    // The count and the sums are the whole list's on every page, not the page's.
    const [totals] = await db.db
      .select({ mru: sql<string>`sum(${ledgerEntries.amount}) filter (where ${ledgerEntries.currency} = 'MRU')::text` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.ngoOrgId, ids.orgs.adicor), isNull(ledgerEntries.voidedAt)));
    for (const p of [pages[0], pages[7], pages.at(-1)!] as Awaited<ReturnType<typeof listLedger>>[]) {
      expect(p.count).toBe(expected.length);
      expect(p.sums.MRU).toBe(Number(totals.mru));
    }
  }, 240_000);

  it("answers a forged, tampered or foreign cursor with the first page, never an error", async () => {
    const read = ledgerPage({});
    const first = await read({ size: 50 });
    const second = await read({ size: 50, after: first.next });
    expect(second.rows[0].id).not.toBe(first.rows[0].id);
    const c = first.next!;
    const forged = [
      `${c.slice(0, 10)}${c[10] === "A" ? "B" : "A"}${c.slice(11)}`,
      encodeCursor(["2025-01-01", "2025-01-01T00:00:00.000000Z' or '1'='1", "00000000-0000-0000-0000-000000000000"]),
      encodeCursor(["2025-01-01", "not a time", "00000000-0000-0000-0000-000000000000"]),
      encodeCursor([1, "Fassala", "Boutique", "00000000-0000-0000-0000-000000000000"]), // a groups cursor
      Buffer.from("[1e999]").toString("base64url"),
      "%%%",
    ];
    for (const cursor of forged) {
      for (const page of [readPageRequest({ after: cursor }), readPageRequest({ before: cursor })]) {
        const p = await read(page);
        expect(
          p.rows.map((r) => r.id),
          cursor,
        ).toEqual(first.rows.map((r) => r.id));
        expect(p.previous).toBeUndefined();
      }
    }
    // A page size beyond the maximum is capped.
    expect((await read(readPageRequest({ size: "5000" }))).rows).toHaveLength(200);
  });

  it("keeps the filters across pages", async () => {
    const f: LedgerFilters = { activity: "shop", kind: "sale", from: "2023-01-01", to: "2024-06-30" };
    const expected = await expectedLedger(
      and(eq(groups.activityType, "shop"), eq(ledgerEntries.kind, "sale"), sql`${ledgerEntries.occurredOn} between '2023-01-01' and '2024-06-30'`),
    );
    expect(expected.length).toBeGreaterThan(100);
    const { pages } = await pageThrough(ledgerPage(f), 50);
    const rows = pages.flatMap((p) => p.rows);
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(rows.every((r) => r.activityType === "shop" && r.kind === "sale" && r.occurredOn >= "2023-01-01" && r.occurredOn <= "2024-06-30")).toBe(true);
    expect(pages.every((p) => (p as Awaited<ReturnType<typeof listLedger>>).count === expected.length)).toBe(true);
  });

  it("keeps the organisation's scope first: another tenant's cursor shows only its own rows", async () => {
    const first = await ledgerPage({})({ size: 50 });
    const sahel = { id: ids.orgs["ong-sahel"], type: "ngo" as const };
    const p = await db.asApp({ orgId: sahel.id }, (tx) => listLedger(tx, sahel, {}, { page: { size: 50, after: first.next } }));
    const own = await db.db.select({ id: groups.id }).from(groups).where(eq(groups.ngoOrgId, sahel.id));
    expect(p.rows.every((r) => own.some((g) => g.id === r.groupId))).toBe(true);
  });

  it("pages the groups list in its order (activity, village, name), with the count of all", async () => {
    const expected = (
      await db.db
        .select({ id: groups.id })
        .from(groups)
        .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
        .innerJoin(places, eq(places.id, groups.villageId))
        .where(eq(groups.ngoOrgId, ids.orgs.adicor))
        .orderBy(asc(activityTypes.sortOrder), asc(places.name), asc(groups.name), asc(groups.id))
    ).map((r) => r.id);
    expect(expected).toHaveLength(124);
    const { pages, back } = await pageThrough((page) => asAdicor((tx) => listGroupPage(tx, adicor(), {}, page)), 50);
    expect(pages.map((p) => p.rows.length)).toEqual([50, 50, 24]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(back.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(pages.every((p) => (p as Awaited<ReturnType<typeof listGroupPage>>).count === 124)).toBe(true);
    const shops = await pageThrough((page) => asAdicor((tx) => listGroupPage(tx, adicor(), { activity: "shop" }, page)), 5);
    expect(shops.pages.flatMap((p) => p.rows).map((r) => r.activityType)).toEqual(Array(12).fill("shop"));
  });

  it("pages the market observations of a commune, newest first", async () => {
    const commune = ids.orgs.fassala;
    const expected = (
      await db.db
        .select({ id: marketObservations.id })
        .from(marketObservations)
        .where(eq(marketObservations.communeOrgId, commune))
        .orderBy(desc(marketObservations.observedOn), desc(marketObservations.createdAt), desc(marketObservations.id))
    ).map((r) => r.id);
    expect(expected.length).toBeGreaterThan(20);
    const { pages, back } = await pageThrough((page) => db.asApp({ orgId: commune }, (tx) => listObservations(tx, commune, page)), 20);
    expect(pages.flatMap((p) => p.rows.map((r) => r.o.id))).toEqual(expected);
    expect(back.flatMap((p) => p.rows.map((r) => r.o.id))).toEqual(expected);
  });
});

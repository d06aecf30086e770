/**
 * The offline outbox's sync (issue 16, point 4), through the real route handler, tenant resolution
 * and the forms' write path (lib/offline/sync.ts → writeInTenant) on a test database, as the
 * application role; Next's request scope and the session lookup are stood in for.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import {
  auditLog,
  coachingFollowUps,
  coachingVisits,
  creditRepayments,
  customerCreditNames,
  customerCredits,
  groups,
  ledgerEntries,
  stockItems,
  stockMovements,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { idleState, type ActionState } from "@/lib/action-state";
import { lockQuarter } from "@/lib/quarters/locks";
import { today } from "@/lib/dates";
import type { SyncAnswer } from "@/lib/offline/batch";
import { rowsOf } from "@/lib/groups/scope";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";

const request = { headers: new Headers({ "x-request-id": "req-offline-sync" }), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => request.user,
}));

interface Entry {
  key: string;
  type: "entry" | "credit_sale" | "repayment" | "item_sale" | "item_purchase" | "visit";
  fields: Record<string, string>;
}

describe(`offline sync on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const sessions: Record<string, CurrentUser> = {};
  const day = today();

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    // As in the portal: the application role (the owner's maintenance mode is exempt from the guards).
    await serve(db);
    for (const email of ["editor@adicor.demo", "admin@adicor.demo", "viewer@adicor.demo"]) {
      sessions[email] = await signedIn(db, email, "10.91.0.3");
    }
  }, 120_000);
  afterAll(() => unserve(db));

  /** Posts a batch to the sync route as this user, as the outbox does. */
  const sync = async (email: string | null, entries: Entry[], org = "adicor", lang = "fr") => {
    request.user = email ? sessions[email] : null;
    const { POST } = await import("@/app/(portal)/[org]/sync/route");
    const req = new NextRequest(`http://localhost/${org}/sync?lang=${lang}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "req-offline-sync" },
      body: JSON.stringify({ entries }),
    });
    const res = await POST(req, { params: Promise.resolve({ org }) });
    return { status: res.status, body: (await res.json()) as { answers?: SyncAnswer[]; error?: string } };
  };
  const entriesWithKeys = (keys: string[]) =>
    db.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.ngoOrgId, ids.orgs.adicor), inArray(ledgerEntries.clientKey, keys)));
  const sale = (groupId: string, amount: number, occurredOn = day): Entry => ({
    key: randomUUID(),
    type: "entry",
    fields: { groupId, kind: "sale", occurredOn, amount: String(amount), currency: "MRU", note: "hors ligne" },
  });

  it("accepts a batch of a sale, an expense and a credit sale, each with its audit record; a repayment follows", async () => {
    const shop = ids.groups.shops[0];
    const batch: Entry[] = [
      sale(shop, 1_231),
      { key: randomUUID(), type: "entry", fields: { groupId: shop, kind: "stock_purchase", occurredOn: day, amount: "2 345", currency: "MRU", note: "" } },
      {
        key: randomUUID(),
        type: "credit_sale",
        fields: { groupId: shop, customerName: "Aminetou", community: "refugee", amount: "1 111", currency: "MRU", grantedOn: day, dueOn: day },
      },
    ];
    const r = await sync("editor@adicor.demo", batch);
    expect(r.status).toBe(200);
    expect(r.body.answers!.map((a) => a.status)).toEqual(["accepted", "accepted", "accepted"]);
    const rows = await entriesWithKeys(batch.map((e) => e.key));
    expect(rows.map((e) => [e.kind, e.amount]).sort()).toEqual([
      ["sale", 1_111],
      ["sale", 1_231],
      ["stock_purchase", 2_345],
    ]);
    const creditId = (r.body.answers![2] as { id: string }).id;
    const [credit] = await db.db
      .select({ amount: customerCredits.amount, customerName: customerCreditNames.customerName })
      .from(customerCredits)
      .innerJoin(customerCreditNames, eq(customerCreditNames.creditId, customerCredits.id))
      .where(eq(customerCredits.id, creditId));
    expect(credit).toMatchObject({ customerName: "Aminetou", amount: 1_111 });
    const audits = await db.db
      .select()
      .from(auditLog)
      .where(
        inArray(
          auditLog.entityId,
          r.body.answers!.map((a) => (a as { id: string }).id),
        ),
      );
    expect(audits.map((a) => a.action).sort()).toEqual(["credit.sale", "ledger.record", "ledger.record"]);
    expect(audits.every((a) => a.actorUserId === sessions["editor@adicor.demo"].id && a.orgId === ids.orgs.adicor)).toBe(true);

    const repay: Entry = { key: randomUUID(), type: "repayment", fields: { creditId, paidOn: day, amount: "500" } };
    expect((await sync("editor@adicor.demo", [repay])).body.answers).toMatchObject([{ key: repay.key, status: "accepted" }]);
    // Retried: the same repayment, once.
    expect((await sync("editor@adicor.demo", [repay])).body.answers).toMatchObject([{ key: repay.key, status: "duplicate" }]);
    expect(await db.db.select().from(creditRepayments).where(eq(creditRepayments.creditId, creditId))).toHaveLength(1);
  });

  it("answers a retried batch 'duplicate' with the same records, and writes nothing more (nor audit)", async () => {
    const shop = ids.groups.shops[1];
    const batch: Entry[] = [
      sale(shop, 1_301),
      sale(shop, 1_302),
      {
        key: randomUUID(),
        type: "credit_sale",
        fields: { groupId: shop, customerName: "Fatimetou", community: "host", amount: "900", currency: "MRU", grantedOn: day, dueOn: day },
      },
    ];
    const first = await sync("editor@adicor.demo", batch);
    expect(first.body.answers!.map((a) => a.status)).toEqual(["accepted", "accepted", "accepted"]);
    const auditCount = async () =>
      Number(rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from audit_log where org_id = ${ids.orgs.adicor}`))[0].n);
    const audits = await auditCount();
    const again = await sync("editor@adicor.demo", batch);
    expect(again.body.answers).toEqual(first.body.answers!.map((a) => ({ ...a, status: "duplicate" })));
    expect(await entriesWithKeys(batch.map((e) => e.key))).toHaveLength(3);
    expect(
      await db.db
        .select({ customerName: customerCreditNames.customerName })
        .from(customerCredits)
        .innerJoin(customerCreditNames, eq(customerCreditNames.creditId, customerCredits.id))
        .where(eq(customerCredits.groupId, shop))
        .then((c) => c.filter((x) => x.customerName === "Fatimetou")),
    ).toHaveLength(1);
    expect(await auditCount()).toBe(audits);
  });

  it("writes the picture till's purchase and sale of an item as the stock's movements with their ledger entries; resent, answers the same movements", async () => {
    const shop = ids.groups.shops[4];
    const [item] = await db.db.select().from(stockItems).where(eq(stockItems.groupId, shop)).limit(1);
    expect(item, "the demo's shops have items").toBeTruthy();
    const level = async () => Number(rowsOf<{ n: number }>(await db.db.execute(sql`select app_stock_level(${item.id}) as n`))[0].n);
    const before = await level();
    const batch: Entry[] = [
      {
        key: randomUUID(),
        type: "item_purchase",
        fields: { groupId: shop, itemId: item.id, occurredOn: day, quantity: "7", cost: "2 100", currency: "MRU", inLedger: "yes" },
      },
      { key: randomUUID(), type: "item_sale", fields: { groupId: shop, itemId: item.id, occurredOn: day, quantity: "3", amount: "1 050", currency: "MRU" } },
    ];
    const first = await sync("editor@adicor.demo", batch);
    expect(first.body.answers!.map((a) => a.status)).toEqual(["accepted", "accepted"]);
    expect(await level()).toBe(before + 7 - 3);
    const entries = await entriesWithKeys(batch.map((e) => e.key));
    expect(entries.map((e) => [e.kind, e.amount]).sort()).toEqual([
      ["sale", 1_050],
      ["stock_purchase", 2_100],
    ]);
    // Each answer is the stock's movement, which names its ledger entry.
    const moves = await db.db
      .select()
      .from(stockMovements)
      .where(
        inArray(
          stockMovements.id,
          first.body.answers!.map((a) => (a as { id: string }).id),
        ),
      );
    expect(moves.map((m) => [m.kind, m.quantity]).sort()).toEqual([
      ["received", 7],
      ["sold", -3],
    ]);
    expect(new Set(moves.map((m) => m.ledgerEntryId))).toEqual(new Set(entries.map((e) => e.id)));
    const again = await sync("editor@adicor.demo", batch);
    expect(again.body.answers).toEqual(first.body.answers!.map((a) => ({ ...a, status: "duplicate" })));
    expect(await level()).toBe(before + 4);
  });

  it("records a coach's visit made offline with its follow-up, once however often it is sent; another NGO's group is not found", async () => {
    const shop = ids.groups.shops[5];
    const visit: Entry = {
      key: randomUUID(),
      type: "visit",
      fields: { groupId: shop, visitedOn: day, topics: "Cahier de caisse hors ligne", findings: "Stock vérifié", action1: "Refaire l'inventaire", due1: day },
    };
    const first = await sync("editor@adicor.demo", [visit]);
    expect(first.body.answers!.map((a) => a.status)).toEqual(["accepted"]);
    const id = (first.body.answers![0] as { id: string }).id;
    const [row] = await db.db.select().from(coachingVisits).where(eq(coachingVisits.id, id));
    expect(row).toMatchObject({ groupId: shop, visitedOn: day, topics: "Cahier de caisse hors ligne", clientKey: visit.key, coachName: "Editor adicor" });
    expect(await db.db.select().from(coachingFollowUps).where(eq(coachingFollowUps.visitId, id))).toHaveLength(1);
    const [again, atOnce] = await Promise.all([sync("editor@adicor.demo", [visit]), sync("editor@adicor.demo", [visit])]);
    for (const r of [again, atOnce]) expect(r.body.answers).toEqual([{ key: visit.key, status: "duplicate", id }]);
    expect(await db.db.select().from(coachingVisits).where(eq(coachingVisits.clientKey, visit.key))).toHaveLength(1);
    // A visit to a group of another NGO: refused as not found, nothing written.
    const [sahelGroup] = await db.db.select({ id: groups.id }).from(groups).where(eq(groups.ngoOrgId, ids.orgs["ong-sahel"])).limit(1);
    const foreign: Entry = { key: randomUUID(), type: "visit", fields: { groupId: sahelGroup.id, visitedOn: day, topics: "x" } };
    const refused = await sync("editor@adicor.demo", [foreign]);
    expect(refused.body.answers![0].status).toBe("refused");
    expect(await db.db.select().from(coachingVisits).where(eq(coachingVisits.clientKey, foreign.key))).toHaveLength(0);
  });

  it("creates one row when the same batch is sent twice at once", async () => {
    const shop = ids.groups.shops[2];
    const batch = [sale(shop, 1_401), sale(shop, 1_402)];
    const [a, b] = await Promise.all([sync("editor@adicor.demo", batch), sync("editor@adicor.demo", batch)]);
    const statuses = [...a.body.answers!, ...b.body.answers!].map((x) => x.status).sort();
    expect(statuses).toEqual(["accepted", "accepted", "duplicate", "duplicate"]);
    expect(a.body.answers!.map((x) => (x as { id: string }).id)).toEqual(b.body.answers!.map((x) => (x as { id: string }).id));
    expect(await entriesWithKeys(batch.map((e) => e.key))).toHaveLength(2);
  });

  it("refuses an entry of a locked quarter and an invalid amount with their translated reasons, and accepts the others", async () => {
    const shop = ids.groups.shops[3];
    const year = Number(day.slice(0, 4)) - 1;
    await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, `${year}-Q2`, sessions["admin@adicor.demo"].id));
    const batch: Entry[] = [sale(shop, 1_501), sale(shop, 1_502, `${year}-05-10`), sale(shop, 0), sale(shop, 1_504)];
    batch[2].fields.amount = "-5";
    const r = await sync("editor@adicor.demo", batch);
    expect(r.body.answers!.map((a) => a.status)).toEqual(["accepted", "refused", "refused", "accepted"]);
    expect((r.body.answers![1] as { reason: string }).reason).toMatch(new RegExp(`${year}-Q2 est verrouillé`));
    expect(r.body.answers![2]).toMatchObject({
      reason: "Le montant doit être supérieur à zéro.",
      fieldErrors: { amount: "Le montant doit être supérieur à zéro." },
    });
    expect((await entriesWithKeys(batch.map((e) => e.key))).map((e) => e.amount).sort()).toEqual([1_501, 1_504]);
    // In the reader's language.
    const en = await sync("editor@adicor.demo", [{ ...batch[2], key: randomUUID() }], "adicor", "en");
    expect(en.body.answers![0]).toMatchObject({ status: "refused", reason: "The amount must be greater than zero." });
  });

  it("answers another NGO's group 'not found', and refuses a reader or a signed-out user", async () => {
    const shop = await db.db.select().from(groups).where(eq(groups.id, ids.groups.shops[4]));
    const [other] = await db.db
      .insert(groups)
      .values({ ngoOrgId: ids.orgs["ong-sahel"], activityType: "shop", villageId: shop[0].villageId, name: "Boutique d'ONG Sahel", startDate: "2025-01-01" })
      .returning();
    const theirs = sale(other.id, 1_601);
    const mine = sale(ids.groups.shops[4], 1_602);
    const r = await sync("editor@adicor.demo", [theirs, mine]);
    expect(r.body.answers).toMatchObject([
      { key: theirs.key, status: "refused", reason: "Introuvable." },
      { key: mine.key, status: "accepted" },
    ]);
    expect(await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.groupId, other.id))).toHaveLength(0);
    // The organisation in the URL is the tenant: not a member there, not found.
    expect((await sync("editor@adicor.demo", [sale(other.id, 1_603)], "ong-sahel")).status).toBe(404);
    expect((await sync("viewer@adicor.demo", [sale(ids.groups.shops[4], 1_604)])).status).toBe(404);
    expect((await sync(null, [sale(ids.groups.shops[4], 1_605)])).status).toBe(401);
  });

  it("bounds the batch", async () => {
    const many = Array.from({ length: 51 }, (_, i) => sale(ids.groups.shops[4], 2_000 + i));
    expect((await sync("editor@adicor.demo", many)).status).toBe(400);
  });

  it("the form's server action answers a resubmitted form 'already recorded' and records it once", async () => {
    const { recordEntryAction } = await import("@/lib/groups/actions");
    request.user = sessions["editor@adicor.demo"];
    const clientKey = randomUUID();
    const fd = new FormData();
    for (const [k, v] of Object.entries({
      org: "adicor",
      groupId: ids.groups.shops[4],
      kind: "sale",
      occurredOn: day,
      amount: "1701",
      currency: "MRU",
      note: "",
      clientKey,
    }))
      fd.set(k, v);
    const idle: ActionState = { status: idleState.status };
    expect(await recordEntryAction(idle, fd)).toMatchObject({ status: "ok", message: { key: "entryRecorded" } });
    expect(await recordEntryAction(idle, fd)).toMatchObject({ status: "ok", message: { key: "alreadyRecorded" } });
    expect(await entriesWithKeys([clientKey])).toHaveLength(1);
  });
});

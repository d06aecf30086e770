import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { negotiatedPrices, priceNotices, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { createProduct } from "@/lib/prices/catalogue-service";
import { addOrderLine, createOrder, saveOrder } from "@/lib/prices/orders-service";
import { decidePrice } from "@/lib/prices/pricing-service";
import { addAttendee, createSession, updateSession } from "@/lib/prices/sessions-service";
import { liveVersions, priceInForce } from "@/lib/prices/records";
import { versionInForce } from "@/lib/prices/in-force";
import { backend, createTestDb, type TestDb } from "../test-db";

const price = (over: Partial<Parameters<typeof decidePrice>[3]> = {}) => ({
  sessionId: "",
  productId: "",
  purchasePrice: 1300,
  sellingPrice: 1400,
  currency: "MRU" as const,
  effectiveOn: "2026-03-01",
  channels: [],
  villages: [],
  ...over,
});

describe(`price committee on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let fassala: string;
  let editor: string;
  let admin: string;
  let sessionId: string;
  let productId: string;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    fassala = ids.orgs.fassala;
    const [e] = await db.db.select().from(users).where(eq(users.email, "editor@fassala.demo"));
    const [a] = await db.db.select().from(users).where(eq(users.email, "admin@fassala.demo"));
    editor = e.id;
    admin = a.id;
    await db.db.transaction(async (tx) => {
      const s = await createSession(tx, fassala, editor, { heldOn: "2026-02-20", place: "Mairie" });
      sessionId = s.id;
      for (const constituency of ["mcpgc", "beneficiaries", "commune"] as const) {
        await addAttendee(tx, fassala, editor, { sessionId, name: `A ${constituency}`, constituency });
      }
      const p = await createProduct(tx, fassala, { nameFr: "Riz", nameAr: "أرز", nameEn: "Rice", unit: "sac 50 kg", category: "staple", pictogram: "rice" });
      productId = p.id;
    });
  });
  afterAll(async () => db?.destroy());

  it("refuses a decision while the traders' federation is missing, and names it", async () => {
    await expect(db.db.transaction((tx) => decidePrice(tx, fassala, editor, price({ sessionId, productId }), "2026-02-20"))).rejects.toMatchObject({
      messageKey: "notQuorate",
      values: { traders_federation: "yes", mcpgc: "no" },
    });
    await db.db.transaction((tx) => addAttendee(tx, fassala, editor, { sessionId, name: "Commerçant", constituency: "traders_federation" }));
  });

  it("versions prices: a new decision supersedes, the old one stays untouched", async () => {
    const first = await db.db.transaction((tx) => decidePrice(tx, fassala, editor, price({ sessionId, productId }), "2026-02-20"));
    expect(first.previous).toBeNull();
    const second = await db.db.transaction((tx) =>
      decidePrice(tx, fassala, editor, price({ sessionId, productId, sellingPrice: 1350, effectiveOn: "2026-03-05" }), "2026-02-20"),
    );
    expect(second.price.supersedesId).toBe(first.price.id);
    expect(second.isIncrease).toBe(false);
    const all = await db.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.productId, productId));
    expect(all.map((p) => p.sellingPrice).sort()).toEqual([1350, 1400]);
    // The session is still a draft: nothing is in force publicly yet; its chain already is.
    expect(await priceInForce(db.db, fassala, productId, "2026-03-05")).toBeNull();
    const chain = await liveVersions(db.db, fassala, productId);
    expect(versionInForce(chain, "2026-03-04")?.sellingPrice).toBe(1400);
    expect(versionInForce(chain, "2026-03-05")?.sellingPrice).toBe(1350);
    // Nothing is overwritten, even by SQL.
    await expect(db.db.update(negotiatedPrices).set({ sellingPrice: 1 }).where(eq(negotiatedPrices.id, first.price.id))).rejects.toThrow();
    await expect(db.db.delete(negotiatedPrices).where(eq(negotiatedPrices.id, first.price.id))).rejects.toThrow();
  });

  it("refuses an increase with too short a notice and names the earliest date; accepts it with a proper one", async () => {
    // The notice counts from the day it is recorded ("now"), in at least one village.
    const increase = price({
      sessionId,
      productId,
      sellingPrice: 1500,
      effectiveOn: "2026-03-07",
      channels: ["crier"],
      villages: [ids.places.settlements["Fassala"]],
    });
    await expect(db.db.transaction((tx) => decidePrice(tx, fassala, editor, increase, "2026-03-01"))).rejects.toMatchObject({
      messageKey: "noticeTooShort",
      values: { earliest: "2026-03-08" },
    });
    const ok = await db.db.transaction((tx) => decidePrice(tx, fassala, editor, { ...increase, effectiveOn: "2026-03-08" }, "2026-03-01"));
    expect(ok.isIncrease).toBe(true);
    const [n] = await db.db.select().from(priceNotices).where(eq(priceNotices.priceId, ok.price.id));
    expect(n).toMatchObject({ publishedOn: "2026-03-01", effectiveOn: "2026-03-08", isIncrease: true, channels: ["crier"] });
  });

  it("does not act on another commune's session or product", async () => {
    await expect(db.db.transaction((tx) => decidePrice(tx, ids.orgs.bassikounou, editor, price({ sessionId, productId }), "2026-02-20"))).rejects.toMatchObject(
      { code: "not_found" },
    );
  });

  it("optimistic locking on a draft session: the second save is refused with who and when", async () => {
    // The version both loaded: attendees and decisions have raised it since the session was created.
    const [{ version }] = await db.db.query.priceSessions.findMany({ where: (s) => eq(s.id, sessionId) });
    const loaded = { sessionId, version, heldOn: "2026-02-20", place: "Mairie", status: "draft" as const };
    await db.db.transaction((tx) => updateSession(tx, fassala, admin, { ...loaded, minutes: "Premier texte" }));
    await expect(db.db.transaction((tx) => updateSession(tx, fassala, editor, { ...loaded, minutes: "Second texte" }))).rejects.toMatchObject({
      code: "conflict",
      messageKey: "changedBy",
      values: { name: "Admin fassala" },
    });
    const [row] = await db.db.query.priceSessions.findMany({ where: (s) => eq(s.id, sessionId) });
    expect(row).toMatchObject({ minutes: "Premier texte", version: version + 1 });
  });

  it("optimistic locking on a draft order, then ordered and delivered with differences", async () => {
    const order = await db.db.transaction((tx) => createOrder(tx, fassala, editor, { sessionId }));
    const shop = ids.groups.shops[0];
    await db.db.transaction((tx) => addOrderLine(tx, fassala, editor, { orderId: order.id, version: 1, groupId: shop, productId, quantity: 10 }));
    const [line] = await db.db.query.purchaseOrderLines.findMany({ where: (l) => and(eq(l.orderId, order.id)) });
    expect(line.unitPrice).toBe(1300);
    // Two members loaded version 2; the first save wins, the second is refused.
    await db.db.transaction((tx) => saveOrder(tx, fassala, admin, { orderId: order.id, version: 2, intent: "save", lineIds: [line.id], quantities: [12] }));
    await expect(
      db.db.transaction((tx) => saveOrder(tx, fassala, editor, { orderId: order.id, version: 2, intent: "save", lineIds: [line.id], quantities: [8] })),
    ).rejects.toMatchObject({ messageKey: "changedBy", values: { name: "Admin fassala" } });
    await db.db.transaction((tx) => saveOrder(tx, fassala, editor, { orderId: order.id, version: 3, intent: "order", lineIds: [], quantities: [] }));
    const delivered = await db.db.transaction((tx) =>
      saveOrder(tx, fassala, editor, { orderId: order.id, version: 4, intent: "deliver", lineIds: [line.id], quantities: [11] }),
    );
    expect(delivered.status).toBe("delivered");
    const [after] = await db.db.query.purchaseOrderLines.findMany({ where: (l) => eq(l.id, line.id) });
    expect(after).toMatchObject({ quantity: 12, deliveredQuantity: 11 });
  });
});

describe(`price committee demo data on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  it("shows the sugar stability alert in each market, the public increases and their notices per village", async () => {
    const { loadDashboard } = await import("@/lib/prices/dashboard");
    const { today } = await import("@/lib/dates");
    const d = await loadDashboard(db.db, ids.orgs.fassala, today());
    // Per product and place: sugar jumped 30 % in both markets.
    expect(d.alerts.map((a) => `${a.product.nameFr} · ${a.place}`)).toEqual(["Sucre · Fassala", "Sucre · Mbouna"]);
    // Public decisions only (the rice increase is in the demo's draft session), judged from the
    // day each notice was recorded: the dye increase, announced three days ahead, is late.
    expect(d.increases).toEqual({ total: 1, onTime: 0 });
    expect(d.perVillage.find((v) => v.village === "Fassala")?.notices).toBe(2);
    expect(d.series).toHaveLength(17);
  });

  it("keeps Bassikounou's committee apart", async () => {
    const { listBoard } = await import("@/lib/prices/queries");
    const { today } = await import("@/lib/dates");
    const board = await listBoard(db.db, ids.orgs.bassikounou, today());
    expect(board.map((b) => b.product.nameFr)).toEqual(["Riz (Bassikounou)", "Sucre (Bassikounou)", "Huile (Bassikounou)"]);
  });
});

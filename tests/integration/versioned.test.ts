import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { auditLog, groups, ledgerEntries, ledgerEntryHistory, priceSessions, users } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { correctEntry, recordEntry, updateGroup } from "@/lib/groups/service";
import { createProduct } from "@/lib/prices/catalogue-service";
import { decidePrice, withdrawDecision } from "@/lib/prices/pricing-service";
import { addAttendee, createSession, removeAttendee, updateSession } from "@/lib/prices/sessions-service";
import { today } from "@/lib/dates";
import { updateVersioned } from "@/lib/versioned";
import { backend, createTestDb, type TestDb } from "../test-db";

/** The one optimistic-locking primitive (lib/versioned.ts), and the versioned writes built on it. */
describe(`versioned updates on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const user: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    for (const email of ["admin@adicor.demo", "editor@adicor.demo", "admin@fassala.demo", "editor@fassala.demo"]) {
      const [u] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, email));
      user[email] = u.id;
    }
  });
  afterAll(async () => db?.destroy());

  const ngo = (slug: "adicor" | "ong-sahel") => ({ id: ids.orgs[slug], type: "ngo" as const });
  /** A write as `orgAction` does it: the work and its audit record in one transaction. */
  const asMember = <T>(slug: "adicor" | "ong-sahel" | "fassala", email: string, fn: (tx: Tx) => Promise<T>, audit?: { entity: string; id: (r: T) => string }) =>
    db.asApp({ orgId: ids.orgs[slug], userId: user[email] }, async (tx) => {
      const r = await fn(tx);
      if (audit)
        await tx.insert(auditLog).values({ actorUserId: user[email], orgId: ids.orgs[slug], action: "test", entity: audit.entity, entityId: audit.id(r) });
      return r;
    });
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as AppError,
    );

  it("of writers that loaded the same version exactly one wins; the others are told who changed it and when", async () => {
    const id = ids.groups.shops[1];
    const [loaded] = await db.db.select().from(groups).where(eq(groups.id, id));
    const save = (email: string, status: "active" | "paused" | "closed") =>
      asMember("adicor", email, (tx) => updateGroup(tx, ngo("adicor"), { groupId: id, status, profitRule: "equal", version: loaded.version }), {
        entity: "group",
        id: (r) => r.after.id,
      });
    const first = await save("admin@adicor.demo", "paused");
    expect(first.after.version).toBe(loaded.version + 1);
    const second = await refusal(save("editor@adicor.demo", "closed"));
    expect(second).toBeInstanceOf(AppError);
    expect(second).toMatchObject({ code: "conflict", messageKey: "changedBy", values: { name: "Admin adicor" } });
    expect(String(second?.values?.time)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const [after] = await db.db.select().from(groups).where(eq(groups.id, id));
    expect(after).toMatchObject({ status: "paused", version: loaded.version + 1 });
  });

  it("answers not found for another tenant's record, whatever the version", async () => {
    const id = ids.groups.shops[2];
    const other = { orgId: ids.orgs["ong-sahel"] };
    for (const version of [1, 2, 99]) {
      const attempt = db.asApp(other, (tx) =>
        updateVersioned(tx, groups, { id, scope: eq(groups.ngoOrgId, ids.orgs["ong-sahel"]), expectedVersion: version }, { name: "x" }),
      );
      await expect(attempt).rejects.toMatchObject({ code: "not_found" });
    }
  });

  it("takes a version no row can hold (beyond a PostgreSQL integer) as changed meanwhile, without a database error", async () => {
    const id = ids.groups.shops[3];
    const adicor = ids.orgs.adicor;
    for (const version of [2 ** 31, 9007199254740992, -1]) {
      const attempt = db.asApp({ orgId: adicor }, (tx) =>
        updateVersioned(tx, groups, { id, scope: eq(groups.ngoOrgId, adicor), expectedVersion: version }, { name: "x" }),
      );
      await expect(attempt).rejects.toMatchObject({ code: "conflict" });
    }
  });

  it("bumps a ledger entry's version once (the database trigger does it), and writes one history row per winner", async () => {
    const shop = ids.groups.shops[4];
    const editor = user["editor@adicor.demo"];
    const e = await asMember("adicor", "editor@adicor.demo", (tx) =>
      recordEntry(tx, ngo("adicor"), editor, { groupId: shop, kind: "sale", occurredOn: today(), amount: 100, currency: "MRU", note: "" }),
    );
    const correct = (email: string, amount: number, version: number) =>
      asMember(
        "adicor",
        email,
        (tx) => correctEntry(tx, ngo("adicor"), user[email], { entryId: e.id, version, kind: "sale", occurredOn: today(), amount, currency: "MRU", note: "" }),
        {
          entity: "ledger_entry",
          id: (r) => r.entry.id,
        },
      );
    const r1 = await correct("editor@adicor.demo", 200, 1);
    expect(r1.entry.version).toBe(2);
    expect(await refusal(correct("admin@adicor.demo", 300, 1))).toMatchObject({ messageKey: "changedBy", values: { name: "Editor adicor" } });
    const r2 = await correct("admin@adicor.demo", 300, 2);
    expect(r2.entry.version).toBe(3);
    const [row] = await db.db.select().from(ledgerEntries).where(eq(ledgerEntries.id, e.id));
    expect(row).toMatchObject({ amount: 300, version: 3 });
    const history = await db.db.select().from(ledgerEntryHistory).where(eq(ledgerEntryHistory.entryId, e.id));
    expect(history).toHaveLength(2);
  });

  it("bumps a price session's version when attendees are added or removed and when it decides; a save loaded before is refused", async () => {
    const fassala = ids.orgs.fassala;
    const editor = user["editor@fassala.demo"];
    const admin = user["admin@fassala.demo"];
    const asFassala = <T>(userId: string, fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: fassala, userId }, fn);
    const version = async (id: string) => (await db.db.select({ v: priceSessions.version }).from(priceSessions).where(eq(priceSessions.id, id)))[0].v;
    const s = await asFassala(editor, (tx) => createSession(tx, fassala, editor, { heldOn: today(), place: "Versions" }));
    expect(s.version).toBe(1);
    const draft = { sessionId: s.id, heldOn: today(), place: "Versions", minutes: "", status: "draft" as const };

    const attendees = [];
    for (const [i, constituency] of (["mcpgc", "beneficiaries", "commune", "traders_federation"] as const).entries()) {
      attendees.push(await asFassala(admin, (tx) => addAttendee(tx, fassala, admin, { sessionId: s.id, name: `Participant ${i}`, constituency })));
    }
    expect(await version(s.id)).toBe(5);
    // Loaded at version 1, before the attendees: refused, naming who added the last one.
    expect(await refusal(asFassala(editor, (tx) => updateSession(tx, fassala, editor, { ...draft, version: 1 })))).toMatchObject({
      code: "conflict",
      messageKey: "changedBy",
      values: { name: "Admin fassala" },
    });
    const extra = await asFassala(admin, (tx) => addAttendee(tx, fassala, admin, { sessionId: s.id, name: "En trop", constituency: "commune" }));
    await asFassala(admin, (tx) => removeAttendee(tx, fassala, admin, { sessionId: s.id, attendeeId: extra.id }));
    expect(await version(s.id)).toBe(7);

    const productId = await asFassala(
      editor,
      async (tx) =>
        (await createProduct(tx, fassala, { nameFr: "Versions", nameAr: "Versions", nameEn: "Versions", unit: "kg", category: "staple", pictogram: "rice" }))
          .id,
    );
    const decision = {
      sessionId: s.id,
      productId,
      purchasePrice: 80,
      sellingPrice: 100,
      currency: "MRU" as const,
      effectiveOn: today(),
      channels: [],
      villages: [],
    };
    const { price } = await asFassala(editor, (tx) => decidePrice(tx, fassala, editor, decision));
    expect(await version(s.id)).toBe(8);
    await asFassala(editor, (tx) => withdrawDecision(tx, fassala, editor, { sessionId: s.id, decisionId: price.id, reason: "Essai" }));
    expect(await version(s.id)).toBe(9);
    expect(await refusal(asFassala(admin, (tx) => updateSession(tx, fassala, admin, { ...draft, version: 8 })))).toMatchObject({
      messageKey: "changedBy",
      values: { name: "Editor fassala" },
    });
    const saved = await asFassala(admin, (tx) => updateSession(tx, fassala, admin, { ...draft, minutes: "PV", version: 9 }));
    expect(saved.after).toMatchObject({ version: 10, minutes: "PV", updatedBy: admin });
  });

  it("refuses a save in the wrong state with the caller's own message when the version still matches", async () => {
    const fassala = ids.orgs.fassala;
    const editor = user["editor@fassala.demo"];
    const s = await db.asApp({ orgId: fassala, userId: editor }, (tx) => createSession(tx, fassala, editor, { heldOn: today(), place: "État" }));
    const attempt = db.asApp({ orgId: fassala, userId: editor }, (tx) =>
      updateVersioned(
        tx,
        priceSessions,
        {
          id: s.id,
          scope: eq(priceSessions.communeOrgId, fassala),
          expectedVersion: s.version,
          when: and(eq(priceSessions.status, "closed")),
          otherwise: () => new AppError("validation", "sessionClosed"),
          by: editor,
        },
        { minutes: "x" },
      ),
    );
    await expect(attempt).rejects.toMatchObject({ code: "validation", messageKey: "sessionClosed" });
  });
});

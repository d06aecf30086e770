/**
 * Price rules in the data (issue 12, point 5; migrations 0015-0016). Each case writes as the
 * application role (row-level security and the triggers apply, as for a server action), first
 * through the service, then, where it is a rule on data, by a raw write that skips the service.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { negotiatedPrices, priceNotices, priceNoticeVillages, priceSessions, sessionAttendees, users } from "@/db/schema";
import type { Tx } from "@/db/client";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { appErrorFromDb, pgErrorOf } from "@/lib/db-errors";
import { createProduct, saveSettings } from "@/lib/prices/catalogue-service";
import { loadBoard } from "@/lib/prices/board";
import { settingsSchema } from "@/lib/prices/schema";
import { sql } from "drizzle-orm";
import { addDays, localDate, today } from "@/lib/dates";
import { loadDashboard } from "@/lib/prices/dashboard";
import { correctDecision, decidePrice, withdrawDecision } from "@/lib/prices/pricing-service";
import { getSessionDetail, listBoard, listNotices, listSessions } from "@/lib/prices/queries";
import { liveVersions, priceInForce } from "@/lib/prices/records";
import { decidePriceSchema, priceDecisionSchema } from "@/lib/prices/schema";
import { addAttendee, createSession, removeAttendee, updateSession } from "@/lib/prices/sessions-service";
import { backend, createTestDb, type TestDb } from "../test-db";

/** What refused a write: the database rule's SQLSTATE and the catalogue key the user is shown. */
async function refusal(p: Promise<unknown>): Promise<{ sqlstate?: string; key?: string; field?: Record<string, string> } | null> {
  try {
    await p;
    return null;
  } catch (err) {
    const app = appErrorFromDb(err) ?? (err as { messageKey?: string; fieldErrors?: Record<string, string> });
    return { sqlstate: pgErrorOf(err)?.code, key: app.messageKey, field: app.fieldErrors };
  }
}

const settings = { minMcpgc: 1, minBeneficiaries: 1, minCommune: 1, minTradersFederation: 1, noticeDays: 7, horizonDays: 365, stabilityThresholdPct: 20 };

describe(`price rules in the data on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let fassala: string;
  let editor: string;
  let sessionId: string;
  let village: string;
  const d = (n: number) => addDays(today(), n);
  const asFassala = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: fassala, userId: editor }, fn);
  const product = (name: string) =>
    asFassala(
      async (tx) => (await createProduct(tx, fassala, { nameFr: name, nameAr: name, nameEn: name, unit: "kg", category: "staple", pictogram: "rice" })).id,
    );
  const decision = (productId: string, over: Partial<Parameters<typeof decidePrice>[3]> = {}) => ({
    sessionId,
    productId,
    purchasePrice: 80,
    sellingPrice: 100,
    currency: "MRU" as const,
    effectiveOn: today(),
    channels: [] as ("crier" | "radio" | "village_meeting" | "printed_board")[],
    villages: [] as string[],
    ...over,
  });
  const decide = (productId: string, over: Partial<Parameters<typeof decidePrice>[3]> = {}) =>
    asFassala((tx) => decidePrice(tx, fassala, editor, decision(productId, over)));
  const quorateSession = (place: string) =>
    asFassala(async (tx) => {
      const s = await createSession(tx, fassala, editor, { heldOn: today(), place });
      for (const [i, constituency] of (["mcpgc", "beneficiaries", "commune", "traders_federation"] as const).entries()) {
        await addAttendee(tx, fassala, editor, { sessionId: s.id, name: `${place} ${i}`, constituency });
      }
      return s.id;
    });
  /** A raw insert of a version (as the application role, no service): what the database alone allows. */
  const rawVersion = (tx: Tx, productId: string, sellingPrice: number, effectiveOn: string, session = sessionId) =>
    tx.insert(negotiatedPrices).values({ communeOrgId: fassala, productId, sessionId: session, purchasePrice: 50, sellingPrice, effectiveOn }).returning();
  const rawNotice = async (tx: Tx, priceId: string, publishedOn: string, villages = [village]) => {
    const [n] = await tx
      .insert(priceNotices)
      .values({
        communeOrgId: fassala,
        priceId,
        publishedOn,
        effectiveOn: publishedOn,
        isIncrease: false,
        channels: ["crier"],
        recordedAt: new Date(`${publishedOn}T08:00:00Z`),
      })
      .returning();
    if (villages.length) await tx.insert(priceNoticeVillages).values(villages.map((villageId) => ({ communeOrgId: fassala, noticeId: n.id, villageId })));
    return n;
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    fassala = ids.orgs.fassala;
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@fassala.demo"));
    village = ids.places.settlements["Tinzah"];
    await asFassala((tx) => saveSettings(tx, fassala, settings));
    sessionId = await quorateSession("Mairie");
  });
  afterAll(async () => db?.destroy());

  it("dates a notice when the server records it: a backdated publication date counts for nothing", async () => {
    const p = await product("Notice backdated");
    await decide(p, { sellingPrice: 100 });
    // The form's old field: an increase "announced" thirty days ago, to take effect tomorrow.
    const backdated = { ...decision(p, { sellingPrice: 120, effectiveOn: d(1), channels: ["crier"], villages: [village] }), publishedOn: d(-30) };
    expect(await refusal(asFassala((tx) => decidePrice(tx, fassala, editor, backdated)))).toMatchObject({
      key: "noticeTooShort",
      field: { effectiveOn: "noticeTooShortField" },
    });
    // Raw rows: a notice typed as published and recorded a month ago is dated now by the database,
    // so the increase it announces is refused at commit.
    expect(
      await refusal(
        asFassala(async (tx) => {
          const [v] = await rawVersion(tx, p, 130, d(2));
          await rawNotice(tx, v.id, d(-30));
        }),
      ),
    ).toMatchObject({ sqlstate: "TK109", key: "increaseNeedsNotice" });
    // With the period respected, the notice is kept with the server's date, whatever was typed.
    const ok = await decide(p, { sellingPrice: 120, effectiveOn: d(7), channels: ["crier"], villages: [village] });
    const [n] = await db.db.select().from(priceNotices).where(eq(priceNotices.priceId, ok.price.id));
    expect(n.publishedOn).toBe(today());
    expect(localDate(n.recordedAt)).toBe(today());
    expect(Math.abs(n.recordedAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(n).toMatchObject({ noticeDays: 7, isIncrease: true, effectiveOn: d(7) });
    // What was announced stays as it was.
    expect(
      await refusal(
        asFassala((tx) =>
          tx
            .update(priceNotices)
            .set({ publishedOn: d(-30) })
            .where(eq(priceNotices.id, n.id)),
        ),
      ),
    ).toMatchObject({
      sqlstate: "TK113",
    });
  });

  it("refuses an effective date before the day of the decision, or beyond the commune's horizon", async () => {
    const p = await product("Dates");
    expect(await refusal(decide(p, { effectiveOn: d(-1) }))).toMatchObject({ key: "effectiveInPast", field: { effectiveOn: "effectiveInPast" } });
    expect(await refusal(decide(p, { effectiveOn: "2099-01-01" }))).toMatchObject({ key: "effectiveTooFar", field: { effectiveOn: "effectiveTooFar" } });
    expect(await refusal(asFassala((tx) => rawVersion(tx, p, 100, d(-1))))).toMatchObject({ sqlstate: "TK103", key: "effectiveInPast" });
    expect(await refusal(asFassala((tx) => rawVersion(tx, p, 100, "2099-01-01")))).toMatchObject({ sqlstate: "TK104", key: "effectiveBeyondHorizon" });
    // The horizon is the commune's setting (one year by default).
    await decide(p, { effectiveOn: d(365) });
    await asFassala((tx) => saveSettings(tx, fassala, { ...settings, horizonDays: 30 }));
    try {
      expect(await refusal(decide(p, { effectiveOn: d(31) }))).toMatchObject({ key: "effectiveTooFar", field: { effectiveOn: "effectiveTooFar" } });
      expect(await refusal(asFassala((tx) => rawVersion(tx, p, 100, d(31))))).toMatchObject({ sqlstate: "TK104" });
      await decide(p, { effectiveOn: d(30) });
    } finally {
      await asFassala((tx) => saveSettings(tx, fassala, settings));
    }
  });

  it("re-checks the version already scheduled after a new one: an increase relative to it needs its own notice", async () => {
    const p = await product("Scheduled");
    await decide(p, { sellingPrice: 1000 });
    // A decrease scheduled in 20 days: no notice needed then.
    await decide(p, { sellingPrice: 900, effectiveOn: d(20) });
    // A deeper decrease in 10 days would turn the scheduled 900 into an unannounced increase.
    expect(await refusal(decide(p, { sellingPrice: 800, effectiveOn: d(10) }))).toMatchObject({
      key: "laterIncrease",
      field: { sellingPrice: "laterIncreaseField" },
    });
    expect(await refusal(asFassala((tx) => rawVersion(tx, p, 800, d(10))))).toMatchObject({ sqlstate: "TK110", key: "laterIncreaseUnannounced" });
    // Above the scheduled price, or when the scheduled version was announced in time, it is fine.
    await decide(p, { sellingPrice: 950, effectiveOn: d(10) });
    const q = await product("Scheduled and announced");
    await decide(q, { sellingPrice: 1000 });
    await decide(q, { sellingPrice: 900, effectiveOn: d(20), channels: ["radio"], villages: [village] });
    await decide(q, { sellingPrice: 800, effectiveOn: d(10) });
    const chain = (await db.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.productId, q))).map((v) => v.sellingPrice).sort();
    expect(chain).toEqual([1000, 800, 900]);
  });

  it("needs at least one channel and one village for a notice (form, service and database)", async () => {
    const p = await product("Channels");
    const form = { sessionId, productId: p, purchasePrice: "80", sellingPrice: "90", effectiveOn: today() };
    expect(decidePriceSchema.safeParse({ ...form, channels: ["crier"] }).error?.issues).toEqual([
      expect.objectContaining({ path: ["villages"], message: "noticeVillagesRequired" }),
    ]);
    expect(decidePriceSchema.safeParse({ ...form, villages: [village] }).error?.issues).toEqual([
      expect.objectContaining({ path: ["channels"], message: "noticeChannelsRequired" }),
    ]);
    await decide(p, { sellingPrice: 100 });
    expect(await refusal(decide(p, { sellingPrice: 120, effectiveOn: d(8), channels: ["crier"] }))).toMatchObject({
      field: { villages: "noticeVillagesRequired" },
    });
    expect(await refusal(decide(p, { sellingPrice: 90, villages: [village] }))).toMatchObject({ field: { channels: "noticeChannelsRequired" } });
    // Raw: a notice with no channel, or with no village, is refused.
    const noChannel = asFassala(async (tx) => {
      const [v] = await rawVersion(tx, p, 90, today());
      await tx
        .insert(priceNotices)
        .values({ communeOrgId: fassala, priceId: v.id, publishedOn: today(), effectiveOn: today(), isIncrease: false, channels: [] });
    });
    expect(await refusal(noChannel)).toMatchObject({ sqlstate: "TK111", key: "noticeChannelsRequired" });
    const noVillage = asFassala(async (tx) => {
      const [v] = await rawVersion(tx, p, 90, today());
      await rawNotice(tx, v.id, today(), []);
    });
    expect(await refusal(noVillage)).toMatchObject({ sqlstate: "TK112", key: "noticeVillagesRequired" });
    const foreignVillage = asFassala(async (tx) => {
      const [v] = await rawVersion(tx, p, 90, today());
      await rawNotice(tx, v.id, today(), [ids.places.settlements["Dar Naim"]]);
    });
    expect(await refusal(foreignVillage)).toMatchObject({ sqlstate: "TK117" });
  });

  it("lists each attendee once per session (names compared normalised), and fixes them once the session decides", async () => {
    const s = await asFassala(async (tx) => (await createSession(tx, fassala, editor, { heldOn: today(), place: "Hassi Chegar" })).id);
    const add = (name: string, constituency: "mcpgc" | "beneficiaries" | "commune" | "traders_federation") =>
      asFassala((tx) => addAttendee(tx, fassala, editor, { sessionId: s, name, constituency }));
    await add("Aïchetou Mint Brahim", "beneficiaries");
    expect(await refusal(add("  aichetou  MINT-brahim ", "beneficiaries"))).toMatchObject({
      sqlstate: "TK114",
      key: "attendeeDuplicate",
      field: { name: "attendeeDuplicate" },
    });
    // Entered twice under two constituencies to reach a minimum: refused just the same.
    expect(await refusal(add("AÏCHETOU MINT BRAHIM", "commune"))).toMatchObject({ key: "attendeeDuplicate" });
    await add("أَحْمَد ولد سيدي", "mcpgc");
    expect(await refusal(add("احمد ولد سيدي", "mcpgc"))).toMatchObject({ key: "attendeeDuplicate" });
    await add("Mohamed Ould Ahmed", "commune");
    const trader = await add("Cheikh Ould Baba", "traders_federation");
    // Before any decision an attendee may be removed (and added back).
    await asFassala((tx) => removeAttendee(tx, fassala, editor, { sessionId: s, attendeeId: trader.id }));
    const again = await add("Cheikh Ould Baba", "traders_federation");
    const p = await product("Attendees");
    await asFassala((tx) => decidePrice(tx, fassala, editor, { ...decision(p), sessionId: s }));
    expect(await refusal(asFassala((tx) => removeAttendee(tx, fassala, editor, { sessionId: s, attendeeId: again.id })))).toMatchObject({
      key: "attendeesLocked",
    });
    expect(await refusal(asFassala((tx) => tx.delete(sessionAttendees).where(eq(sessionAttendees.id, again.id))))).toMatchObject({ sqlstate: "TK115" });
    expect(
      await refusal(asFassala((tx) => tx.update(sessionAttendees).set({ constituency: "commune" }).where(eq(sessionAttendees.id, again.id)))),
    ).toMatchObject({ sqlstate: "TK115" });
    expect((await db.db.select().from(sessionAttendees).where(eq(sessionAttendees.sessionId, s))).length).toBe(4);
  });

  it("stores with each decision the quorum it was taken under, and shows that one", async () => {
    const s = await quorateSession("Quorum");
    const p = await product("Quorum");
    const { price } = await asFassala((tx) => decidePrice(tx, fassala, editor, { ...decision(p), sessionId: s }));
    const [row] = await db.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.id, price.id));
    expect(row.quorumMinima).toEqual({ mcpgc: 1, beneficiaries: 1, commune: 1, traders_federation: 1 });
    expect(row.quorumCounts).toEqual({ mcpgc: 1, beneficiaries: 1, commune: 1, traders_federation: 1 });
    // The settings change afterwards: the session still shows the quorum it decided under.
    await asFassala((tx) => saveSettings(tx, fassala, { ...settings, minBeneficiaries: 3 }));
    try {
      const listed = (await asFassala((tx) => listSessions(tx, fassala, { size: 50 }))).rows.find((r) => r.id === s)!;
      expect(listed.quorum).toMatchObject({ isQuorate: true, isStored: true, minima: { beneficiaries: 1 } });
      const detail = (await asFassala((tx) => getSessionDetail(tx, fassala, s)))!;
      expect(detail.quorum).toMatchObject({ isQuorate: true, isStored: true });
      expect(detail.liveQuorum).toMatchObject({ isQuorate: false, missing: ["beneficiaries"] });
      // A decision now is refused by the database too, and forged counts are ignored.
      const forged = asFassala((tx) =>
        tx.insert(negotiatedPrices).values({
          communeOrgId: fassala,
          productId: p,
          sessionId: s,
          purchasePrice: 50,
          sellingPrice: 90,
          effectiveOn: today(),
          quorumCounts: { mcpgc: 9, beneficiaries: 9, commune: 9, traders_federation: 9 },
        }),
      );
      expect(await refusal(forged)).toMatchObject({ sqlstate: "TK102", key: "decisionNotQuorate" });
    } finally {
      await asFassala((tx) => saveSettings(tx, fassala, settings));
    }
  });

  it("publishes decisions only when the session is closed; until then they are corrected or withdrawn, with history", async () => {
    const s = await quorateSession("Publication");
    const p = await product("Publication");
    const v1 = await asFassala((tx) =>
      decidePrice(tx, fassala, editor, { ...decision(p, { sellingPrice: 100, channels: ["crier"], villages: [village] }), sessionId: s }),
    );
    const onBoard = async () => (await asFassala((tx) => listBoard(tx, fassala, today()))).find((b) => b.product.id === p)?.current?.sellingPrice ?? null;
    const noticed = async () => (await asFassala((tx) => listNotices(tx, fassala, { size: 200 }))).rows.some((r) => r.product.id === p);
    expect(await onBoard()).toBeNull();
    expect(await noticed()).toBe(false);
    expect(await asFassala((tx) => priceInForce(tx, fassala, p, today()))).toBeNull();
    // Another organisation does not even read the draft's decision.
    const adicorSees = () => db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.select().from(negotiatedPrices).where(eq(negotiatedPrices.productId, p)));
    expect(await adicorSees()).toEqual([]);

    // Never edited in place...
    expect(await refusal(asFassala((tx) => tx.update(negotiatedPrices).set({ sellingPrice: 1 }).where(eq(negotiatedPrices.id, v1.price.id))))).toMatchObject({
      sqlstate: "TK105",
      key: "decisionImmutable",
    });
    // ...but corrected (withdrawn with the reason, a new version in its place) or withdrawn.
    const fixed = await asFassala((tx) =>
      correctDecision(tx, fassala, editor, {
        ...decision(p, { sellingPrice: 95, channels: ["radio"], villages: [village] }),
        sessionId: s,
        decisionId: v1.price.id,
        reason: "Erreur de saisie",
      }),
    );
    expect(fixed.price).toMatchObject({ correctsId: v1.price.id, sellingPrice: 95 });
    const [old] = await db.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.id, v1.price.id));
    expect(old).toMatchObject({ sellingPrice: 100, withdrawReason: "Erreur de saisie", withdrawnBy: editor });
    expect(old.withdrawnAt).toBeInstanceOf(Date);
    expect(await refusal(asFassala((tx) => withdrawDecision(tx, fassala, editor, { sessionId: s, decisionId: v1.price.id, reason: "encore" })))).toMatchObject({
      key: "decisionAlreadyWithdrawn",
    });
    const q = await product("Withdrawn");
    const gone = await asFassala((tx) => decidePrice(tx, fassala, editor, { ...decision(q), sessionId: s }));
    await asFassala((tx) => withdrawDecision(tx, fassala, editor, { sessionId: s, decisionId: gone.price.id, reason: "Pas négocié" }));
    expect(await asFassala((tx) => liveVersions(tx, fassala, q))).toEqual([]);
    // A withdrawal needs a reason, in the form and in the data.
    expect(priceDecisionSchema.safeParse({ intent: "withdraw", sessionId: s, decisionId: gone.price.id, reason: " " }).success).toBe(false);

    // Closing publishes: the board, the notices and the dashboard show the corrected decision.
    const [{ version }] = await db.db.select({ version: priceSessions.version }).from(priceSessions).where(eq(priceSessions.id, s));
    await asFassala((tx) =>
      updateSession(tx, fassala, editor, { sessionId: s, version, heldOn: today(), place: "Publication", minutes: "", status: "closed" }),
    );
    expect(await onBoard()).toBe(95);
    expect(await noticed()).toBe(true);
    expect((await adicorSees()).map((v) => v.sellingPrice).sort()).toEqual([100, 95]);
    expect(
      await refusal(asFassala((tx) => withdrawDecision(tx, fassala, editor, { sessionId: s, decisionId: fixed.price.id, reason: "Trop tard" }))),
    ).toMatchObject({
      key: "sessionClosed",
    });
    expect(
      await refusal(
        asFassala((tx) => tx.update(negotiatedPrices).set({ withdrawnAt: new Date(), withdrawReason: "raw" }).where(eq(negotiatedPrices.id, fixed.price.id))),
      ),
    ).toMatchObject({ sqlstate: "TK101" });
    expect(await refusal(asFassala((tx) => rawVersion(tx, p, 90, today(), s)))).toMatchObject({ sqlstate: "TK101", key: "sessionClosed" });
  });

  it("closes a session only if none of its decisions would take effect before the day it becomes public", async () => {
    const s = await quorateSession("Late closing");
    const p = await product("Late closing");
    // A decision recorded days ago (written as history by the owner), left in the draft.
    await db.db.insert(negotiatedPrices).values({ communeOrgId: fassala, productId: p, sessionId: s, purchasePrice: 50, sellingPrice: 60, effectiveOn: d(-3) });
    const close = () =>
      asFassala(async (tx) => {
        const [{ version }] = await tx.select({ version: priceSessions.version }).from(priceSessions).where(eq(priceSessions.id, s));
        return updateSession(tx, fassala, editor, { sessionId: s, version, heldOn: today(), place: "Late closing", minutes: "", status: "closed" });
      });
    expect(await refusal(close())).toMatchObject({ key: "closeRetroactive", field: { status: "closeRetroactive" } });
    expect(
      await refusal(
        asFassala((tx) =>
          tx
            .update(priceSessions)
            .set({ status: "closed" })
            .where(and(eq(priceSessions.id, s), eq(priceSessions.communeOrgId, fassala))),
        ),
      ),
    ).toMatchObject({ sqlstate: "TK116" });
    const [late] = await db.db.select().from(negotiatedPrices).where(eq(negotiatedPrices.sessionId, s));
    await asFassala((tx) =>
      correctDecision(tx, fassala, editor, {
        ...decision(p, { sellingPrice: 60 }),
        sessionId: s,
        decisionId: late.id,
        reason: "Date d'effet au jour de la clôture",
      }),
    );
    await close();
  });

  it("counts on time on the dashboard from the day each notice was recorded, public decisions only", async () => {
    const before = await asFassala((tx) => loadDashboard(tx, fassala, today()));
    const s = await quorateSession("Dashboard");
    const p = await product("Dashboard");
    await asFassala((tx) => decidePrice(tx, fassala, editor, { ...decision(p, { sellingPrice: 100 }), sessionId: s }));
    await asFassala((tx) =>
      decidePrice(tx, fassala, editor, { ...decision(p, { sellingPrice: 110, effectiveOn: d(7), channels: ["crier"], villages: [village] }), sessionId: s }),
    );
    expect((await asFassala((tx) => loadDashboard(tx, fassala, today()))).increases).toEqual(before.increases);
    await asFassala(async (tx) => {
      const [{ version }] = await tx.select({ version: priceSessions.version }).from(priceSessions).where(eq(priceSessions.id, s));
      await updateSession(tx, fassala, editor, { sessionId: s, version, heldOn: today(), place: "Dashboard", minutes: "", status: "closed" });
    });
    const after = await asFassala((tx) => loadDashboard(tx, fassala, today()));
    expect(after.increases).toEqual({ total: before.increases.total + 1, onTime: before.increases.onTime + 1 });
  });

  it("keeps the commune's choice of digits for its Arabic board; the database takes only Latin or Arabic-Indic", async () => {
    expect(await asFassala(async (tx) => (await loadBoard(tx, fassala, today())).digits)).toBe("latn");
    const parsed = settingsSchema.safeParse({ ...settings, boardDigits: "arab" });
    expect(parsed.success).toBe(true);
    await asFassala((tx) => saveSettings(tx, fassala, parsed.data!));
    expect(await asFassala(async (tx) => (await loadBoard(tx, fassala, today())).digits)).toBe("arab");
    // Saving the other settings alone leaves the choice as it is.
    await asFassala((tx) => saveSettings(tx, fassala, settings));
    expect(await asFassala(async (tx) => (await loadBoard(tx, fassala, today())).digits)).toBe("arab");
    expect(settingsSchema.safeParse({ ...settings, boardDigits: "roman" }).success).toBe(false);
    const refused = await asFassala((tx) => tx.execute(sql`update price_settings set board_digits = 'roman' where commune_org_id = ${fassala}`)).then(
      () => null,
      (e) => pgErrorOf(e)?.code,
    );
    expect(refused).toBe("23514");
    await asFassala((tx) => saveSettings(tx, fassala, { ...settings, boardDigits: "latn" }));
  });
});

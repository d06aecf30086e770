import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { cohesionSurveys, coachingVisits, groupEvaluations, quarterLocks, users } from "@/db/schema";
import { seedDemo, type DemoIds } from "@/db/seed/demo";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadCohesionDashboard } from "@/lib/cohesion/dashboard";
import { recordSurvey } from "@/lib/cohesion/service";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { listEvaluations, listOverdueFollowUps } from "@/lib/coaching/queries";
import { recordEvaluation, recordVisit, voidEvaluation, voidVisit } from "@/lib/coaching/service";
import { exportBody } from "@/lib/exports/response";
import { BOM } from "@/lib/exports/csv";
import { readXlsx } from "@/lib/exports/xlsx-read";
import { assertQuarterOpen, lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { previousQuarter, quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { backend, createTestDb, type TestDb } from "../test-db";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key} ${Object.values(v).join(" ")}` : key);
const today = new Date().toISOString().slice(0, 10);
const lastQ = previousQuarter(quarterOf(today));

describe(`cohesion, coaching and exports on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const org = (slug: keyof DemoIds["orgs"], type: TenantOrg["type"]): TenantOrg => ({ id: ids.orgs[slug], slug, name: slug, type });

  let userId: string;
  beforeAll(async () => {
    db = await createTestDb();
    ids = await seedDemo(db.db);
    [{ id: userId }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
  });
  afterAll(async () => db?.destroy());

  it("scopes villages like the pages: network and NGO to Fassala, not Bassikounou", async () => {
    const network = await listVisibleVillages(db.db, org("femmes-fassala", "cooperative_network"));
    expect(network).toHaveLength(15);
    expect(await listVisibleVillages(db.db, org("ong-sahel", "ngo"))).toHaveLength(4);
    expect((await listVisibleVillages(db.db, org("acor", "consortium"))).length).toBe(19);
  });

  it("computes the dashboard figures from the surveys, and the exports carry exactly those figures", async () => {
    const reader = { orgType: "cooperative_network" as const, canSeePeople: false };
    const dash = (await loadCohesionDashboard(db.db, org("femmes-fassala", "cooperative_network"), reader, {}, t))!;
    const trend = dash.tables.trend;
    expect(trend.rows).toHaveLength(6);
    // An independent computation of one figure: hosts' trust in the last quarter, all villages.
    const result = await db.db.execute(sql`
      select round(sum(a.level3 + a.level4) * 1000.0 / sum(a.level1 + a.level2 + a.level3 + a.level4)) / 10 as pct
      from cohesion_answers a join cohesion_surveys s on s.id = a.survey_id
      where s.quarter = ${lastQ} and a.indicator_code = 'trust' and a.community = 'host'`);
    const rows = ((result as unknown as { rows?: { pct: string }[] }).rows ?? (result as unknown as { pct: string }[]));
    const col = trend.columns.findIndex((c) => c.key === "trust_host");
    const lastRow = trend.rows.find((r) => r[0] === lastQ)!;
    expect(lastRow[col]).toBe(Number(rows[0].pct));

    for (const table of [dash.tables.trend, dash.tables.villages]) {
      const bytes = new Uint8Array(await new Response(exportBody(table, "csv", { hxl: true })).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(csv.startsWith(BOM)).toBe(true);
      const lines = csv.slice(1).trimEnd().split("\r\n").map((l) => l.split(","));
      expect(lines).toHaveLength(table.rows.length + 2);
      expect(lines[1]).toEqual(table.columns.map((c) => c.hxl));
      lines.slice(2).forEach((cells, i) => expect(cells).toEqual(table.rows[i].map((v) => (v == null ? "" : String(v)))));

      const xlsx = readXlsx(new Uint8Array(await new Response(exportBody(table, "xlsx", { rtl: true })).arrayBuffer()));
      expect(xlsx.rtl).toBe(true);
      xlsx.rows.slice(1).forEach((cells, i) => expect(cells).toEqual(table.rows[i].map((v) => v ?? "").slice(0, cells.length)));
      expect(xlsx.rows).toHaveLength(table.rows.length + 1);
    }
    // The network's per-village table hides small counts.
    expect(dash.tables.villages.rows.flat()).toContain("<5");
  });

  it("shows the NGO, which may see people, the counts unsuppressed", async () => {
    const dash = (await loadCohesionDashboard(db.db, org("adicor", "ngo"), { orgType: "ngo", canSeePeople: true }, {}, t))!;
    expect(dash.tables.villages.rows.flat()).not.toContain("<5");
  });

  it("refuses a village outside the scope, and a village's survey entered by another organisation", async () => {
    const base = {
      surveyedOn: today, hostWomen: 5, hostMen: 5, refugeeWomen: 5, refugeeMen: 5, disputesReferred: 0, disputesResolved: 0, notes: "",
    };
    await expect(
      db.db.transaction((tx) => recordSurvey(tx, org("ong-sahel", "ngo"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] })),
    ).rejects.toMatchObject({ fieldErrors: { villageId: "villageRequired" } });
    await db.db.transaction((tx) => recordSurvey(tx, org("fassala", "commune"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] }));
    await expect(
      db.db.transaction((tx) => recordSurvey(tx, org("adicor", "ngo"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] })),
    ).rejects.toMatchObject({ messageKey: "surveyEnteredByOther" });
    const [s] = await db.db.select().from(cohesionSurveys).where(and(eq(cohesionSurveys.villageId, ids.places.settlements["Tinzah"]), eq(cohesionSurveys.quarter, quarterOf(today))));
    expect(s.orgId).toBe(ids.orgs.fassala);
  });

  it("lists the seeded overdue follow-up and the last quarter's evaluations", async () => {
    const overdue = await listOverdueFollowUps(db.db, org("adicor", "ngo"), today);
    expect(overdue).toHaveLength(1);
    expect(overdue[0].daysLate).toBeGreaterThan(0);
    const evals = await listEvaluations(db.db, org("adicor", "ngo"), lastQ);
    expect(evals.filter((e) => e.score != null)).toHaveLength(12);
  });

  it("refuses to create, change or void records dated in a locked quarter; unlocking needs a reason and is kept", async () => {
    const adicor = ids.orgs.adicor;
    const inLocked = quarterBounds(lastQ).start;
    const shop = ids.groups.shops[0];
    
    const visit = { groupId: shop, visitedOn: inLocked, topics: "Stock", findings: "", action1: "", due1: "", action2: "", due2: "", action3: "", due3: "" };
    await expect(db.db.transaction((tx) => assertQuarterOpen(tx, adicor, inLocked))).rejects.toMatchObject({ messageKey: "quarterLocked", values: { quarter: lastQ } });
    await expect(db.db.transaction((tx) => recordVisit(tx, adicor, { id: userId, name: "Coach" }, visit))).rejects.toMatchObject({ messageKey: "quarterLocked" });
    const [ev] = await db.db.select().from(groupEvaluations).where(and(eq(groupEvaluations.groupId, shop), eq(groupEvaluations.quarter, lastQ)));
    const evaluation = { groupId: shop, quarter: lastQ, evaluatedOn: quarterBounds(lastQ).end, rulesRespected: true, booksKept: true, stockChecked: true, score: 9, comments: "" };
    await expect(db.db.transaction((tx) => recordEvaluation(tx, adicor, userId, evaluation))).rejects.toMatchObject({ messageKey: "quarterLocked" });
    await expect(db.db.transaction((tx) => voidEvaluation(tx, adicor, ev.id, "erreur"))).rejects.toMatchObject({ messageKey: "quarterLocked" });
    const [oldVisit] = await db.db.select().from(coachingVisits).where(eq(coachingVisits.ngoOrgId, adicor)).limit(1);
    await expect(db.db.transaction((tx) => voidVisit(tx, adicor, oldVisit.id, "erreur"))).rejects.toMatchObject({ messageKey: "quarterLocked" });
    // Nothing changed.
    const [still] = await db.db.select().from(groupEvaluations).where(eq(groupEvaluations.id, ev.id));
    expect(still.voidedAt).toBeNull();
    // Another NGO is not bound by ADICOR's lock.
    await db.db.transaction((tx) => assertQuarterOpen(tx, ids.orgs["ong-sahel"], inLocked));

    await expect(db.db.transaction((tx) => lockQuarter(tx, adicor, lastQ, userId))).rejects.toMatchObject({ messageKey: "quarterAlreadyLocked" });
    await db.db.transaction((tx) => unlockQuarter(tx, adicor, lastQ, userId, "Correction d'une évaluation"));
    await db.db.transaction((tx) => recordEvaluation(tx, adicor, userId, evaluation));
    await db.db.transaction((tx) => lockQuarter(tx, adicor, lastQ, userId));
    const history = await db.db.select().from(quarterLocks).where(eq(quarterLocks.ngoOrgId, adicor));
    expect(history).toHaveLength(2);
    expect(history.find((h) => h.unlockedAt)?.unlockReason).toBe("Correction d'une évaluation");
    expect(await db.db.select().from(quarterLocks).where(and(eq(quarterLocks.ngoOrgId, adicor), isNull(quarterLocks.unlockedAt)))).toHaveLength(1);
    // The database itself refuses an unlock without a reason.
    await expect(db.db.update(quarterLocks).set({ unlockedAt: new Date() }).where(eq(quarterLocks.ngoOrgId, adicor))).rejects.toThrow();
  });

  it("does not let an NGO write coaching records for a group it does not support", async () => {
    const visit = { groupId: ids.groups.shops[0], visitedOn: today, topics: "x", findings: "", action1: "", due1: "", action2: "", due2: "", action3: "", due3: "" };
    await expect(db.db.transaction((tx) => recordVisit(tx, ids.orgs["ong-sahel"], { id: userId, name: "x" }, visit))).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

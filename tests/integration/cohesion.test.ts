import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import {
  activityTypes,
  cohesionSurveys,
  coachingVisits,
  creditRepayments,
  customerCredits,
  groupEvaluations,
  groupMemberships,
  groups,
  households,
  people,
  places,
  quarterLocks,
  users,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { TenantOrg } from "@/lib/auth/tenant-core";
import { loadCohesionDashboard } from "@/lib/cohesion/dashboard";
import { crossCommunityShare, mixedGroupShare, onTimeShare, repaymentRate } from "@/lib/cohesion/indicators";
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
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
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
    const rows = (result as { rows?: { pct: string }[] }).rows ?? (result as { pct: string }[]);
    const col = trend.columns.findIndex((c) => c.key === "trust_host");
    const lastRow = trend.rows.find((r) => r[0] === lastQ)!;
    expect(lastRow[col]).toBe(Number(rows[0].pct));

    expect(dash.tables["records-trend"].rows.length).toBeGreaterThan(0);
    expect(dash.tables["records-villages"].rows.length).toBeGreaterThan(0);
    for (const table of Object.values(dash.tables)) {
      const bytes = new Uint8Array(await new Response(exportBody(table, "csv", { hxl: true })).arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
      expect(csv.startsWith(BOM)).toBe(true);
      const lines = csv
        .slice(1)
        .trimEnd()
        .split("\r\n")
        .map((l) => l.split(","));
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

  it("derives the records' indicators: the figures equal a count by hand from the seeded rows", async () => {
    const adicor = org("adicor", "ngo");
    const dash = (await loadCohesionDashboard(db.db, adicor, { orgType: "ngo", canSeePeople: true }, {}, t, today))!;
    // The rows, read plainly: ADICOR's groups all lie in Fassala, which ADICOR reads.
    const memberRows = await db.db
      .select({ groupId: groupMemberships.groupId, joinedOn: groupMemberships.joinedOn, leftOn: groupMemberships.leftOn, status: households.status })
      .from(groupMemberships)
      .innerJoin(people, eq(people.id, groupMemberships.personId))
      .innerJoin(households, eq(households.id, people.householdId));
    const groupRows = await db.db
      .select({ id: groups.id, villageId: groups.villageId, start: groups.startDate, kind: activityTypes.kind, villageCommunity: places.community })
      .from(groups)
      .innerJoin(places, eq(places.id, groups.villageId))
      .innerJoin(activityTypes, eq(activityTypes.code, groups.activityType))
      .where(eq(groups.ngoOrgId, ids.orgs.adicor));
    const creditRows = await db.db.select().from(customerCredits);
    const repaymentRows = await db.db.select().from(creditRepayments);
    const membersOn = (groupId: string, day: string) => {
      const active = memberRows.filter((m) => m.groupId === groupId && m.joinedOn <= day && (!m.leftOn || m.leftOn > day));
      const refugee = active.filter((m) => m.status.startsWith("refugee")).length;
      return { host: active.length - refugee, refugee };
    };
    const communityOn = (g: (typeof groupRows)[number], day: string) => {
      const m = membersOn(g.id, day);
      return m.refugee > m.host ? "refugee" : m.host > m.refugee ? "host" : g.villageCommunity;
    };
    const sums = new Map<string, { credits: number; granted: number; repaid: number; due: number; onTime: number }>();
    for (const c of creditRows) {
      const g = groupRows.find((x) => x.id === c.groupId);
      if (!g) continue;
      expect(c.currency).toBe("MRU"); // one currency and one rate in the demo: the rate cancels out
      const relation = c.community === "other_village" ? "unknown" : c.community === communityOn(g, c.grantedOn) ? "same" : "cross";
      const paid = repaymentRows.filter((r) => r.creditId === c.id);
      const k = `${quarterOf(c.grantedOn)}/${relation}`;
      const s = sums.get(k) ?? { credits: 0, granted: 0, repaid: 0, due: 0, onTime: 0 };
      s.credits += 1;
      s.granted += c.amount;
      s.repaid += Math.min(
        c.amount,
        paid.reduce((a, r) => a + r.amount, 0),
      );
      if (c.dueOn < today) {
        s.due += 1;
        if (paid.filter((r) => r.paidOn <= c.dueOn).reduce((a, r) => a + r.amount, 0) >= c.amount) s.onTime += 1;
      }
      sums.set(k, s);
    }
    const table = dash.tables["records-trend"];
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    const quarters = [...new Set([...sums.keys()].map((k) => k.split("/")[0]))].sort();
    // Every quarter from the first to the last credit, those without a credit included.
    expect([table.rows[0][0], table.rows.at(-1)![0]]).toEqual([quarters[0], quarters.at(-1)]);
    expect(quarters.every((q) => table.rows.some((r) => r[0] === q))).toBe(true);
    let cross = 0;
    for (const row of table.rows) {
      const get = (rel: string) => sums.get(`${row[0]}/${rel}`) ?? { credits: 0, granted: 0, repaid: 0, due: 0, onTime: 0 };
      const [same, other, unknown] = [get("same"), get("cross"), get("unknown")];
      cross += other.credits;
      expect(row[col("creditsSame")], String(row[0])).toBe(same.credits);
      expect(row[col("creditsCross")], String(row[0])).toBe(other.credits);
      expect(row[col("creditsOtherVillage")], String(row[0])).toBe(unknown.credits);
      expect(row[col("crossShare")]).toBe(crossCommunityShare({ same: same.credits, cross: other.credits }));
      expect(row[col("repaidSame")]).toBe(repaymentRate(same.granted, same.repaid));
      expect(row[col("repaidCross")]).toBe(repaymentRate(other.granted, other.repaid));
      expect(row[col("onTimeSame")]).toBe(onTimeShare(same.due, same.onTime));
      expect(row[col("onTimeCross")]).toBe(onTimeShare(other.due, other.onTime));
      // Groups at the end of the quarter.
      const end = quarterBounds(String(row[0])).end;
      const active = groupRows
        .filter((g) => g.kind === "group" && g.start <= end)
        .map((g) => membersOn(g.id, end))
        .filter((m) => m.host + m.refugee > 0);
      const mixed = active.filter((m) => m.host > 0 && m.refugee > 0).length;
      expect(row[col("groups")]).toBe(active.length);
      expect(row[col("mixedGroups")]).toBe(mixed);
      expect(row[col("mixedShare")]).toBe(mixedGroupShare(active.length, mixed));
    }
    expect(cross).toBeGreaterThan(0); // the demo has credit sales across communities...
    const villages = dash.tables["records-villages"];
    const vcol = (k: string) => villages.columns.findIndex((c) => c.key === k);
    const mixedToday = groupRows
      .filter((g) => g.kind === "group")
      .map((g) => membersOn(g.id, today))
      .filter((m) => m.host > 0 && m.refugee > 0).length;
    expect(mixedToday).toBeGreaterThan(0); // ...and mixed groups
    expect(villages.rows.reduce((a, r) => a + Number(r[vcol("mixedGroups")]), 0)).toBe(mixedToday);
    expect(villages.rows.reduce((a, r) => a + Number(r[vcol("groups")]), 0)).toBe(33);
    expect(villages.rows.reduce((a, r) => a + Number(r[vcol("creditsCross")]), 0)).toBe(cross);
  });

  it("reads the same records' figures under row-level security as the application role", async () => {
    for (const [slug, type] of [
      ["femmes-fassala", "cooperative_network"],
      ["fassala", "commune"],
      ["acor", "consortium"],
      ["ong-sahel", "ngo"],
    ] as const) {
      const reader = { orgType: type, canSeePeople: false };
      const plain = (await loadCohesionDashboard(db.db, org(slug, type), reader, {}, t, today))!;
      const underRls = (await db.asApp({ orgId: ids.orgs[slug], userId }, (tx) => loadCohesionDashboard(tx, org(slug, type), reader, {}, t, today)))!;
      expect(underRls.tables["records-trend"], slug).toEqual(plain.tables["records-trend"]);
      expect(underRls.tables["records-villages"], slug).toEqual(plain.tables["records-villages"]);
      if (slug !== "ong-sahel") expect(plain.tables["records-villages"].rows.length, slug).toBeGreaterThan(0);
    }
  });

  it("shows the NGO, which may see people, the counts unsuppressed", async () => {
    const dash = (await loadCohesionDashboard(db.db, org("adicor", "ngo"), { orgType: "ngo", canSeePeople: true }, {}, t))!;
    expect(dash.tables.villages.rows.flat()).not.toContain("<5");
  });

  it("refuses a village outside the scope, and a village's survey entered by another organisation", async () => {
    const base = {
      surveyedOn: today,
      hostWomen: 5,
      hostMen: 5,
      refugeeWomen: 5,
      refugeeMen: 5,
      disputesReferred: 0,
      disputesResolved: 0,
      notes: "",
    };
    await expect(
      db.db.transaction((tx) => recordSurvey(tx, org("ong-sahel", "ngo"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] })),
    ).rejects.toMatchObject({ fieldErrors: { villageId: "villageRequired" } });
    await db.db.transaction((tx) => recordSurvey(tx, org("fassala", "commune"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] }));
    await expect(
      db.db.transaction((tx) => recordSurvey(tx, org("adicor", "ngo"), userId, { ...base, villageId: ids.places.settlements["Tinzah"] })),
    ).rejects.toMatchObject({ messageKey: "surveyEnteredByOther" });
    const [s] = await db.db
      .select()
      .from(cohesionSurveys)
      .where(and(eq(cohesionSurveys.villageId, ids.places.settlements["Tinzah"]), eq(cohesionSurveys.quarter, quarterOf(today))));
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
    await expect(db.db.transaction((tx) => assertQuarterOpen(tx, adicor, inLocked))).rejects.toMatchObject({
      messageKey: "quarterLocked",
      values: { quarter: lastQ },
    });
    await expect(db.db.transaction((tx) => recordVisit(tx, adicor, { id: userId, name: "Coach" }, visit))).rejects.toMatchObject({
      messageKey: "quarterLocked",
    });
    const [ev] = await db.db
      .select()
      .from(groupEvaluations)
      .where(and(eq(groupEvaluations.groupId, shop), eq(groupEvaluations.quarter, lastQ)));
    const evaluation = {
      groupId: shop,
      quarter: lastQ,
      evaluatedOn: quarterBounds(lastQ).end,
      rulesRespected: true,
      booksKept: true,
      stockChecked: true,
      score: 9,
      comments: "",
    };
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
    expect(
      await db.db
        .select()
        .from(quarterLocks)
        .where(and(eq(quarterLocks.ngoOrgId, adicor), isNull(quarterLocks.unlockedAt))),
    ).toHaveLength(1);
    // The database itself refuses an unlock without a reason.
    await expect(db.db.update(quarterLocks).set({ unlockedAt: new Date() }).where(eq(quarterLocks.ngoOrgId, adicor))).rejects.toThrow();
  });

  it("does not let an NGO write coaching records for a group it does not support", async () => {
    const visit = {
      groupId: ids.groups.shops[0],
      visitedOn: today,
      topics: "x",
      findings: "",
      action1: "",
      due1: "",
      action2: "",
      due2: "",
      action3: "",
      due3: "",
    };
    await expect(db.db.transaction((tx) => recordVisit(tx, ids.orgs["ong-sahel"], { id: userId, name: "x" }, visit))).rejects.toMatchObject({
      code: "not_found",
    });
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import {
  activityTypes,
  groupMemberships,
  groups,
  households,
  managerTeamMembers,
  memberships,
  managerTeams,
  managerTerms,
  people,
  technicalAids,
} from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import { loadCompareTable } from "@/lib/compare/table";
import { countMembers } from "@/lib/orgs/queries";
import { exportBody } from "@/lib/exports/response";
import { readXlsx } from "@/lib/exports/xlsx-read";
import { groupScopeSql, rowsOf } from "@/lib/groups/scope";
import { checkRotation } from "@/lib/groups/rotation";
import { loadInclusionDashboard, type InclusionDashboard } from "@/lib/inclusion/dashboard";
import { emptyCounts, type InclusionCounts } from "@/lib/inclusion/indicators";
import { aggregateInclusion, listPeople } from "@/lib/inclusion/queries";
import { listGroupMembers, listRotation } from "@/lib/groups/queries";
import { ageBandOf } from "@/lib/people/age-bands";
import type { Reader } from "@/lib/privacy/suppress";
import { answersOf, wgDomains, wgStatus, WG_CUTOFF } from "@/lib/wgss";
import { backend, createTestDb, type TestDb } from "../test-db";
import { demoOrgTypes, type DemoSlug } from "../demo-orgs";

const t = (key: string, v?: Record<string, string | number>) => (v ? `${key} ${Object.values(v).join(" ")}` : key);
const ON = "2026-11-29";
type Slug = DemoSlug;
const types = demoOrgTypes;
const readerFor = (slug: Slug): Reader => ({ orgType: types[slug], canSeePeople: types[slug] === "ngo" });

describe(`inclusion dashboard on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const org = (slug: Slug) => ({ id: ids.orgs[slug], slug, name: slug, type: types[slug] });
  /** As the application role in the organisation's context: row-level security applies. */
  const as = <T>(slug: Slug, fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs[slug] }, fn);
  const dashboard = (slug: Slug, on = ON, by: "activity" | "village" = "activity") =>
    as(slug, (tx) => loadInclusionDashboard(tx, org(slug), readerFor(slug), { on, by }, t, "fr"));

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
  });
  afterAll(async () => db?.destroy());

  /**
   * The same figures counted by hand in TypeScript from the seeded rows (read as the owner), with
   * the pure rules: wgStatus, ageBandOf, checkRotation. Independent of the dashboard's SQL.
   */
  async function handCount(slug: Slug, on: string, activity?: string): Promise<InclusionCounts> {
    const visible = rowsOf<{ id: string }>(
      await db.db.execute(
        sql`select g.id from groups g join activity_types a on a.code = g.activity_type where a.kind = 'group' and ${groupScopeSql(org(slug), "g")}`,
      ),
    ).map((r) => r.id);
    const gs = (
      await db.db.select().from(groups).innerJoin(activityTypes, eq(activityTypes.code, groups.activityType)).where(inArray(groups.id, visible))
    ).filter((g) => !activity || g.groups.activityType === activity);
    const ms = (await db.db.select().from(groupMemberships).where(inArray(groupMemberships.groupId, visible))).filter(
      (m) => gs.some((g) => g.groups.id === m.groupId) && m.joinedOn <= on && (!m.leftOn || m.leftOn > on),
    );
    const ps = new Map((await db.db.select().from(people)).map((p) => [p.id, p]));
    const hh = new Map((await db.db.select().from(households)).map((h) => [h.id, h]));
    const teams = await db.db.select().from(managerTeams);
    const links = await db.db.select().from(managerTeamMembers);
    const terms = await db.db.select().from(managerTerms);
    const aided = new Set((await db.db.select().from(technicalAids)).filter((a) => a.receivedOn <= on).map((a) => a.personId));
    const year = Number(on.slice(0, 4));
    const c = emptyCounts();
    const people_ = new Map<string, { served: boolean; inCycle: boolean; never: boolean }>();
    const groupsWith = new Set<string>();
    const cycleGroups = new Set<string>();
    for (const g of gs) {
      const gTeams = teams
        .filter((x) => x.groupId === g.groups.id)
        .map((x) => ({ id: x.id, memberIds: links.filter((l) => l.teamId === x.id).map((l) => l.membershipId) }));
      const gMs = ms.filter((m) => m.groupId === g.groups.id);
      const rot = checkRotation(
        gMs.map((m) => m.id),
        gTeams,
        terms.filter((x) => x.groupId === g.groups.id),
        on,
      );
      const servedTeams = new Set(rot.cycle?.map((x) => x.teamId) ?? []);
      for (const m of gMs) {
        groupsWith.add(g.groups.id);
        if (rot.cycle) cycleGroups.add(g.groups.id);
        const e = people_.get(m.personId) ?? { served: false, inCycle: false, never: false };
        e.inCycle ||= !!rot.cycle;
        e.served ||= !!rot.cycle && gTeams.some((x) => servedTeams.has(x.id) && x.memberIds.includes(m.id));
        e.never ||= rot.leftOut.includes(m.id);
        people_.set(m.personId, e);
      }
    }
    for (const [id, e] of people_) {
      const p = ps.get(id)!;
      const status = wgStatus(answersOf(p), p.birthYear, year);
      const disabled = status === "disability";
      const female = p.sex === "female";
      c.members++;
      c[female ? "women" : "men"]++;
      c.bands[ageBandOf(p.birthYear, on) ?? "unknown"]++;
      c[({ disability: "disabled", no_disability: "noDisability", unknown: "wgUnknown", too_young: "tooYoung" } as const)[status]]++;
      for (const d of wgDomains) if (status !== "too_young" && WG_CUTOFF.includes(answersOf(p)[d])) c.domains[d]++;
      c.status[(p.householdId && hh.get(p.householdId)?.status) || "unknown"]++;
      const tally = (t: { members: number; women: number; disabled: number }) => {
        t.members++;
        if (female) t.women++;
        if (disabled) t.disabled++;
      };
      if (e.inCycle) tally(c.cycle);
      if (e.inCycle && e.served) tally(c.managers);
      if (e.never) c.neverIncluded++;
      if (disabled && aided.has(id)) c.disabledWithAid++;
    }
    c.groups = groupsWith.size;
    c.cycleGroups = cycleGroups.size;
    return c;
  }

  it("finds the demo's figures: ADICOR's 223 group members, 8 with a disability, 1 never in a team, 2 without an aid", async () => {
    const d = await dashboard("adicor");
    expect(d.total).toMatchObject({ members: 223, groups: 33, cycleGroups: 33, disabled: 8, neverIncluded: 1, disabledWithAid: 6 });
    expect(d.total.domains).toMatchObject({ walking: 3, seeing: 2, hearing: 1, cognition: 1, communication: 1, selfCare: 1 });
    const never = d.tables["never-included"]!;
    expect(never.rows).toHaveLength(1);
    expect(never.rows[0][1]).toBe("Boutique communautaire de Fassala");
    expect(d.tables["without-aid"]!.rows.map((r) => r[3]).sort()).toEqual(["domain.cognition", "domain.communication"]);
    expect(d.tables.aids.rows).toEqual([
      ["Tricycle", 3, 3, 3],
      ["Lunettes", 2, 2, 2],
      ["Appareil auditif", 1, 1, 1],
      ["total", 6, 6, 6],
    ]);
    // The kinds of aid are reference data named in the reader's language (aid_types).
    const ar = await as("adicor", (tx) => loadInclusionDashboard(tx, org("adicor"), readerFor("adicor"), { on: ON, by: "activity" }, t, "ar"));
    expect(ar.tables.aids.rows.map((r) => r[0])).toEqual(["دراجة ثلاثية العجلات", "نظارات", "سماعة طبية", "total"]);
    const butchery = d.tables.disability.rows.find((r) => r[0] === "Boucherie villageoise")!;
    expect(butchery.slice(1, 6)).toEqual([8, 40, 0, 0, 48]);
  });

  it("equals a hand count from the seeded rows, for every kind of reader, overall and per activity", async () => {
    for (const slug of ["adicor", "femmes-fassala", "fassala", "acor", "ong-sahel", "bassikounou"] as const) {
      const agg = await as(slug, (tx) => aggregateInclusion(tx, { org: org(slug), on: ON, by: "activity", locale: "fr" }));
      expect(agg.total, slug).toEqual(await handCount(slug, ON));
      for (const row of agg.rows) expect(row.counts, `${slug} ${row.key}`).toEqual(await handCount(slug, ON, row.key));
    }
  });

  it("serves in the exports exactly the figures of the page, as CSV and XLSX", async () => {
    for (const slug of ["femmes-fassala", "adicor"] as const) {
      const d: InclusionDashboard = await dashboard(slug, ON, "village");
      for (const table of Object.values(d.tables)) {
        const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
          new Uint8Array(await new Response(exportBody(table, "csv", { hxl: true })).arrayBuffer()),
        );
        expect(csv.startsWith("\uFEFF")).toBe(true);
        const lines = csv.slice(1).trimEnd().split("\r\n");
        expect(lines, table.id).toHaveLength(table.rows.length + 2);
        expect(lines[1]).toBe(table.columns.map((c) => c.hxl).join(","));
        const xlsx = readXlsx(new Uint8Array(await new Response(exportBody(table, "xlsx", { rtl: true })).arrayBuffer()));
        expect(xlsx.rtl).toBe(true);
        expect(xlsx.rows[0]).toEqual(table.columns.map((c) => c.label));
        xlsx.rows.slice(1).forEach((cells, i) => expect(cells).toEqual(table.rows[i].map((v) => v ?? "").slice(0, cells.length)));
      }
    }
  });

  it("gives a network aggregates only, small counts as '<5'; the NGO sees names", async () => {
    const network = await dashboard("femmes-fassala");
    expect(network.tables["never-included"]).toBeUndefined();
    expect(network.tables["without-aid"]).toBeUndefined();
    expect(network.persons).toBe(false);
    expect(network.total.neverIncluded).toBe(1);
    const neverCol = network.tables["participation-by"].columns.findIndex((c) => c.key === "neverIncluded");
    expect(network.tables["participation-by"].rows.at(-1)![neverCol]).toBe("<5");
    expect(Object.values(network.tables).flatMap((tb) => tb.rows.flat())).toContain("<5");
    const adicor = await dashboard("adicor");
    expect(Object.values(adicor.tables).flatMap((tb) => tb.rows.flat())).not.toContain("<5");
  });

  it("lets a commune read the technical aids of the groups in its territory (migration 0010), nobody else's", async () => {
    const commune = await dashboard("fassala");
    expect(commune.tables.aids.rows.at(-1)).toEqual(["total", 6, 6, 6]);
    expect(commune.tables["without-aid"]).toBeUndefined();
    const other = await as("bassikounou", (tx) => tx.select().from(technicalAids));
    expect(other).toHaveLength(0);
  });

  it("shows another tenant nothing: ONG Sahel reads only its own members, even when asking for ADICOR's groups", async () => {
    const sahel = await dashboard("ong-sahel");
    expect(sahel.total).toMatchObject({ members: 15, groups: 3, cycleGroups: 0, neverIncluded: 15 });
    expect(sahel.tables["never-included"]!.rows.every((r) => String(r[2]).match(/Bassikounou|Dar Naim|Hassi Ehl Ahmed/))).toBe(true);
    const forged = await as("ong-sahel", (tx) => aggregateInclusion(tx, { org: org("adicor"), on: ON, by: "activity", locale: "fr" }));
    expect(forged.total.members).toBe(0);
    expect(forged.rows).toEqual([]);
    const noContext = await db.asApp({}, (tx) => aggregateInclusion(tx, { org: org("adicor"), on: ON, by: "activity", locale: "fr" }));
    expect(noContext.total.members).toBe(0);
  });

  it("adds revenue and inclusion columns to the consortium's comparison", async () => {
    const build = (params: { currency: "XOF" | "MRU"; from?: string; to?: string }) =>
      as("acor", (tx) => loadCompareTable(tx, org("acor"), readerFor("acor"), params, t, (x) => x));
    const { table } = await build({ currency: "XOF" });
    const col = (k: string) => table.columns.findIndex((c) => c.key === k);
    const adicor = table.rows.find((r) => String(r[0]).startsWith("ADICOR"))!;
    expect(table.columns.find((c) => c.key === "revenue")!.label).toBe("revenueCol.revenue XOF");
    expect(adicor[col("revenue")]).toBe(16_014_035);
    expect(adicor[col("groups")]).toBe(33);
    // Accounts are counted for every member (three demo accounts each, and ADICOR's shop manager) without reading them.
    expect(table.rows.map((r) => r[col("accounts")])).toEqual(table.rows.map((r) => (String(r[0]).startsWith("ADICOR") ? 4 : 3)));
    expect(await as("acor", (tx) => tx.select().from(memberships).where(eq(memberships.orgId, ids.orgs.adicor)))).toEqual([]);
    expect(await as("ong-sahel", (tx) => countMembers(tx, ids.orgs.adicor))).toBeNull();
    const total = (await dashboard("adicor")).total;
    expect(adicor.slice(col("activeMembers"), col("disabledManagersPct") + 1)).toEqual([
      total.members,
      Math.round((total.women * 1000) / total.members) / 10,
      Math.round((total.disabled * 1000) / total.members) / 10,
      Math.round(((total.status.refugee_out_of_camp + total.status.refugee_in_camp) * 1000) / total.members) / 10,
      Math.round((total.managers.disabled * 1000) / total.managers.members) / 10,
    ]);
    const sahel = table.rows.find((r) => r[0] === "ONG Sahel")!;
    expect(sahel[col("activeMembers")]).toBe(15);
    expect(sahel[col("disabledManagersPct")]).toBeNull();
    const mru = (await build({ currency: "MRU" })).table.rows.find((r) => String(r[0]).startsWith("ADICOR"))!;
    expect(mru[col("revenue")]).toBe(960_861);
    const year = (await build({ currency: "MRU", from: "2024-01-01", to: "2024-12-31" })).table.rows.find((r) => String(r[0]).startsWith("ADICOR"))!;
    const [{ n }] = rowsOf<{ n: number }>(
      await db.db
        .execute(sql`select sum(l.amount)::int as n from ledger_entries l join groups g on g.id = l.group_id join activity_types a on a.code = g.activity_type
        where g.ngo_org_id = ${ids.orgs.adicor} and a.kind = 'group' and l.kind = 'sale' and l.voided_at is null and l.occurred_on between '2024-01-01' and '2024-12-31'`),
    );
    expect(year[col("revenue")]).toBe(n);
    expect(n).toBeLessThan(960_861);
  });
  it("follows the records at another date: leavers, unanswered questions, a team that has not served yet, a child", async () => {
    const shop = ids.groups.shops[3];
    const [m1, m2, m3] = await db.db.select().from(groupMemberships).where(eq(groupMemberships.groupId, shop)).limit(3);
    await db.db.update(groupMemberships).set({ leftOn: "2025-01-31" }).where(eq(groupMemberships.id, m1.id));
    await db.db.update(people).set({ wgCognition: "not_asked" }).where(eq(people.id, m2.personId));
    await db.db.update(people).set({ birthYear: 2023 }).where(eq(people.id, m3.personId));
    const [team] = await db.db.insert(managerTeams).values({ groupId: ids.groups.shops[5], name: "Équipe nouvelle" }).returning();
    await db.db.insert(managerTerms).values({ groupId: ids.groups.shops[5], teamId: team.id, startsOn: "2030-01-01", endsOn: "2030-06-30" });
    for (const on of [ON, "2024-12-31", "2023-06-30"]) {
      const agg = await as("adicor", (tx) => aggregateInclusion(tx, { org: org("adicor"), on, by: "village", locale: "fr" }));
      expect(agg.total, on).toEqual(await handCount("adicor", on));
    }
    const now = await dashboard("adicor");
    expect(now.total).toMatchObject({ members: 222, wgUnknown: 1, tooYoung: 1, cycleGroups: 32 });
    // The shop with a team that has not served yet has no full cycle: its members count apart.
    expect(now.total.cycle.members).toBe(222 - 9);
  });
  /** Active at `on` as the group page takes its members on the day: joined by then and not left. */
  const activeOn = (m: { joinedOn: string; leftOn: string | null }, on: string) => m.joinedOn <= on && (!m.leftOn || m.leftOn > on);

  /**
   * The group page's rotation warning for every group activity the reader sees, from the page's
   * own loaders (read once, the rule applied at each date).
   */
  const pageWarningsAt = (slug: Slug, dates: string[]) =>
    as(slug, async (tx) => {
      const visible = rowsOf<{ id: string; name: string }>(
        await tx.execute(
          sql`select g.id, g.name from groups g join activity_types a on a.code = g.activity_type where a.kind = 'group' and ${groupScopeSql(org(slug), "g")}`,
        ),
      );
      const loaded: {
        g: (typeof visible)[number];
        members: Awaited<ReturnType<typeof listGroupMembers>>;
        rotation: Awaited<ReturnType<typeof listRotation>>;
      }[] = [];
      for (const g of visible) loaded.push({ g, members: await listGroupMembers(tx, g.id), rotation: await listRotation(tx, g.id) });
      return dates.map((on) => {
        const leftOut: string[] = [];
        const persons = new Set<string>();
        let cycleGroups = 0;
        for (const { g, members: all, rotation } of loaded) {
          const members = all.filter((m) => activeOn(m, on));
          const check = checkRotation(
            members.map((m) => m.membershipId),
            rotation.teams,
            rotation.terms,
            on,
          );
          if (check.cycle && members.length > 0) cycleGroups++;
          for (const id of check.leftOut) {
            const m = members.find((x) => x.membershipId === id)!;
            leftOut.push(`${m.name} | ${g.name}`);
            persons.add(m.personId);
          }
        }
        return { leftOut: leftOut.sort(), persons: persons.size, cycleGroups };
      });
    });
  const pageWarnings = async (slug: Slug, on: string) => (await pageWarningsAt(slug, [on]))[0];

  /** The same, as the inclusion dashboard counts and lists it (one SQL rule). */
  const dashboardLeftOut = (slug: Slug, on: string) =>
    as(slug, async (tx) => {
      const q = { org: org(slug), on, by: "village" as const, locale: "fr" };
      const rows = await listPeople(tx, q, "neverIncluded");
      const { total } = await aggregateInclusion(tx, q);
      return {
        leftOut: rows.flatMap((r) => r.groups.split(", ").map((g) => `${r.name} | ${g}`)).sort(),
        persons: total.neverIncluded,
        cycleGroups: total.cycleGroups,
      };
    });

  it("the dashboard's left-out members are the group pages' warnings, on the demo data, at term ends and in between", async () => {
    const dates = [ON, "2024-12-31", "2025-01-01", "2023-06-30"];
    for (const slug of ["adicor", "ong-sahel"] as const) {
      const pages = await pageWarningsAt(slug, dates);
      for (const [i, on] of dates.entries()) expect(await dashboardLeftOut(slug, on), `${slug} ${on}`).toEqual(pages[i]);
    }
    // On the demo data today, every term has ended: one ADICOR member in no team, ONG Sahel has no teams.
    expect((await pageWarnings("adicor", ON)).persons).toBe(1);
    expect((await pageWarnings("ong-sahel", ON)).persons).toBe(15);
  });

  it("hand-made groups: a team that never served, a running term, a term ending on the day, a new team after an old cycle, no team", async () => {
    const sahel = ids.orgs["ong-sahel"];
    const [{ villageId }] = await db.db.select({ villageId: groups.villageId }).from(groups).where(eq(groups.ngoOrgId, sahel)).limit(1);
    const make = async (name: string, teamsOf: Record<string, string[]>, noTeam: string[], terms: [string, string, string][]) => {
      const [g] = await db.db.insert(groups).values({ ngoOrgId: sahel, activityType: "shop", villageId, name, startDate: "2020-01-01" }).returning();
      const ms = new Map<string, string>();
      for (const person of [...Object.values(teamsOf).flat(), ...noTeam]) {
        const [p] = await db.db.insert(people).values({ ngoOrgId: sahel, name: person, sex: "female", birthYear: 1985 }).returning();
        const [m] = await db.db.insert(groupMemberships).values({ groupId: g.id, personId: p.id, joinedOn: "2019-12-01" }).returning();
        ms.set(person, m.id);
      }
      const teamIds = new Map<string, string>();
      for (const [team, members] of Object.entries(teamsOf)) {
        const [tm] = await db.db.insert(managerTeams).values({ groupId: g.id, name: team }).returning();
        teamIds.set(team, tm.id);
        if (members.length) await db.db.insert(managerTeamMembers).values(members.map((x) => ({ teamId: tm.id, membershipId: ms.get(x)! })));
      }
      for (const [team, startsOn, endsOn] of terms) await db.db.insert(managerTerms).values({ groupId: g.id, teamId: teamIds.get(team)!, startsOn, endsOn });
    };
    await make("Main 1 équipe jamais en mandat", { A: ["H1 Aïcha"], B: ["H1 Binta"] }, ["H1 Coumba"], [["A", "2024-01-01", "2024-06-30"]]);
    await make(
      "Main 2 mandat en cours",
      { A: ["H2 Aïcha"], B: ["H2 Binta"] },
      [],
      [
        ["A", "2024-01-01", "2024-06-30"],
        ["B", "2024-07-01", "2024-12-31"],
      ],
    );
    await make(
      "Main 3 nouvelle équipe",
      { A: ["H3 Aïcha"], B: ["H3 Binta"], N: ["H3 Nana"] },
      [],
      [
        ["A", "2020-01-01", "2020-06-30"],
        ["B", "2020-07-01", "2020-12-31"],
        ["A", "2024-01-01", "2024-06-30"],
      ],
    );
    await make("Main 4 sans équipe", {}, ["H4 Aïcha", "H4 Binta"], []);

    const handMade = (leftOut: string[]) => leftOut.filter((x) => /^H\d /.test(x));
    const expected = {
      // B's term runs from 2024-07-01 to 2024-12-31 inclusive: not served on its last day.
      "2024-09-15": ["H1 Binta", "H1 Coumba", "H2 Binta", "H3 Nana", "H4 Aïcha", "H4 Binta"],
      "2024-12-31": ["H1 Binta", "H1 Coumba", "H2 Binta", "H3 Nana", "H4 Aïcha", "H4 Binta"],
      "2025-01-01": ["H1 Binta", "H1 Coumba", "H3 Nana", "H4 Aïcha", "H4 Binta"],
    };
    for (const [on, names] of Object.entries(expected)) {
      const page = await pageWarnings("ong-sahel", on);
      expect(
        handMade(page.leftOut).map((x) => x.split(" | ")[0]),
        on,
      ).toEqual(names);
      expect(await dashboardLeftOut("ong-sahel", on), on).toEqual(page);
      // The only full cycle is group 2's, once B's term has ended; group 3's old one closed when N was added.
      expect(page.cycleGroups, on).toBe(on === "2025-01-01" ? 1 : 0);
      const agg = await as("ong-sahel", (tx) => aggregateInclusion(tx, { org: org("ong-sahel"), on, by: "village", locale: "fr" }));
      expect(agg.total, on).toEqual(await handCount("ong-sahel", on));
    }
    const after = await dashboard("ong-sahel", "2025-01-01");
    expect(after.total.cycle.members).toBe(2);
    expect(after.total.managers.members).toBe(2);
  });
});

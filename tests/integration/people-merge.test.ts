/**
 * Issue 14, point 4: a near-duplicate person merged into the person kept, through the real server
 * action (lib/server-action.ts) as the application role: memberships and aids moved, the duplicate
 * archived with merged_into, one audit record, the figures exact and nobody counted twice; the
 * refusals, by the service and by the database itself (migration 0055). The details chosen field by
 * field (as a person edit: its schema, locked quarters, versions), the same aid on both people made
 * one, and the search for another person to merge with (a name the near-duplicate rule misses).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditLog, groupMemberships, households, people, technicalAids } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { idleState, type ActionState } from "@/lib/action-state";
import { aggregateInclusion, countAidsByType } from "@/lib/inclusion/queries";
import { listLikelyDuplicates } from "@/lib/people/merge-queries";
import { searchMergeCandidates } from "@/lib/people/merge-search";
import { verifyRollups } from "@/lib/rollups/verify";
import { lockQuarter, unlockQuarter } from "@/lib/quarters/locks";
import { previousQuarter, quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { addDays, today } from "@/lib/dates";
import { rowsOf } from "@/db/app-role";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";
import { renderHtml, textsOf } from "../render";
import { request } from "../request-scope";
import { sqlState } from "../refusals";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (original) => (await import("../request-scope")).session(await original<object>()));
vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());

type Person = typeof people.$inferSelect;

describe(`merging near-duplicate people on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const sessions: Record<string, CurrentUser> = {};
  const q0 = quarterBounds(quarterOf(today())).start;
  // The demo locks ADICOR's last quarter; the one before is open.
  const lockedQuarter = previousQuarter(quarterOf(today()));
  const openPast = quarterBounds(previousQuarter(lockedQuarter)).start;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    for (const email of ["editor@adicor.demo", "admin@adicor.demo", "viewer@adicor.demo", "editor@ong-sahel.demo"])
      sessions[email] = await signedIn(db, email, "10.93.0.4");
  }, 120_000);
  afterAll(() => unserve(db));

  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const person = async (id: string) => (await db.db.select().from(people).where(eq(people.id, id)))[0];
  const newPerson = async (name: string, birthYear: number, values: Partial<typeof people.$inferInsert> = {}) =>
    (
      await db.db
        .insert(people)
        .values({ ngoOrgId: ids.orgs.adicor, name, sex: "female", birthYear, ...values })
        .returning()
    )[0];
  const join = async (p: Person, groupId: string, joinedOn: string, leftOn: string | null = null) =>
    (await db.db.insert(groupMemberships).values({ groupId, personId: p.id, joinedOn, leftOn }).returning())[0];
  const membershipsOf = (p: Person) => db.db.select().from(groupMemberships).where(eq(groupMemberships.personId, p.id));
  const activeIn = async (groupId: string, on: string) =>
    rowsOf<{ person_id: string }>(
      await db.db.execute(sql`select person_id from group_memberships where group_id = ${groupId}
        and joined_on <= ${on} and (left_on is null or left_on > ${on})`),
    ).map((r) => r.person_id);
  const members = async () => (await aggregateInclusion(db.db, { org: adicor(), on: today(), by: "activity", locale: "fr" })).total;

  const post = async (email: string, fields: Record<string, string | number>) => {
    const { mergePeopleAction } = await import("@/lib/people/actions");
    request.user = sessions[email];
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, String(v));
    const idle: ActionState<{ keptId: string }> = { status: idleState.status };
    return mergePeopleAction(idle, fd);
  };
  const mergeFields = (kept: Person, duplicate: Person, change: Record<string, string | number> = {}) => ({
    org: "adicor",
    keptId: kept.id,
    keptVersion: kept.version,
    duplicateId: duplicate.id,
    duplicateVersion: duplicate.version,
    confirmed: "yes",
    ...change,
  });
  const personPage = async (email: string, id: string, searchParams: Record<string, string> = {}) => {
    const Page = (await import("@/app/(portal)/[org]/people/[personId]/page")).default;
    request.user = sessions[email];
    return renderHtml(await Page({ params: Promise.resolve({ org: "adicor", personId: id }), searchParams: Promise.resolve(searchParams) }));
  };
  const mergePage = async (email: string, id: string, otherId: string) => {
    const Page = (await import("@/app/(portal)/[org]/people/[personId]/merge/[otherId]/page")).default;
    request.user = sessions[email];
    return renderHtml(await Page({ params: Promise.resolve({ org: "adicor", personId: id, otherId }), searchParams: Promise.resolve({}) }));
  };

  let kept: Person;
  let duplicate: Person;

  it("shows a writer the person's likely duplicates and both records side by side", async () => {
    kept = await newPerson("Tislem Mint Beyrouk", 1985);
    duplicate = await newPerson("TISLEM mint Beyrouk", 1986, { wgWalking: "a_lot" });
    const likely = (await listLikelyDuplicates(db.db, adicor(), kept)).map((d) => d.id);
    expect(likely).toContain(duplicate.id);
    expect(likely).not.toContain(kept.id);
    const html = await personPage("editor@adicor.demo", kept.id);
    expect(html).toContain(`/adicor/people/${kept.id}/merge/${duplicate.id}`);
    // A reader without the permission to edit people is not offered the merge.
    expect(await personPage("viewer@adicor.demo", kept.id)).not.toContain("/merge/");
    const compare = await mergePage("editor@adicor.demo", kept.id, duplicate.id);
    expect(compare).toContain("Tislem Mint Beyrouk");
    expect(compare).toContain("TISLEM mint Beyrouk");
    expect(compare).toContain('name="duplicateVersion"');
    expect(compare).toContain('data-testid="merge-person-form"');
    await expect(mergePage("viewer@adicor.demo", kept.id, duplicate.id)).rejects.toMatchObject({ digest: expect.stringMatching(/404/) as unknown });
  });

  it("merges: memberships (one per group where both were members) and aids moved, the duplicate archived with merged_into, one audit record, figures exact", async () => {
    const [shopA, shopB] = [ids.groups.shops[9], ids.groups.shops[10]];
    await join(kept, shopA, q0);
    const overlapping = await join(duplicate, shopA, q0);
    const alone = await join(duplicate, shopB, q0);
    // An earlier period in another group, which began before the kept person's: its first days stay.
    const keptPast = await join(kept, ids.groups.shops[11], addDays(openPast, 10), addDays(openPast, 60));
    const dupPast = await join(duplicate, ids.groups.shops[11], openPast, addDays(openPast, 30));
    const [aid] = await db.db
      .insert(technicalAids)
      .values({ ngoOrgId: ids.orgs.adicor, personId: duplicate.id, aidType: "glasses", receivedOn: q0 })
      .returning();
    const before = await members();
    const peopleBefore = (await db.db.select({ id: people.id }).from(people)).length;
    expect(await activeIn(shopA, today())).toEqual(expect.arrayContaining([kept.id, duplicate.id]));

    const r = await post("editor@adicor.demo", mergeFields(kept, duplicate));
    expect(r).toMatchObject({ status: "ok", message: { key: "peopleMerged" }, data: { keptId: kept.id } });

    const [k, d] = [await person(kept.id), await person(duplicate.id)];
    expect(k.version).toBe(kept.version + 1);
    expect(d).toMatchObject({ version: duplicate.version + 1, mergedIntoId: kept.id });
    expect(d.archivedAt).not.toBeNull();
    expect(k.archivedAt).toBeNull();
    expect(await membershipsOf(duplicate)).toEqual([]);
    const moved = new Map((await membershipsOf(kept)).map((m) => [m.id, m]));
    // Both members of shop A: the kept membership alone counts; the duplicate's stays, on no day.
    expect(moved.get(overlapping.id)).toMatchObject({ joinedOn: q0, leftOn: q0 });
    expect((await activeIn(shopA, today())).filter((id) => id === kept.id || id === duplicate.id)).toEqual([kept.id]);
    expect(moved.get(alone.id)).toMatchObject({ joinedOn: q0, leftOn: null });
    expect(moved.get(dupPast.id)).toMatchObject({ joinedOn: openPast, leftOn: keptPast.joinedOn });
    expect(moved.get(keptPast.id)).toMatchObject({ joinedOn: keptPast.joinedOn, leftOn: keptPast.leftOn });
    expect((await db.db.select().from(technicalAids).where(eq(technicalAids.id, aid.id)))[0].personId).toBe(kept.id);

    // One audit record, on the person kept, naming both and what moved.
    const audits = await db.db.select().from(auditLog).where(eq(auditLog.action, "person.merge"));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entity: "person", entityId: kept.id, orgId: ids.orgs.adicor, actorUserId: sessions["editor@adicor.demo"].id });
    expect(audits[0].after).toMatchObject({
      kept: { id: kept.id, name: "Tislem Mint Beyrouk" },
      duplicate: { id: duplicate.id, name: "TISLEM mint Beyrouk", mergedIntoId: kept.id },
      aids: [{ id: aid.id, aidType: "glasses" }],
    });
    expect((audits[0].after as { memberships: unknown[] }).memberships).toHaveLength(3);

    // Nothing deleted; the figures: exact, and the person counted once.
    expect((await db.db.select({ id: people.id }).from(people)).length).toBe(peopleBefore);
    expect(await verifyRollups(db.db)).toEqual([]);
    const after = await members();
    expect(after.members).toBe(before.members - 1);
    expect(after.disabled).toBe(before.disabled - 1);

    // The duplicate's page says whom it was merged into; the kept one lists it.
    const dupHtml = await personPage("editor@adicor.demo", duplicate.id);
    expect(textsOf(dupHtml, "merged-note")[0]).toContain("Tislem Mint Beyrouk");
    expect(dupHtml).toContain(`href="/adicor/people/${kept.id}"`);
    expect(dupHtml).not.toContain('data-testid="archive-form"');
    expect(dupHtml).not.toContain('data-testid="restore-form"');
    const keptHtml = await personPage("editor@adicor.demo", kept.id);
    expect(textsOf(keptHtml, "merged-here")[0]).toContain("TISLEM mint Beyrouk");
    expect(keptHtml).not.toContain(`/merge/${duplicate.id}`);
  });

  it("refuses a reader without the permission, another NGO, a stale version, oneself, and a merged person either side", async () => {
    const a = await newPerson("Ghlana Mint Dahi", 1990);
    const b = await newPerson("GHLANA mint DAHI", 1990);
    const before = { a: await person(a.id), b: await person(b.id) };
    expect(await post("viewer@adicor.demo", mergeFields(a, b))).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await post("editor@ong-sahel.demo", { ...mergeFields(a, b), org: "ong-sahel" })).toMatchObject({ status: "error", formError: { key: "not_found" } });
    const [stranger] = await db.db.insert(people).values({ ngoOrgId: ids.orgs.tadamoun, name: "Ghlana Mint Dahi", sex: "female", birthYear: 1990 }).returning();
    expect(await post("editor@adicor.demo", mergeFields(a, stranger))).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await post("editor@adicor.demo", mergeFields(stranger, a))).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await post("editor@adicor.demo", mergeFields(a, a))).toMatchObject({ status: "error", fieldErrors: { duplicateId: "mergeSelf" } });
    expect(await post("editor@adicor.demo", mergeFields(a, b, { confirmed: "" }))).toMatchObject({
      status: "error",
      fieldErrors: { confirmed: "mergeConfirmRequired" },
    });

    // Someone saved the kept person meanwhile: the usual conflict, naming who; nothing merged.
    const { editPersonAction } = await import("@/lib/people/actions");
    request.user = sessions["admin@adicor.demo"];
    const fd = new FormData();
    for (const [k, v] of Object.entries({ org: "adicor", personId: a.id, version: a.version, name: "Ghlana Mint Dahi", sex: "female", birthYear: 1990 }))
      fd.set(k, String(v));
    for (const w of ["wgSeeing", "wgHearing", "wgWalking", "wgCognition", "wgSelfCare", "wgCommunication"]) fd.set(w, "none");
    expect((await editPersonAction({ status: "idle" }, fd)).status).toBe("ok");
    const stale = await post("editor@adicor.demo", mergeFields(a, b));
    expect(stale).toMatchObject({ status: "error", formError: { key: "changedBy" } });
    expect(await person(b.id)).toMatchObject({ version: before.b.version, archivedAt: null, mergedIntoId: null });

    // Into a merged person, or a merged person again: refused.
    expect(await post("editor@adicor.demo", mergeFields(await person(a.id), duplicate))).toMatchObject({
      status: "error",
      formError: { key: "personAlreadyMerged" },
    });
    expect(await post("editor@adicor.demo", mergeFields(duplicate, await person(a.id)))).toMatchObject({
      status: "error",
      formError: { key: "mergeIntoMerged" },
    });
  });

  it("holds the rules in the database, for the application role", async () => {
    const x = await newPerson("Meimouna Mint Lehbib", 1979);
    const y = await newPerson("Meimouna Mint Lehbib", 1979);
    const [stranger] = await db.db.insert(people).values({ ngoOrgId: ids.orgs.tadamoun, name: "Meimouna", sex: "female", birthYear: 1979 }).returning();
    const asAdicor = <T>(fn: (tx: Parameters<Parameters<TestDb["asApp"]>[1]>[0]) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor }, fn);
    const mergeInto = (id: string, into: string) =>
      asAdicor((tx) => tx.update(people).set({ archivedAt: new Date(), mergedIntoId: into }).where(eq(people.id, id)));
    expect(await sqlState(mergeInto(x.id, x.id))).toBe("23514");
    expect(await sqlState(mergeInto(x.id, duplicate.id))).toBe("TK440");
    expect(await sqlState(mergeInto(x.id, stranger.id))).toBe("TK440");
    expect(await sqlState(asAdicor((tx) => tx.update(people).set({ mergedIntoId: y.id }).where(eq(people.id, x.id))))).toBe("23514");
    // A merged person stays archived, and takes no new membership or aid, nor one moved to them.
    expect(await sqlState(asAdicor((tx) => tx.update(people).set({ archivedAt: null }).where(eq(people.id, duplicate.id))))).toBe("23514");
    expect(await sqlState(asAdicor((tx) => tx.insert(groupMemberships).values({ groupId: ids.groups.shops[8], personId: duplicate.id, joinedOn: q0 })))).toBe(
      "TK011",
    );
    expect(
      await sqlState(
        asAdicor((tx) => tx.insert(technicalAids).values({ ngoOrgId: ids.orgs.adicor, personId: duplicate.id, aidType: "glasses", receivedOn: q0 })),
      ),
    ).toBe("TK440");
    const m = await join(x, ids.groups.shops[8], q0);
    expect(await sqlState(asAdicor((tx) => tx.update(groupMemberships).set({ personId: duplicate.id }).where(eq(groupMemberships.id, m.id))))).toBe("TK011");

    // No chains: once x is merged into y, y is merged only through the service, which points x on.
    expect((await post("editor@adicor.demo", mergeFields(y, x))).status).toBe("ok");
    const z = await newPerson("Meimouna Mint Lehbib", 1980);
    expect(await sqlState(mergeInto(y.id, z.id))).toBe("TK440");
    expect((await post("editor@adicor.demo", mergeFields(z, await person(y.id)))).status).toBe("ok");
    expect((await person(x.id)).mergedIntoId).toBe(z.id);
    expect((await person(y.id)).mergedIntoId).toBe(z.id);
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("refuses a merge that would change a locked quarter's figures, and allows it once the quarter is unlocked", async () => {
    const k = await newPerson("Nebghouha Mint Varajou", 1992);
    const d = await newPerson("Nebghouha Mint Varajou", 1992);
    // Joined before the locked quarter and still a member: it counts there, though neither of its dates is in it.
    const m = await join(d, ids.groups.shops[7], addDays(openPast, 5));
    const r = await post("editor@adicor.demo", mergeFields(k, d));
    expect(r).toMatchObject({ status: "error", formError: { key: "mergeQuarterLocked", values: { quarter: lockedQuarter, name: "Nebghouha Mint Varajou" } } });
    expect(await person(d.id)).toMatchObject({ archivedAt: null, mergedIntoId: null, version: d.version });
    // The database refuses the move itself whatever the code path (its own guard, migration 0055).
    expect(
      await sqlState(
        db.asApp({ orgId: ids.orgs.adicor }, (tx) =>
          tx
            .update(groupMemberships)
            .set({ personId: k.id })
            .where(and(eq(groupMemberships.id, m.id), eq(groupMemberships.personId, d.id))),
        ),
      ),
    ).toBe("TK001");
    const admin = sessions["admin@adicor.demo"].id;
    await db.db.transaction((tx) => unlockQuarter(tx, ids.orgs.adicor, lockedQuarter, admin, "fusion de doublons"));
    try {
      expect((await post("editor@adicor.demo", mergeFields(k, d))).status).toBe("ok");
      expect((await membershipsOf(k)).map((x) => x.id)).toEqual([m.id]);
    } finally {
      await db.db.transaction((tx) => lockQuarter(tx, ids.orgs.adicor, lockedQuarter, admin));
    }
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  const aidOf = async (p: Person, aidType: string, receivedOn: string) =>
    (await db.db.insert(technicalAids).values({ ngoOrgId: ids.orgs.adicor, personId: p.id, aidType, receivedOn }).returning())[0];
  const aidsOf = (p: Person) => db.db.select().from(technicalAids).where(eq(technicalAids.personId, p.id));
  const lastMergeAudit = async (keptId: string) =>
    (
      await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "person.merge"), eq(auditLog.entityId, keptId)))
    )[0] as {
      before: Record<string, unknown>;
      after: Record<string, unknown>;
    };
  /** A radio button of the merge form, as the page's HTML has it. */
  const radio = (html: string, name: string, value: string) =>
    [...html.matchAll(/<input[^>]*>/g)].map((m) => m[0]).find((tag) => tag.includes(`name="${name}"`) && tag.includes(`value="${value}"`)) ?? "";
  const unchanged = async (...ps: Person[]) => {
    for (const p of ps) {
      expect(await person(p.id)).toMatchObject({ version: p.version, name: p.name, birthYear: p.birthYear, archivedAt: null, mergedIntoId: null });
    }
  };

  it("takes the details chosen from the duplicate, checked as a person edit, and names them in the audit record", async () => {
    // Spellings the near-duplicate rule does not pair; a question the kept record was not asked.
    const [village, settlementId] = Object.entries(ids.places.settlements)[0];
    const [home] = await db.db.insert(households).values({ ngoOrgId: ids.orgs.adicor, settlementId, size: 4, status: "host" }).returning();
    const k = await newPerson("Vatimetou Mint Sidi", 1980);
    const d = await newPerson("Fatma Mint Essidi", 1983, { wgSeeing: "some", householdId: home.id });
    await join(k, ids.groups.shops[6], q0);
    const html = await mergePage("editor@adicor.demo", k.id, d.id);
    for (const f of ["nameFrom", "birthYearFrom", "householdFrom", "wgSeeingFrom"]) expect(html).toContain(`name="${f}"`);
    expect(textsOf(html, "merge-detail-householdFrom")[0]).toContain(`${village}, population hôte, 4 personnes`);
    // Only the details that differ are asked; the kept record's blank answer proposes the duplicate's.
    expect(html).not.toContain('name="sexFrom"');
    expect(textsOf(html, "merge-detail-wgSeeingFrom")[0]).toContain("Autre fiche");
    expect(radio(html, "wgSeeingFrom", "duplicate")).toContain('checked=""');
    expect(radio(html, "birthYearFrom", "kept")).toContain('checked=""');
    expect(radio(html, "birthYearFrom", "duplicate")).not.toContain('checked=""');

    // The duplicate's name is not a name a person edit accepts: refused on its choice, nothing changed.
    const z = await newPerson("Z", 1980);
    expect(await post("editor@adicor.demo", mergeFields(k, z, { nameFrom: "duplicate" }))).toMatchObject({
      status: "error",
      fieldErrors: { nameFrom: "nameRequired" },
    });
    await unchanged(k, z);

    const r = await post("editor@adicor.demo", mergeFields(k, d, { birthYearFrom: "duplicate", nameFrom: "duplicate", householdFrom: "duplicate" }));
    expect(r).toMatchObject({ status: "ok", message: { key: "peopleMerged" } });
    // Sent without a choice, the answer stays the kept record's.
    expect(await person(k.id)).toMatchObject({
      name: "Fatma Mint Essidi",
      birthYear: 1983,
      householdId: home.id,
      wgSeeing: "not_asked",
      version: k.version + 1,
    });
    expect(await person(d.id)).toMatchObject({ mergedIntoId: k.id, birthYear: 1983 });
    const audit = await lastMergeAudit(k.id);
    expect(audit.after).toMatchObject({
      fromDuplicate: ["name", "birthYear", "household"],
      name: "Fatma Mint Essidi",
      birthYear: 1983,
      settlement: village,
      householdId: home.id,
      kept: { name: "Fatma Mint Essidi" },
    });
    expect(audit.before).toMatchObject({ name: "Vatimetou Mint Sidi", birthYear: 1980, settlement: null });
    expect(audit.before).not.toHaveProperty("wgSeeing");
    // The kept person's history shows the details that changed with the merge.
    const history = textsOf(await personPage("editor@adicor.demo", k.id), "history-change").join(" | ");
    expect(history).toContain("1980");
    expect(history).toContain("1983");
    expect(history).toContain("Vatimetou Mint Sidi");
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("refuses a stale form: the duplicate saved meanwhile, nothing changed", async () => {
    const k = await newPerson("Khadijetou Mint Ely", 1975);
    const d = await newPerson("Khdeija Mint Ely", 1977);
    const { editPersonAction } = await import("@/lib/people/actions");
    request.user = sessions["admin@adicor.demo"];
    const fd = new FormData();
    for (const [f, v] of Object.entries({ org: "adicor", personId: d.id, version: d.version, name: d.name, sex: "female", birthYear: 1976 }))
      fd.set(f, String(v));
    for (const w of ["wgSeeing", "wgHearing", "wgWalking", "wgCognition", "wgSelfCare", "wgCommunication"]) fd.set(w, "none");
    expect((await editPersonAction({ status: "idle" }, fd)).status).toBe("ok");
    expect(await post("editor@adicor.demo", mergeFields(k, d, { birthYearFrom: "duplicate" }))).toMatchObject({
      status: "error",
      formError: { key: "changedBy" },
    });
    await unchanged(k);
    expect(await person(d.id)).toMatchObject({ version: d.version + 1, birthYear: 1976, archivedAt: null, mergedIntoId: null });
  });

  it("refuses a counted detail from the duplicate while the kept person counts in a locked quarter, as an edit; the name may still come", async () => {
    const k = await newPerson("Mbarka Mint Hamoud", 1970);
    const d = await newPerson("Embarka Mint Hamoud", 1972, { householdId: null });
    // Joined before the locked quarter and still a member: counted there.
    await join(k, ids.groups.shops[5], addDays(openPast, 5));
    const html = await mergePage("editor@adicor.demo", k.id, d.id);
    expect(textsOf(html, "merge-detail-birthYearFrom")[0]).toContain(lockedQuarter);
    expect(radio(html, "birthYearFrom", "duplicate")).toContain('disabled=""');
    expect(radio(html, "nameFrom", "duplicate")).not.toContain("disabled");

    expect(await post("editor@adicor.demo", mergeFields(k, d, { birthYearFrom: "duplicate" }))).toMatchObject({
      status: "error",
      formError: { key: "mergeDetailLocked", values: { quarter: lockedQuarter } },
      fieldErrors: { birthYearFrom: "mergeDetailLockedChoice" },
    });
    await unchanged(k, d);
    expect(
      await db.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, "person.merge"), eq(auditLog.entityId, k.id))),
    ).toEqual([]);
    // The database refuses the same change whatever the code path (migration 0033).
    expect(await sqlState(db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.update(people).set({ birthYear: 1972 }).where(eq(people.id, k.id))))).toBe("TK001");

    expect((await post("editor@adicor.demo", mergeFields(k, d, { nameFrom: "duplicate" }))).status).toBe("ok");
    expect(await person(k.id)).toMatchObject({ name: "Embarka Mint Hamoud", birthYear: 1970 });
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("makes the same aid on both people one row, the one received first, the other kept in the audit record; the figures count it once", async () => {
    const k = await newPerson("Salka Mint Brahim", 1988);
    const d = await newPerson("Selka Mint Ibrahim", 1989);
    await join(k, ids.groups.shops[4], q0);
    await join(d, ids.groups.shops[3], q0);
    const keptBoard = await aidOf(k, "pictogram_board", addDays(openPast, 20));
    const dupBoard = await aidOf(d, "pictogram_board", openPast);
    const dupCrutches = await aidOf(d, "crutches", openPast);
    const boards = async () =>
      (await countAidsByType(db.db, { org: adicor(), on: today(), by: "activity", locale: "fr" })).find((r) => r.type === "Tableau de pictogrammes");
    const before = await boards();
    const html = await mergePage("editor@adicor.demo", k.id, d.id);
    expect(textsOf(html, "merge-aid-merged")[0]).toContain("Tableau de pictogrammes");

    expect((await post("editor@adicor.demo", mergeFields(k, d))).status).toBe("ok");
    const after = new Map((await aidsOf(k)).map((a) => [a.id, a]));
    expect([...after.keys()].sort()).toEqual([dupBoard.id, dupCrutches.id].sort());
    expect(after.get(dupBoard.id)).toMatchObject({ aidType: "pictogram_board", receivedOn: openPast });
    expect(await aidsOf(d)).toEqual([]);
    expect(await db.db.select().from(technicalAids).where(eq(technicalAids.id, keptBoard.id))).toEqual([]);
    const audit = await lastMergeAudit(k.id);
    expect(audit.after).toMatchObject({
      aids: expect.arrayContaining([expect.objectContaining({ id: dupCrutches.id }), expect.objectContaining({ id: dupBoard.id })]) as unknown,
      aidsMerged: [
        { kept: dupBoard.id, removed: { id: keptBoard.id, aidType: "pictogram_board", receivedOn: keptBoard.receivedOn, from: "kept" }, laterKeptFor: null },
      ],
    });
    expect(await boards()).toMatchObject({ aids: before!.aids - 1, people: before!.people - 1 });
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("keeps the kept person's later aid when giving way would change a locked quarter, and refuses to move an aid into one", async () => {
    const k = await newPerson("Toutou Mint Boubacar", 1966);
    const d = await newPerson("Toutou Mint Boubakar", 1966);
    // Counted in the locked quarter; the duplicate's earlier aid would make them "with an aid" there.
    await join(k, ids.groups.shops[2], addDays(openPast, 5));
    const keptCane = await aidOf(k, "white_cane", today());
    const dupCane = await aidOf(d, "white_cane", addDays(openPast, -30));
    const r = await post("editor@adicor.demo", mergeFields(k, d));
    expect(r.status).toBe("ok");
    expect((await aidsOf(k)).map((a) => a.id)).toEqual([keptCane.id]);
    expect((await lastMergeAudit(k.id)).after).toMatchObject({
      aidsMerged: [{ kept: keptCane.id, removed: { id: dupCane.id, from: "duplicate" }, laterKeptFor: lockedQuarter }],
    });

    // An aid of another kind would move into the locked quarter's figures: refused, nothing changed.
    const d2 = await newPerson("Toutou Mint Boubacar Ould", 1966);
    await aidOf(d2, "magnifier", addDays(openPast, -30));
    expect(await post("editor@adicor.demo", mergeFields(await person(k.id), d2))).toMatchObject({
      status: "error",
      formError: { key: "mergeQuarterLocked", values: { quarter: lockedQuarter } },
    });
    await unchanged(d2);
    expect(await verifyRollups(db.db)).toEqual([]);
  });

  it("finds another person of the NGO to merge with by name, and offers neither the person, nor archived, merged or another NGO's people", async () => {
    const me = await newPerson("Tfeiloum Mint Abdallahi", 1990);
    const other = await newPerson("Tfeiloum Mint Abdellahi", 1994);
    const merged = await newPerson("Tfeiloum Abdalahi", 1990);
    expect((await post("editor@adicor.demo", mergeFields(other, merged))).status).toBe("ok");
    const archived = await newPerson("Tfeiloum Mint Ahmed", 1990, { archivedAt: new Date() });
    const [stranger] = await db.db
      .insert(people)
      .values({ ngoOrgId: ids.orgs.tadamoun, name: "Tfeiloum Mint Abdallahi", sex: "female", birthYear: 1990 })
      .returning();
    const found = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => searchMergeCandidates(tx, adicor(), me.id, "TFEILOUM"));
    expect(found.rows.map((p) => p.id)).toEqual([other.id]);
    // In Arabic letters too (the people list's search).
    const arabic = await db.asApp({ orgId: ids.orgs.adicor }, (tx) => searchMergeCandidates(tx, adicor(), me.id, "تفيلوم"));
    expect(arabic.rows.map((p) => p.id)).toContain(other.id);

    const html = await personPage("editor@adicor.demo", me.id, { mq: "tfeiloum" });
    expect(html).toContain('data-testid="merge-picker-form"');
    expect(html).toContain(`href="/adicor/people/${me.id}/merge/${other.id}"`);
    for (const id of [merged.id, archived.id, stranger.id]) expect(html).not.toContain(id);
    expect(textsOf(html, "merge-picker-count")[0]).toContain("1 personne trouvée");
    // A reader who may not merge gets no picker; another NGO's editor, not the page.
    expect(await personPage("viewer@adicor.demo", me.id, { mq: "tfeiloum" })).not.toContain("merge-picker");
    await expect(
      (async () => {
        const Page = (await import("@/app/(portal)/[org]/people/[personId]/page")).default;
        request.user = sessions["editor@ong-sahel.demo"];
        return Page({ params: Promise.resolve({ org: "ong-sahel", personId: me.id }), searchParams: Promise.resolve({ mq: "tfeiloum" }) });
      })(),
    ).rejects.toMatchObject({ digest: expect.stringMatching(/404/) as unknown });
  });
});

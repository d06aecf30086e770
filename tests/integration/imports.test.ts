/**
 * Imports from spreadsheets and KoboToolbox (issue 14.1): files with French, Arabic and Kobo
 * headers, XLSX and CSV, dates in every form; bad files refused whole with their reason and
 * nothing kept; a commit through the forms' own rules, all or nothing (a locked quarter refuses
 * the file and names the row); a file imported again adds nothing; another organisation neither
 * sees nor commits an upload; one audit record per import with the file's checksum and counts.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import {
  auditLog,
  groups,
  importRows,
  importUploads,
  ledgerEntries,
  marketObservations,
  people,
  priceSessions,
  quarterLocks,
  sessionAttendees,
  users,
} from "@/db/schema";
import { createSession } from "@/lib/prices/sessions-service";
import { DEMO_PASSWORD, demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { findLiveSession } from "@/lib/auth/session-store";
import { listNgoSettlements } from "@/lib/groups/queries";
import { commitUpload, ImportRefused, loadPreview, recordRefusal, stageUpload } from "@/lib/imports/service";
import { ImportFileError, MAX_BYTES } from "@/lib/imports/read";
import type { ImportKind } from "@/lib/imports/kinds";
import { xlsxTemplate } from "@/lib/imports/template";
import { loadTemplateNames } from "@/lib/imports/service";
import { commitImportAction, uploadImportAction } from "@/lib/imports/actions";
import { addMember, recordEntry } from "@/lib/groups/service";
import type { AddMemberInput } from "@/lib/groups/schema";
import { checkRow } from "@/lib/imports/rows";
import { loadLookups } from "@/lib/imports/service";
import { AppError } from "@/lib/errors";
import { appErrorFromDb } from "@/lib/db-errors";
import { previousQuarter, quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { today } from "@/lib/dates";
import { request } from "../request-scope";
import { backend, createTestDb, type TestDb } from "../test-db";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));

const csv = (name: string, lines: string[]) => new File([lines.join("\r\n") + "\r\n"], name, { type: "text/csv" });

async function xlsx(name: string, build: (ws: ExcelJS.Worksheet) => void): Promise<File> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("Data"));
  return new File([new Uint8Array(await wb.xlsx.writeBuffer())], name);
}

describe(`imports on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let groupName: string;
  let village: string;
  let lockedDay: string;
  let quarterOfDay: string;
  const adicor = () => ({ id: ids.orgs.adicor, type: "ngo" as const });
  const tadamoun = () => ({ id: ids.orgs.tadamoun, type: "ngo" as const });
  const asAdicor = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.adicor, userId: editor }, fn);
  const stage = (kind: ImportKind, file: File) => asAdicor((tx) => stageUpload(tx, adicor(), editor, { kind, file, fileName: file.name }));
  const refusal = async (kind: ImportKind, file: File) => {
    try {
      await stage(kind, file);
    } catch (e) {
      if (e instanceof ImportFileError) return { key: e.key, values: e.values };
      throw e;
    }
    return null;
  };
  const uploadsCount = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(importUploads))[0].n;
  const rowsOf = (id: string) => asAdicor(async (tx) => (await loadPreview(tx, adicor(), id))!);

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    const gs = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), isNull(groups.archivedAt)));
    groupName = gs.find((g) => gs.filter((o) => o.name === g.name).length === 1)!.name;
    village = (await listNgoSettlements(db.db, ids.orgs.adicor))[0].name;
    // A locked quarter: last quarter (locked by the demo, or here).
    const q = previousQuarter(quarterOf(new Date()));
    lockedDay = quarterBounds(q).start;
    quarterOfDay = q;
    const [lock] = await db.db
      .select()
      .from(quarterLocks)
      .where(and(eq(quarterLocks.ngoOrgId, ids.orgs.adicor), eq(quarterLocks.quarter, q), isNull(quarterLocks.unlockedAt)));
    if (!lock) await db.db.insert(quarterLocks).values({ ngoOrgId: ids.orgs.adicor, quarter: q, lockedBy: editor });
    const g = globalThis as { __tamkinDb?: Promise<unknown>; __tamkinReadDb?: Promise<unknown> };
    g.__tamkinDb = Promise.resolve(db);
    g.__tamkinReadDb = Promise.resolve(null);
    const r = await attemptSignIn(db.db, { email: "editor@adicor.demo", password: DEMO_PASSWORD, address: "10.91.0.7" });
    if (!r.ok) throw new Error("sign-in refused");
    request.user = (await findLiveSession(db.db, r.sessionId))!;
  }, 120_000);
  afterAll(async () => {
    const g = globalThis as { __tamkinDb?: unknown; __tamkinReadDb?: unknown };
    delete g.__tamkinDb;
    delete g.__tamkinReadDb;
    await db?.destroy();
  });

  const frMembers = () =>
    csv("membres.csv", [
      "Groupe;Nom;Sexe;Année de naissance;Village ou campement;Taille du ménage;Statut du ménage;WG voir;WG marcher;Date d'adhésion",
      `${groupName};Zeinabou Importfichier;femme;1990;${village};6;réfugié hors camp;beaucoup de difficulté;;15/01/2025`,
      `${groupName};Sidi Importfichier;H;1985;${village};4;population hôte;1;4;2025-01-20`,
      `${groupName};Personne Invalide;x;1800;Nulle Part;0;inconnu;;demain`,
    ]);

  it("previews a French CSV (semicolons): every row checked by the form's rules, errors per column", async () => {
    const { id } = await stage("members", frMembers());
    const p = await rowsOf(id);
    expect(p.upload).toMatchObject({ kind: "members", headerLang: "fr", rowCount: 3, newCount: 2, duplicateCount: 0, invalidCount: 1, status: "staged" });
    const bad = p.rows.find((r) => r.line === 4)!;
    expect(bad.status).toBe("invalid");
    expect(Object.fromEntries(bad.errors.map((e) => [e.field, e.key]))).toMatchObject({
      sex: "importNotInList",
      village: "importVillageUnknown",
      householdStatus: "importNotInList",
      joinedOn: "dateInvalid",
      birthYear: "birthYearInvalid",
    });
    expect(bad.errors.find((e) => e.field === "sex")!.list).toBe("sex");
    const good = p.rows.find((r) => r.line === 2)!;
    expect(good.values.joinedOn).toBe("2025-01-15");
  });

  it("reads Arabic headers from an XLSX, with dates as Excel dates, serial numbers and text", async () => {
    const file = await xlsx("دفتر.xlsx", (ws) => {
      ws.addRow(["المجموعة", "نوع العملية", "التاريخ", "المبلغ", "العملة", "ملاحظة"]);
      ws.addRow([groupName, "بيع", new Date(Date.UTC(2025, 0, 10)), 1500, "MRU", "سوق"]);
      ws.addRow([groupName, "achat", 45672, 700, "أوقية", ""]); // 45672: 2025-01-15
      ws.addRow([groupName, "contribution", "20/01/2025", "2 500", "MRU", ""]);
      ws.getCell("C2").numFmt = "dd/mm/yyyy";
    });
    const { id } = await stage("ledger", file);
    const p = await rowsOf(id);
    expect(p.upload).toMatchObject({ headerLang: "ar", rowCount: 3, newCount: 3, invalidCount: 0 });
    expect(p.rows.map((r) => r.values.occurredOn)).toEqual(["2025-01-10", "2025-01-15", "2025-01-20"]);
  });

  it("reads a KoboToolbox export: group/field paths, _uuid as the key, Kobo's own columns aside", async () => {
    const file = csv("kobo.csv", [
      "start,end,grp_person/group,grp_person/name,grp_person/sex,grp_person/birth_year,grp_hh/village,grp_hh/household_size,grp_hh/household_status,grp_wg/wg_seeing,grp_person/joined_on,_id,_uuid,_submission_time,_index",
      `2025-02-01T10:00:00,2025-02-01T10:05:00,${groupName},Aminetou Kobofichier,female,1995,${village},5,host,none,2025-02-01,101,8a1e2f9c-0000-4000-8000-000000000001,2025-02-01T10:06:00,1`,
    ]);
    const { id } = await stage("members", file);
    const p = await rowsOf(id);
    expect(p.upload).toMatchObject({ headerLang: "kobo", newCount: 1 });
    expect(p.upload.ignored).toEqual(expect.arrayContaining(["start", "end", "_id", "_submission_time", "_index"]));
    expect((await db.db.select().from(importRows).where(eq(importRows.uploadId, id)))[0].rowKey).toBe("kobo:8a1e2f9c-0000-4000-8000-000000000001");
  });

  it("refuses bad files whole, with their reason, and keeps nothing", async () => {
    const before = await uploadsCount();
    const header = "Groupe,Nom,Sexe,Année de naissance,Village,Taille du ménage,Statut du ménage,Date d'adhésion";
    expect(await refusal("members", new File(["%PDF-1.4\n\u0000\u0001binary"], "rapport.pdf"))).toMatchObject({ key: "notSpreadsheet" });
    expect(await refusal("members", new File([new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])], "vieux.xls"))).toMatchObject({
      key: "oldExcel",
    });
    expect(await refusal("members", new File([new Uint8Array(MAX_BYTES + 1)], "grand.csv"))).toMatchObject({ key: "tooLarge" });
    expect(await refusal("members", csv("autre.csv", ["foo,bar", "1,2"]))).toMatchObject({ key: "wrongColumns" });
    const missing = await refusal("members", csv("incomplet.csv", ["Groupe,Nom", `${groupName},Fatma`]));
    expect(missing?.key).toBe("missingColumns");
    expect(missing?.values.columns).toBe("Sexe, Année de naissance, Village ou campement, Taille du ménage, Statut du ménage, Date d'adhésion");
    expect(
      await refusal(
        "members",
        csv("mixte.csv", ["Groupe,الاسم,Sexe,سنة الميلاد,Village,Taille du ménage,Statut du ménage,Date d'adhésion", "a,b,c,d,e,f,g,h"]),
      ),
    ).toMatchObject({
      key: "headersMixed",
    });
    expect(await refusal("members", csv("entetes.csv", [header]))).toMatchObject({ key: "noRows" });
    const formula = await xlsx("formule.xlsx", (ws) => {
      ws.addRow(header.split(","));
      ws.addRow([groupName, "Fatma", "femme", { formula: "1990+0", result: 1990 }, village, 4, "host", "2025-01-01"]);
    });
    expect(await refusal("members", formula)).toEqual({ key: "formula", values: { cell: "D2" } });
    const merged = await xlsx("fusion.xlsx", (ws) => {
      ws.addRow(["Groupe", "Nom", "", "Sexe", "Année de naissance", "Village", "Taille du ménage", "Statut du ménage", "Date d'adhésion"]);
      ws.mergeCells("B1:C1");
      ws.addRow([groupName, "Fatma", "Mint", "femme", 1990, village, 4, "host", "2025-01-01"]);
    });
    expect(await refusal("members", merged)).toEqual({ key: "headerBlank", values: { column: "C" } });
    expect(await uploadsCount()).toBe(before);
  });

  it("the upload action answers a bad file with the translated reason, and a good one with its preview", async () => {
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("kind", "members");
    fd.set("file", new File(["%PDF-1.4\u0000"], "x.pdf"));
    expect(await uploadImportAction({ status: "idle" }, fd)).toEqual({ status: "error", formError: { key: "importFileNotSpreadsheet", values: {} } });
    const empty = new FormData();
    empty.set("org", "adicor");
    expect(await uploadImportAction({ status: "idle" }, empty)).toMatchObject({ status: "error", formError: { key: "validation" } });
    fd.set("file", frMembers());
    // Success sends the browser to the preview (Next's redirect is thrown).
    const thrown: unknown = await uploadImportAction({ status: "idle" }, fd).catch((e: unknown) => e);
    expect(String((thrown as { digest?: string }).digest)).toMatch(/\/adicor\/import\?upload=[0-9a-f-]{36}/);
  });

  it("commits all or nothing, audited once with the checksum and counts; the same file again adds nothing", async () => {
    const file = frMembers();
    const checksum = createHash("sha256")
      .update(Buffer.from(await file.arrayBuffer()))
      .digest("hex");
    const { id } = await stage("members", file);
    const peopleBefore = (await db.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n;
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("uploadId", id);
    expect(await commitImportAction({ status: "idle" }, fd)).toMatchObject({ status: "ok", data: { added: 2, duplicates: 0 } });
    expect((await db.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n).toBe(peopleBefore + 2);
    const [audit] = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "import.commit"), eq(auditLog.entityId, id)));
    expect(audit.after).toMatchObject({ fileName: "membres.csv", checksum, rows: 3, added: 2, duplicates: 0, invalid: 1, kind: "members" });
    expect(audit.orgId).toBe(ids.orgs.adicor);
    // Committed once: a second commit is refused.
    expect(await commitImportAction({ status: "idle" }, fd)).toMatchObject({ status: "error", formError: { key: "importAlreadyCommitted" } });

    const again = await stage("members", frMembers());
    const p = await rowsOf(again.id);
    expect(p.upload).toMatchObject({ newCount: 0, duplicateCount: 2, invalidCount: 1 });
    const r = await asAdicor((tx) => commitUpload(tx, adicor(), editor, again.id, false));
    expect(r.added).toBe(0);
    expect((await db.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n).toBe(peopleBefore + 2);
  });

  it("another organisation neither sees nor commits an upload", async () => {
    const { id } = await stage("members", frMembers());
    const tadamounUser = (await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@tadamoun.demo")))[0]?.id ?? editor;
    const asTadamoun = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.tadamoun, userId: tadamounUser }, fn);
    expect(await asTadamoun((tx) => loadPreview(tx, tadamoun(), id))).toBeNull();
    expect(await asTadamoun((tx) => tx.select().from(importRows).where(eq(importRows.uploadId, id)))).toEqual([]);
    await expect(asTadamoun((tx) => commitUpload(tx, tadamoun(), tadamounUser, id, false))).rejects.toMatchObject({ code: "not_found" });
  });

  it("a row in a locked quarter refuses the whole commit, named by its row; nothing is half-saved", async () => {
    const file = csv("caisse.csv", [
      "Groupe,Opération,Date,Montant,Devise,Note",
      `${groupName},vente,${today()},1200,MRU,ok`,
      `${groupName},vente,${lockedDay},1300,MRU,trimestre verrouillé`,
    ]);
    const { id } = await stage("ledger", file);
    const count = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0].n;
    const before = await count();
    const err = await asAdicor((tx) => commitUpload(tx, adicor(), editor, id, false)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as ImportRefused).failures).toEqual([{ line: 3, errors: [{ field: "occurredOn", key: "quarterLocked", values: { quarter: quarterOfDay } }] }]);
    expect(await count()).toBe(before);
    await asAdicor((tx) => recordRefusal(tx, adicor(), id, err as ImportRefused));
    const p = await rowsOf(id);
    expect(p.upload.refusedCount).toBe(1);
    expect(p.rows[0]).toMatchObject({ line: 3, status: "refused" });
    // The action says so in the reader's terms, and still writes nothing.
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("uploadId", id);
    expect(await commitImportAction({ status: "idle" }, fd)).toEqual({ status: "error", formError: { key: "importRefused", values: { count: 1 } } });
    expect(await count()).toBe(before);
  });
  it("imports groups: activity and village by name in any language, capital, sharing rule; the same file again adds nothing", async () => {
    const file = () =>
      csv("groupes.csv", [
        "Nom du groupe;Activité;Village;Date de démarrage;Capital de départ;Devise;Partage du bénéfice",
        `Boutique Importée Un;Boutique communautaire;${village};2025-03-01;250 000;MRU;`,
        `Atelier Importé Deux;sewing;${village};01/04/2025;120000;ouguiya;pondéré par équipe`,
        `Atelier Importé Trois;ملحمة قروية;${village.toUpperCase()};2025-04-02;90000;MRU;parts égales`,
        `${groupName};Boucherie villageoise;Nulle Part;2099-01-01;-5;EUR;au hasard`,
      ]);
    const { id } = await stage("groups", file());
    const p = await rowsOf(id);
    expect(p.rows.filter((r) => r.status === "invalid").map((r) => r.line)).toEqual([5]);
    expect(p.upload).toMatchObject({ kind: "groups", headerLang: "fr", rowCount: 4, newCount: 3, invalidCount: 1 });
    const bad = p.rows.find((r) => r.line === 5)!;
    expect(Object.fromEntries(bad.errors.map((e) => [e.field, e.key]))).toMatchObject({
      name: "importGroupExists",
      village: "importVillageUnknown",
      startingCapitalCurrency: "importNotInList",
      profitRule: "importNotInList",
      startDate: "dateInFuture",
      startingCapitalAmount: "amountNegative",
    });
    const before = await db.db.$count(groups, eq(groups.ngoOrgId, ids.orgs.adicor));
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("uploadId", id);
    expect(await commitImportAction({ status: "idle" }, fd)).toMatchObject({ status: "ok", data: { added: 3, duplicates: 0 } });
    expect(await db.db.$count(groups, eq(groups.ngoOrgId, ids.orgs.adicor))).toBe(before + 3);
    const made = await db.db
      .select({
        name: groups.name,
        activityType: groups.activityType,
        startDate: groups.startDate,
        amount: groups.startingCapitalAmount,
        currency: groups.startingCapitalCurrency,
        profitRule: groups.profitRule,
      })
      .from(groups)
      .where(sql`${groups.name} like '% Import%'`)
      .orderBy(groups.startDate);
    expect(made).toEqual([
      { name: "Boutique Importée Un", activityType: "shop", startDate: "2025-03-01", amount: 250000, currency: "MRU", profitRule: "equal" },
      { name: "Atelier Importé Deux", activityType: "sewing", startDate: "2025-04-01", amount: 120000, currency: "MRU", profitRule: "team_weighted" },
      { name: "Atelier Importé Trois", activityType: "butchery", startDate: "2025-04-02", amount: 90000, currency: "MRU", profitRule: "equal" },
    ]);
    // Again: each row is its own group already, a duplicate, not a name clash.
    const again = await rowsOf((await stage("groups", file())).id);
    expect(again.upload).toMatchObject({ newCount: 0, duplicateCount: 3, invalidCount: 1 });
    // Another file (English headers) naming an imported group: that group, a duplicate, nothing added.
    const later = await rowsOf(
      (
        await stage(
          "groups",
          csv("other.csv", [
            "Group name,Activity,Village,Start date,Starting capital,Currency",
            `boutique importee un,Community shop,${village},2025-05-01,1000,MRU`,
          ]),
        )
      ).id,
    );
    expect(later.upload).toMatchObject({ headerLang: "en", newCount: 0, duplicateCount: 1, invalidCount: 0 });
    // The new groups take members by their name.
    const members = await rowsOf(
      (
        await stage(
          "members",
          csv("m.csv", [
            "Groupe;Nom;Sexe;Année de naissance;Village ou campement;Taille du ménage;Statut du ménage;Date d'adhésion",
            `Atelier importé deux;Mariem Importgroupe;femme;1992;${village};5;hôte;2025-04-05`,
          ]),
        )
      ).id,
    );
    expect(members.upload).toMatchObject({ newCount: 1, invalidCount: 0 });
  });

  it("the groups template lists the activities in its language, and the instructions say what an empty sharing rule means", async () => {
    const names = {
      groups: [],
      villages: [village],
      activities: { fr: ["Boutique communautaire"], ar: ["دكان مجتمعي"], en: ["Community shop"] },
      communes: [],
      products: { fr: [], ar: [], en: [] },
      places: [],
      sessions: [],
    };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsxTemplate("groups", "ar", names)) as never);
    const [data, instructions, lists] = wb.worksheets;
    expect(data.views[0].rightToLeft).toBe(true);
    expect((data.getRow(1).values as unknown[]).slice(1)).toEqual([
      "اسم المجموعة",
      "النشاط",
      "القرية",
      "تاريخ البدء",
      "رأس المال الأولي",
      "العملة",
      "قاعدة تقاسم الأرباح",
    ]);
    const listed = (lists.getColumn(2).values as unknown[]).filter(Boolean);
    expect(listed).toEqual(["الأنشطة", "دكان مجتمعي"]);
    const rule = instructions.getRows(1, instructions.rowCount)!.find((r) => r.getCell(1).value === "قاعدة تقاسم الأرباح")!;
    expect(rule.getCell(3).text).toContain("فارغ: ");
  });
  it("a line identical to one just recorded, or to one above it in the file, is written only once confirmed, as the form asks", async () => {
    const [g] = await db.db
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.name, groupName), eq(groups.ngoOrgId, ids.orgs.adicor)));
    await asAdicor((tx) =>
      recordEntry(tx, adicor(), editor, { groupId: g.id, kind: "sale", occurredOn: today(), amount: 4321, currency: "MRU", note: "déjà saisie" }),
    );
    const file = csv("doublons.csv", [
      "Groupe,Opération,Date,Montant,Devise,Note",
      `${groupName},vente,${today()},4321,MRU,déjà saisie`,
      `${groupName},vente,${today()},777,MRU,deux fois`,
      `${groupName},vente,${today()},777,MRU,deux fois`,
      `${groupName},vente,${today()},778,MRU,une fois`,
    ]);
    const { id } = await stage("ledger", file);
    expect((await rowsOf(id)).upload).toMatchObject({ newCount: 4, invalidCount: 0 });
    const count = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0].n;
    const before = await count();
    const err = await asAdicor((tx) => commitUpload(tx, adicor(), editor, id, false)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRefused);
    expect((err as ImportRefused).failures.map((f) => [f.line, f.errors.map((e) => e.key)])).toEqual([
      [2, ["possibleDuplicate"]],
      [4, ["possibleDuplicate"]],
    ]);
    expect(await count()).toBe(before);
    const r = await asAdicor((tx) => commitUpload(tx, adicor(), editor, id, true));
    expect(r.added).toBe(4);
    expect(await count()).toBe(before + 4);
  });
  it("a members file is committed in batches exactly as row by row through addMember: near-duplicates in the file and recorded, a locked quarter", async () => {
    await db.db.insert(people).values([
      { ngoOrgId: ids.orgs.adicor, name: "Aminetou Mint Existante", sex: "female", birthYear: 1980 },
      { ngoOrgId: ids.orgs.adicor, name: "Brahim Ould Dejavu", sex: "male", birthYear: 1965 },
    ]);
    // Distinct names (two words of three syllables), unlike one another; a few alike on purpose.
    const word = (n: number) => {
      let w = "";
      for (let k = 0; k < 3; k++, n = Math.floor(n / 65)) w += "bdfgklmnprstz"[n % 13] + "aeiou"[Math.floor(n / 13) % 5];
      return w[0].toUpperCase() + w.slice(1);
    };
    const special: Record<number, [string, number, string?]> = {
      10: ["Aminetou Mint Existante", 1981],
      20: ["Aminetou Mint Existant", 1979],
      40: ["Ibrahim Ould Dejavu", 1966],
      100: ["Moussa Ould Fichier", 1970],
      101: ["Mousa Ould Fichier", 1971],
      150: ["Verrou Mint Trimestre", 1990, lockedDay],
      151: ["Verrou Mint Trimestre", 1991],
      250: ["Moussa Ould Fichier", 1972],
      299: ["Mint Fichier Moussa", 1971],
    };
    const lines = ["Groupe,Nom,Sexe,Année de naissance,Village ou campement,Taille du ménage,Statut du ménage,WG voir,WG marcher,Date d'adhésion"];
    for (let i = 0; i < 300; i++) {
      const [name, year, day] = special[i] ?? [`${word((i * 7919 + 13) % 274625)} ${word((i * 104729 + 7) % 274625)}`, 1950 + ((i * 17) % 55)];
      lines.push(
        [
          groupName,
          name,
          i % 2 ? "homme" : "femme",
          year,
          village,
          1 + (i % 9),
          i % 3 ? "population hôte" : "réfugié hors camp",
          ["", "1", "3"][i % 3],
          "",
          day ?? today(),
        ].join(","),
      );
    }
    class Rollback extends Error {
      constructor(readonly out: { added: number; failures: [number, string, unknown][] }) {
        super("rollback");
      }
    }
    // The reference: each row through the form's own service, in a savepoint, as oneByOne; rolled back.
    const rowByRow = (id: string, acceptWarnings: boolean) =>
      asAdicor(async (tx) => {
        const rows = await tx
          .select()
          .from(importRows)
          .where(and(eq(importRows.uploadId, id), eq(importRows.status, "new")))
          .orderBy(importRows.line);
        const lookups = await loadLookups(tx, adicor(), "members");
        const out = { added: 0, failures: [] as [number, string, unknown][] };
        for (const row of rows) {
          const input = checkRow("members", row.values as Record<string, string>, lookups).input as AddMemberInput;
          try {
            await tx.transaction(async (sp) => {
              const add = (confirm?: string) => addMember(sp, adicor(), { ...input, confirm });
              await add().catch((e: unknown) => {
                const token = e instanceof AppError ? e.values?.confirm : undefined;
                if (!acceptWarnings || typeof token !== "string") throw e;
                return add(token);
              });
            });
            out.added++;
          } catch (e) {
            const app = appErrorFromDb(e) ?? e;
            if (!(app instanceof AppError)) throw e;
            out.failures.push([row.line, app.messageKey, app.values?.names]);
          }
        }
        throw new Rollback(out);
      }).catch((e: unknown) => {
        if (e instanceof Rollback) return e.out;
        throw e;
      });
    const batched = async (id: string, acceptWarnings: boolean) => {
      try {
        const r = await asAdicor((tx) => commitUpload(tx, adicor(), editor, id, acceptWarnings));
        return { added: r.added, failures: [] as [number, string, unknown][] };
      } catch (e) {
        if (!(e instanceof ImportRefused)) throw e;
        return { added: 0, failures: e.failures.map((f): [number, string, unknown] => [f.line, f.errors[0].key, f.errors[0].values?.names]) };
      }
    };
    const count = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(people))[0].n;
    const before = await count();

    const { id } = await stage("members", csv("membres-lot.csv", lines));
    expect((await rowsOf(id)).upload).toMatchObject({ newCount: 300, duplicateCount: 0, invalidCount: 0 });
    const refused = await rowByRow(id, false);
    expect(refused.failures.map(([line, key]) => [line, key])).toEqual(
      expect.arrayContaining([
        [12, "possibleDuplicatePerson"],
        [22, "possibleDuplicatePerson"],
        [42, "possibleDuplicatePerson"],
        [103, "possibleDuplicatePerson"],
        [152, expect.stringMatching(/quarter/i)],
      ]),
    );
    // The locked quarter's row is not saved: the next one, alike, is no near-duplicate of it.
    expect(refused.failures.map(([line]) => line)).not.toContain(153);
    expect(refused.failures[0][2]).toMatch(/Aminetou Mint Existante \(1980\)/);
    expect(await batched(id, false)).toEqual({ added: 0, failures: refused.failures });
    const accepted = await rowByRow(id, true);
    expect(accepted.failures.map(([line]) => line)).toEqual([152]);
    expect(await batched(id, true)).toEqual({ added: 0, failures: accepted.failures });
    expect(await count()).toBe(before);

    // Without the locked quarter's row: the same members are added, the warnings confirmed.
    const { id: ok } = await stage(
      "members",
      csv(
        "membres-lot-2.csv",
        lines.filter((_, i) => i !== 151),
      ),
    );
    const reference = await rowByRow(ok, true);
    expect(reference).toEqual({ added: 299, failures: [] });
    expect(await batched(ok, true)).toEqual(reference);
    expect(await count()).toBe(before + 299);
  }, 120_000);
  describe("market prices", () => {
    const userOf = async (email: string) => (await db.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
    const observationsOf = (communeId: string, price: number) =>
      db.db
        .select()
        .from(marketObservations)
        .where(and(eq(marketObservations.communeOrgId, communeId), eq(marketObservations.price, price)));
    const pricesCsv = (name: string, lines: string[]) => csv(name, ["Produit;Marché;Date du relevé;Prix", ...lines]);

    it("a commune's committee imports its market prices: products by any of their names, villages, dates; the same file again adds nothing", async () => {
      const fassalaEditor = await userOf("editor@fassala.demo");
      const fassala = { id: ids.orgs.fassala, type: "commune" as const };
      const asFassala = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.fassala, userId: fassalaEditor }, fn);
      const file = () =>
        pricesCsv("prix.csv", [
          "Riz;Fassala;2025-06-02;1401",
          // The product by its Arabic name, in a French file; a date as text.
          "دقيق القمح;Hassi Chegar;03/06/2025;1101",
          // The same observation twice: one.
          "Riz;Fassala;2025-06-02;1401",
          "Caviar;Nulle Part;2025-06-02;0",
          // Bassikounou's product is not in Fassala's catalogue.
          "Riz (Bassikounou);Fassala;2025-06-02;1402",
        ]);
      const { id } = await asFassala((tx) => stageUpload(tx, fassala, fassalaEditor, { kind: "observations", file: file(), fileName: "prix.csv" }));
      const p = (await asFassala((tx) => loadPreview(tx, fassala, id)))!;
      expect(p.upload).toMatchObject({ kind: "observations", rowCount: 5, newCount: 2, duplicateCount: 1, invalidCount: 2 });
      const bad = p.rows.find((r) => r.line === 5)!;
      expect(bad.errors.map((e) => [e.field, e.key])).toEqual([
        ["product", "importProductUnknown"],
        ["place", "importPlaceUnknown"],
        ["price", "amountPositive"],
      ]);
      expect(p.rows.find((r) => r.line === 6)!.errors).toEqual([{ field: "product", key: "importProductUnknown", values: { name: "Riz (Bassikounou)" } }]);

      const r = await asFassala((tx) => commitUpload(tx, fassala, fassalaEditor, id, false, ["observations"]));
      expect(r).toMatchObject({ added: 2, duplicates: 1, invalid: 2 });
      const [rice] = await observationsOf(ids.orgs.fassala, 1401);
      expect(rice).toMatchObject({ observedOn: "2025-06-02", currency: "MRU", createdBy: fassalaEditor, placeId: ids.places.settlements.Fassala });
      expect(await observationsOf(ids.orgs.fassala, 1101)).toHaveLength(1);

      const again = await asFassala((tx) => stageUpload(tx, fassala, fassalaEditor, { kind: "observations", file: file(), fileName: "prix.csv" }));
      expect((await asFassala((tx) => loadPreview(tx, fassala, again.id)))!.upload).toMatchObject({ newCount: 0, duplicateCount: 3, invalidCount: 2 });
      expect(await observationsOf(ids.orgs.fassala, 1401)).toHaveLength(1);
      // A commune imports market prices only: the NGO's kinds are "not found" to it.
      await expect(
        asFassala((tx) => stageUpload(tx, fassala, fassalaEditor, { kind: "members", file: frMembers(), fileName: "membres.csv" })),
      ).rejects.toMatchObject({ code: "not_found" });
    });

    it("an NGO's coaches import prices of the communes it works in, named in a Commune column; another commune's names are refused", async () => {
      const file = csv("relevés.csv", [
        "Commune;Produit;Marché;Date du relevé;Prix;Devise",
        "Fassala;Sucre;Agoueinit;2025-06-04;37;MRU",
        "fassala;Sugar;Campement Kouna;2025-06-04;371;ouguiya",
        "Bassikounou;Riz (Bassikounou);Bassikounou;2025-06-04;1402;MRU",
      ]);
      const { id } = await stage("observations", file);
      const p = await rowsOf(id);
      expect(p.upload).toMatchObject({ newCount: 2, invalidCount: 1 });
      // ADICOR works in Fassala only: Bassikounou is no commune of its, and its lists are not checked.
      expect(p.rows.find((r) => r.line === 4)!.errors).toEqual([{ field: "commune", key: "importCommuneUnknown", values: { name: "Bassikounou" } }]);
      await asAdicor((tx) => commitUpload(tx, adicor(), editor, id, false));
      expect(await observationsOf(ids.orgs.fassala, 371)).toHaveLength(1);
      expect(await observationsOf(ids.orgs.bassikounou, 1402)).toHaveLength(0);
      // Its template lists Fassala's products in the template's language, and its villages.
      const names = await asAdicor((tx) => loadTemplateNames(tx, adicor(), "observations"));
      expect(names.communes).toEqual(["Commune de Fassala"]);
      expect(names.products.ar).toContain("دقيق القمح");
      expect(names.products.fr).not.toContain("Riz (Bassikounou)");
      expect(names.places).toContain("Campement Kouna");
    });

    it("a commune imports the attendance of a session in preparation: by its day, constituencies in any language; a closed session's day is refused", async () => {
      const fassalaEditor = await userOf("editor@fassala.demo");
      const fassala = { id: ids.orgs.fassala, type: "commune" as const };
      const asFassala = <T>(fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs.fassala, userId: fassalaEditor }, fn);
      const session = await asFassala((tx) => createSession(tx, ids.orgs.fassala, fassalaEditor, { heldOn: "2031-03-04", place: "Mairie de Fassala" }));
      const [closed] = await db.db
        .select({ heldOn: priceSessions.heldOn })
        .from(priceSessions)
        .where(and(eq(priceSessions.communeOrgId, ids.orgs.fassala), eq(priceSessions.status, "closed")))
        .limit(1);
      const file = () =>
        csv("présences.csv", [
          "Séance;Nom;Collège",
          "04/03/2031;Aminetou Présente;Fédération des commerçants",
          "2031-03-04;Brahim Présent;المستفيدون",
          "2031-03-04;Brahim Présent;Bénéficiaires",
          `${closed.heldOn};Fatimetou Tard;commune`,
          "2031-03-04;Sans Collège;inconnu",
        ]);
      const { id } = await asFassala((tx) => stageUpload(tx, fassala, fassalaEditor, { kind: "attendance", file: file(), fileName: "présences.csv" }));
      const p = (await asFassala((tx) => loadPreview(tx, fassala, id)))!;
      expect(p.upload).toMatchObject({ kind: "attendance", newCount: 2, duplicateCount: 1, invalidCount: 2 });
      expect(p.rows.find((r) => r.line === 5)!.errors).toEqual([{ field: "session", key: "importSessionUnknown", values: { name: closed.heldOn } }]);
      expect(p.rows.find((r) => r.line === 6)!.errors).toEqual([{ field: "constituency", key: "importNotInList", list: "constituency" }]);
      await asFassala((tx) => commitUpload(tx, fassala, fassalaEditor, id, false, ["observations", "attendance"]));
      const attendees = await db.db
        .select({ name: sessionAttendees.name, constituency: sessionAttendees.constituency })
        .from(sessionAttendees)
        .where(eq(sessionAttendees.sessionId, session.id));
      expect(attendees.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { name: "Aminetou Présente", constituency: "traders_federation" },
        { name: "Brahim Présent", constituency: "beneficiaries" },
      ]);
      // An NGO keeps no session: attendance is the commune's.
      await expect(stage("attendance", file())).rejects.toMatchObject({ code: "not_found" });
      // The commit's own kinds: an upload of a kind the member may not import is not found.
      const again = await asFassala((tx) => stageUpload(tx, fassala, fassalaEditor, { kind: "attendance", file: file(), fileName: "présences.csv" }));
      expect((await asFassala((tx) => loadPreview(tx, fassala, again.id)))!.upload).toMatchObject({ newCount: 0, duplicateCount: 3 });
      await expect(asFassala((tx) => commitUpload(tx, fassala, fassalaEditor, again.id, false, ["observations"]))).rejects.toMatchObject({ code: "not_found" });
    });

    it("the upload action: a commune's viewer is not found; its editor may not send an NGO's kind", async () => {
      const before = request.user;
      try {
        for (const [email, kind] of [
          ["viewer@fassala.demo", "observations"],
          ["editor@fassala.demo", "members"],
        ] as const) {
          const r = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.91.0.8" });
          if (!r.ok) throw new Error("sign-in refused");
          request.user = (await findLiveSession(db.db, r.sessionId))!;
          const fd = new FormData();
          fd.set("org", "fassala");
          fd.set("kind", kind);
          fd.set("file", pricesCsv("prix.csv", ["Riz;Fassala;2025-06-05;1403"]));
          const n = await uploadsCount();
          expect(await uploadImportAction({ status: "idle" }, fd), email).toMatchObject({ status: "error", formError: { key: "not_found" } });
          expect(await uploadsCount()).toBe(n);
        }
      } finally {
        request.user = before;
      }
    });
  });
});

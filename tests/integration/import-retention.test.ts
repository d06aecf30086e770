/**
 * An upload's cells (people's names, birth years, Washington Group answers as the file had them)
 * are kept 30 days after its commit or discard (lib/imports/retention.ts): when the organisation
 * next uploads a file, older uploads lose their rows but keep their counts, checksum and keys, so
 * the same file again still adds nothing; a staged upload left 30 days is discarded. Another
 * organisation's uploads are not touched. Through the upload action, as the application role.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { groups, importRows, importUploads } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { commitImportAction, uploadImportAction } from "@/lib/imports/actions";
import { IMPORT_ROWS_RETENTION_DAYS, rowsSwept } from "@/lib/imports/retention";
import { quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { request } from "../request-scope";
import { serve, signedIn, unserve } from "../serving";
import { backend, createTestDb, type TestDb } from "../test-db";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));

describe(`import rows' retention on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let file: (tag: string) => File;

  const upload = async (f: File, slug = "adicor") => {
    const fd = new FormData();
    fd.set("org", slug);
    fd.set("kind", "ledger");
    fd.set("file", f);
    const thrown: unknown = await uploadImportAction({ status: "idle" }, fd).catch((e: unknown) => e);
    const id = /upload=([0-9a-f-]{36})/.exec(String((thrown as { digest?: string }).digest))?.[1];
    if (!id) throw new Error(`upload refused: ${JSON.stringify(thrown)}`);
    return id;
  };
  const rowsOf = async (id: string) =>
    (
      await db.db
        .select({ n: sql<number>`count(*)::int` })
        .from(importRows)
        .where(eq(importRows.uploadId, id))
    )[0].n;
  const uploadOf = async (id: string) => (await db.db.select().from(importUploads).where(eq(importUploads.id, id)))[0];
  const age = (id: string, days: number) =>
    db.db
      .update(importUploads)
      .set({
        createdAt: sql`now() - make_interval(days => ${days})`,
        committedAt: sql`case when committed_at is null then null else now() - make_interval(days => ${days}) end`,
      })
      .where(eq(importUploads.id, id));

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    request.user = await signedIn(db, "editor@adicor.demo", "10.91.0.13");
    const gs = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), isNull(groups.archivedAt)));
    const name = gs.find((g) => gs.filter((o) => o.name === g.name).length === 1 && !/[",\n]/.test(g.name))!.name;
    const day = quarterBounds(quarterOf(new Date())).start;
    file = (tag) =>
      new File(
        [`Groupe,Opération,Date,Montant,Devise,Note\r\n${name},vente,${day},777,MRU,${tag} 1\r\n${name},vente,${day},778,MRU,${tag} 2\r\n`],
        `${tag}.csv`,
      );
  }, 120_000);
  afterAll(async () => {
    request.user = null;
    await unserve(db);
  });

  it("an upload committed more than 30 days ago loses its rows at the next upload, keeps its counts and keys", async () => {
    const first = await upload(file("ancien"));
    const commit = new FormData();
    commit.set("org", "adicor");
    commit.set("uploadId", first);
    expect(await commitImportAction({ status: "idle" }, commit)).toMatchObject({ status: "ok", data: { added: 2 } });
    const recent = await upload(file("recent"));
    // Within its retention: kept.
    expect(await rowsOf(first)).toBe(2);
    await age(first, IMPORT_ROWS_RETENTION_DAYS + 1);
    const staleStaged = recent;
    await age(staleStaged, IMPORT_ROWS_RETENTION_DAYS + 1);

    const again = await upload(file("ancien"));
    expect(await rowsOf(first)).toBe(0);
    expect(await uploadOf(first)).toMatchObject({ status: "committed", rowCount: 2, newCount: 2 });
    expect(rowsSwept(await uploadOf(first))).toBe(true);
    // A staged upload left 30 days: discarded, its rows gone.
    expect(await uploadOf(staleStaged)).toMatchObject({ status: "discarded" });
    expect(await rowsOf(staleStaged)).toBe(0);
    // The keys stay: the same file again adds nothing.
    expect(await uploadOf(again)).toMatchObject({ newCount: 0, duplicateCount: 2 });
    expect(await rowsOf(again)).toBe(2);
    expect(rowsSwept(await uploadOf(again))).toBe(false);
  });

  it("another organisation's old uploads are not swept by this one's upload", async () => {
    const [other] = await db.db
      .insert(importUploads)
      .values({
        orgId: ids.orgs.tadamoun,
        kind: "ledger",
        fileName: "autre.csv",
        checksum: "0".repeat(64),
        sizeBytes: 10,
        headerLang: "fr",
        columns: {},
        rowCount: 1,
        newCount: 1,
        duplicateCount: 0,
        invalidCount: 0,
        status: "discarded",
      })
      .returning();
    await db.db.insert(importRows).values({ uploadId: other.id, orgId: ids.orgs.tadamoun, line: 2, rowKey: "k", values: {}, status: "new" });
    await age(other.id, IMPORT_ROWS_RETENTION_DAYS + 5);
    await upload(file("encore"));
    expect(await rowsOf(other.id)).toBe(1);
  });
});

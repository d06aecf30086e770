/**
 * Issue 14.1: a long import shows how far it has gone. Its figures are written on their own
 * connection while the import's transaction runs (which nobody else sees before it ends), so the
 * importer's page, polling app/(portal)/[org]/import/progress from any instance, sees them grow;
 * nobody else reads them. The embedded database runs one transaction at a time: there, no
 * figure is written (the bar runs without one) and the import is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { and, eq, isNull, sql } from "drizzle-orm";
import { groups, importProgress, ledgerEntries } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { commitImportAction, uploadImportAction } from "@/lib/imports/actions";
import { progressFor } from "@/lib/imports/progress";
import { commitUpload, stageUpload } from "@/lib/imports/service";
import { quarterBounds, quarterOf } from "@/lib/quarters/quarter";
import { today } from "@/lib/dates";
import { withTenant } from "@/lib/tenant-db";
import { GET as progressRoute } from "@/app/(portal)/[org]/import/progress/route";
import { request } from "../request-scope";
import { serve, signedIn, unserve } from "../serving";
import { backend, createTestDb, type TestDb } from "../test-db";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (orig) => (await import("../request-scope")).session(await orig()));

const pg = backend === "postgres";

describe(`import progress on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: CurrentUser;
  let admin: CurrentUser;
  let otherOrg: CurrentUser;
  let lines: (n: number, tag: string) => File;

  const signIn = (email: string) => signedIn(db, email, "10.91.0.9");
  const poll = async (as: CurrentUser | null, key: string, slug = "adicor") => {
    request.user = as;
    const res = await progressRoute(new NextRequest(`http://localhost/${slug}/import/progress?key=${key}`), { params: Promise.resolve({ org: slug }) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const ledgerCount = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(ledgerEntries))[0].n;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    editor = await signIn("editor@adicor.demo");
    admin = await signIn("admin@adicor.demo");
    otherOrg = await signIn("admin@tadamoun.demo");
    const gs = await db.db
      .select({ name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), isNull(groups.archivedAt)));
    const named = gs.filter((x) => gs.filter((o) => o.name === x.name).length === 1 && !/[",\n]/.test(x.name)).map((x) => x.name);
    const day = quarterBounds(quarterOf(new Date())).start;
    lines = (n, tag) => {
      const out = ["Groupe,Opération,Date,Montant,Devise,Note"];
      for (let i = 0; i < n; i++) out.push(`${named[i % named.length]},vente,${i % 2 ? today() : day},${100 + i},MRU,${tag} ${i}`);
      return new File([out.join("\r\n") + "\r\n"], `${tag}.csv`, { type: "text/csv" });
    };
  }, 120_000);
  afterAll(async () => {
    request.user = null;
    await unserve(db);
  });

  it.runIf(pg)(
    "the figures grow while the import's transaction is still open, seen from another connection",
    async () => {
      const ctx = { org: { id: ids.orgs.adicor }, user: { id: editor.id } };
      const org = { id: ids.orgs.adicor, type: "ngo" as const };
      const key = crypto.randomUUID();
      const { id } = await withTenant(ctx, (tx) =>
        stageUpload(tx, org, editor.id, { kind: "ledger", file: lines(1500, "progress"), fileName: "progress.csv" }),
      );
      const before = await ledgerCount();
      const progress = await progressFor(ctx, key, { everyMs: 0 });
      const seen: { phase: string; done: number; total: number | null; ledger: number }[] = [];
      let running = true;
      const committing = withTenant(ctx, (tx) => commitUpload(tx, org, editor.id, id, false, undefined, progress)).finally(() => (running = false));
      while (running) {
        const [row] = await db.db.select().from(importProgress).where(eq(importProgress.key, key));
        // What the figures say, and what everyone else sees of the ledger meanwhile: nothing yet.
        if (row && running) seen.push({ phase: row.phase, done: row.done, total: row.total, ledger: await ledgerCount() });
        await new Promise((r) => setTimeout(r, 10));
      }
      const result = await committing;
      await progress.close();
      expect(result.added).toBe(1500);
      const midway = seen.filter((s) => s.phase === "writing" && s.done > 0 && s.done < 1500);
      expect(midway.length).toBeGreaterThan(0);
      expect(midway.every((s) => s.total === 1500 && s.ledger === before)).toBe(true);
      // Never backwards.
      expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b));
      expect((await poll(editor, key)).body).toMatchObject({ phase: "done", done: 1500, total: 1500 });
    },
    120_000,
  );

  it("through the forms' actions: the importer polls its own figures; no other member, organisation or visitor reads them", async () => {
    const uploadKey = crypto.randomUUID();
    const fd = new FormData();
    fd.set("org", "adicor");
    fd.set("kind", "ledger");
    fd.set("progressKey", uploadKey);
    fd.set("file", lines(40, "actions"));
    request.user = editor;
    const thrown: unknown = await uploadImportAction({ status: "idle" }, fd).catch((e: unknown) => e);
    const uploadId = /upload=([0-9a-f-]{36})/.exec(String((thrown as { digest?: string }).digest))?.[1];
    expect(uploadId).toBeTruthy();

    const commitKey = crypto.randomUUID();
    const commit = new FormData();
    commit.set("org", "adicor");
    commit.set("uploadId", uploadId!);
    commit.set("progressKey", commitKey);
    request.user = editor;
    expect(await commitImportAction({ status: "idle" }, commit)).toMatchObject({ status: "ok", data: { added: 40 } });

    if (pg) {
      expect((await poll(editor, uploadKey)).body).toMatchObject({ phase: "done", done: 0, total: null });
      expect(await poll(editor, commitKey)).toMatchObject({ status: 200, body: { phase: "done", done: 40, total: 40 } });
    } else {
      // The embedded database: the import ran, without figures.
      expect(await poll(editor, commitKey)).toMatchObject({ status: 200, body: { phase: null } });
    }
    // Another member of the same organisation reads what any unknown key reads; another
    // organisation, a visitor: nothing.
    expect(await poll(admin, commitKey)).toMatchObject({ status: 200, body: { phase: null, done: 0, total: null } });
    expect(await poll(otherOrg, commitKey, "tadamoun")).toMatchObject({ status: 200, body: { phase: null, done: 0 } });
    expect(await poll(otherOrg, commitKey)).toMatchObject({ status: 404 });
    expect((await poll(null, commitKey)).status).toBe(401);
    expect((await poll(editor, "not-a-key")).status).toBe(404);
    // A viewer may not import, hence not poll.
    expect((await poll(await signIn("viewer@adicor.demo"), commitKey)).status).toBe(404);
  }, 120_000);

  it.runIf(pg)("a forged key of someone else's import is refused by the database, and the import goes on", async () => {
    const key = crypto.randomUUID();
    const mine = await progressFor({ org: { id: ids.orgs.adicor }, user: { id: editor.id } }, key, { everyMs: 0 });
    mine.report("writing", 5, 10);
    await mine.close("writing");
    // Another member writing under the same key cannot take the row over (row-level security).
    const theirs = await progressFor({ org: { id: ids.orgs.adicor }, user: { id: admin.id } }, key, { everyMs: 0 });
    theirs.report("writing", 9, 10);
    await theirs.close();
    expect((await poll(editor, key)).body).toMatchObject({ phase: "writing", done: 5, total: 10 });
    expect((await poll(admin, key)).body).toMatchObject({ phase: null });
  });
});

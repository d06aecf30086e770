/**
 * Migration 0051 on a database that already holds notes: the demo is seeded on the schema of
 * migration 0050, a note is corrected (the ledger's history then held both texts), and 0051 runs.
 * Every note moves to ledger_entry_notes, its past texts to ledger_entry_note_history; the rows
 * and the ledger's history keep no note, and the figures do not move. PGlite: the migration's SQL
 * is the same on both databases.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { is, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import * as schema from "@/db/schema";
import type { Db } from "@/db/client";
import { migrationsFolder } from "@/db/client";
import { pgliteExtensions } from "@/db/pglite-extensions";
import { seedDemo } from "@/db/seed/demo";
import { rowsOf } from "@/lib/groups/scope";

const BEFORE = "0051_ledger_notes";

describe("migration 0051 moves the notes already stored", () => {
  let client: PGlite;
  let db: Db;
  let older: string;
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0];

  beforeAll(async () => {
    // The migrations up to 0050 only: a copy of the folder with a shorter journal.
    older = mkdtempSync(path.join(os.tmpdir(), "tamkin-0050-"));
    cpSync(migrationsFolder, older, { recursive: true });
    const journalFile = path.join(older, "meta", "_journal.json");
    const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
    const cut = journal.entries.findIndex((e) => e.tag === BEFORE);
    expect(cut).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, cut);
    writeFileSync(journalFile, JSON.stringify(journal));
    client = await PGlite.create("memory://", { extensions: await pgliteExtensions() });
    db = drizzle(client, { schema });
    await migrate(db as never, { migrationsFolder: older });
    // The seed writes with today's schema: the columns later migrations add to its tables are
    // there while it runs (plain, nullable), then dropped, so that those migrations add them.
    const dropLater: string[] = [];
    for (const t of Object.values(schema)) {
      if (!is(t, PgTable)) continue;
      const { name, columns } = getTableConfig(t);
      const existing = rowsOf<{ c: string }>(
        await db.execute(sql`select column_name as c from information_schema.columns where table_schema = 'public' and table_name = ${name}`),
      ).map((r) => r.c);
      if (existing.length === 0) continue;
      for (const col of columns.filter((c) => !existing.includes(c.name))) {
        await db.execute(sql.raw(`alter table "${name}" add column "${col.name}" ${col.getSQLType()}`));
        dropLater.push(`alter table "${name}" drop column "${col.name}"`);
      }
    }
    await seedDemo(db);
    for (const q of dropLater) await db.execute(sql.raw(q));
  }, 240_000);
  afterAll(async () => {
    await client?.close();
    if (older) rmSync(older, { recursive: true, force: true });
  });

  it("notes, their history and the figures", async () => {
    // On 0050 a correction of a note left both texts in the ledger's history.
    const entry = await one<{ id: string; note: string }>(sql`select id, note from ledger_entries where note <> '' and voided_at is null order by id limit 1`);
    expect(entry.note).not.toBe("");
    await db.execute(sql`update ledger_entries set note = 'Remis par Fatimetou' where id = ${entry.id}`);
    const before = await one<{ notes: number; changed: number; sums: string }>(sql`select
        (select count(*)::int from ledger_entries where note <> '') as notes,
        (select count(*)::int from ledger_entry_history where (before ->> 'note') is distinct from (after ->> 'note')) as changed,
        (select sum(amount)::text from ledger_entries where voided_at is null) as sums`);
    expect(before.notes).toBeGreaterThan(0);
    expect(before.changed).toBe(1);
    const cube = await one<{ total: string }>(sql`select sum(amount)::text as total from ledger_cube`);

    await migrate(db as never, { migrationsFolder });

    const after = await one<{ inRows: number; moved: number; history: number; withNote: number; sums: string }>(sql`select
        (select count(*)::int from ledger_entries where note <> '') as "inRows",
        (select count(*)::int from ledger_entry_notes) as moved,
        (select count(*)::int from ledger_entry_note_history) as history,
        (select count(*)::int from ledger_entry_history where before -> 'note' is not null or after -> 'note' is not null) as "withNote",
        (select sum(amount)::text from ledger_entries where voided_at is null) as sums`);
    expect(after).toEqual({ inRows: 0, moved: before.notes, history: 1, withNote: 0, sums: before.sums });
    expect(await one(sql`select before, after from ledger_entry_note_history where entry_id = ${entry.id}`)).toEqual({
      before: entry.note,
      after: "Remis par Fatimetou",
    });
    expect(await one(sql`select note from ledger_entry_notes where entry_id = ${entry.id}`)).toEqual({ note: "Remis par Fatimetou" });
    expect(await one(sql`select sum(amount)::text as total from ledger_cube`)).toEqual(cube);
  }, 240_000);
});

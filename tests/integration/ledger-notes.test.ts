/**
 * Issue 11.3: ledger notes are free text, and staff write people's names in them. In the database
 * (migration 0051) a note is read only in the context of the NGO supporting the entry's group:
 * the consortium, the commune and the network read the entry (its amount is behind their figures)
 * but not its note, cannot find it by its words, and read no trace of it in the ledger's history.
 * Writers keep writing `ledger_entries.note`: a trigger moves it, and a changed note keeps its
 * previous text in its own history, as narrow as the notes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { Tx } from "@/db/client";
import { ledgerEntries, users } from "@/db/schema";
import { correctEntry, recordEntry } from "@/lib/groups/service";
import { listEntryHistory, listLedgerRows } from "@/lib/groups/ledger-queries";
import { rowsOf } from "@/lib/groups/scope";
import { backend, createTestDb, type TestDb } from "../test-db";
import { demoOrgTypes, type DemoSlug } from "../demo-orgs";
import { sqlState } from "../refusals";

type Slug = DemoSlug;
const types = demoOrgTypes;
const NAME = "Aminetou Mint Ahmedou";
const CORRECTED = "remboursé par Mariem Mint Sidi";

describe(`ledger notes only to the supporting NGO, in the database, on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: string;
  let group: string;
  let entryId: string;
  const org = (slug: Slug) => ({ id: ids.orgs[slug], slug, name: slug, type: types[slug] });
  const as = <T>(slug: Slug, fn: (tx: Tx) => Promise<T>, userId?: string) => db.asApp({ orgId: ids.orgs[slug], userId }, fn);
  const scalar = async (slug: Slug, query: ReturnType<typeof sql>) =>
    as(slug, async (tx) => rowsOf<{ v: string | number | null }>(await tx.execute(query))[0]?.v ?? null);

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    [{ id: editor }] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "editor@adicor.demo"));
    // An ADICOR group that the consortium, the commune and the network all read.
    group = String(await scalar("femmes-fassala", sql`select id::text as v from groups where ngo_org_id = ${ids.orgs.adicor} order by name limit 1`));
    const e = await as(
      "adicor",
      (tx) =>
        recordEntry(tx, org("adicor"), editor, {
          groupId: group,
          kind: "sale",
          occurredOn: "2026-11-02",
          amount: 4321,
          currency: "MRU",
          note: `Crédit de ${NAME}`,
        }),
      editor,
    );
    entryId = e.id;
  });
  afterAll(async () => db?.destroy());

  it("the NGO reads the note it wrote, and finds the entry by its words; the row itself keeps no note", async () => {
    const page = await as("adicor", (tx) => listLedgerRows(tx, org("adicor"), { group, q: "aminetou" }));
    expect(page.rows.map((r) => [r.id, r.note])).toEqual([[entryId, `Crédit de ${NAME}`]]);
    const [row] = await db.db.select({ note: ledgerEntries.note }).from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
    expect(row.note).toBe("");
  });

  for (const slug of ["acor", "fassala", "femmes-fassala", "tadamoun"] as const) {
    it(`${slug} (${types[slug]}) reads no note: not in the ledger list, not by search, not in the tables`, async () => {
      const readsEntry = slug !== "tadamoun";
      const listed = await as(slug, (tx) => listLedgerRows(tx, org(slug), { group }, { limit: 500 }));
      const mine = listed.rows.find((r) => r.id === entryId);
      if (readsEntry) {
        // The entry is theirs to read (its amount is in their figures), without its note.
        expect(mine?.amount).toBe(4321);
        expect(mine?.note).toBe("");
      } else expect(mine).toBeUndefined();
      expect(listed.rows.filter((r) => r.note !== "")).toEqual([]);
      const found = await as(slug, (tx) => listLedgerRows(tx, org(slug), { group, q: "aminetou" }));
      expect(found.rows).toEqual([]);
      expect(await scalar(slug, sql`select count(*)::int as v from ledger_entry_notes where ngo_org_id = ${ids.orgs.adicor}`)).toBe(0);
      expect(await scalar(slug, sql`select count(*)::int as v from ledger_entry_note_history where ngo_org_id = ${ids.orgs.adicor}`)).toBe(0);
      expect(await scalar(slug, sql`select count(*)::int as v from ledger_entries where note <> ''`)).toBe(0);
    });
  }

  it("a corrected note keeps its previous text in its own history, read by the NGO; the ledger's history carries no note", async () => {
    await as(
      "adicor",
      (tx) =>
        correctEntry(tx, org("adicor"), editor, {
          entryId,
          version: 1,
          kind: "sale",
          occurredOn: "2026-11-02",
          amount: 4321,
          currency: "MRU",
          note: CORRECTED,
        }),
      editor,
    );
    const ngo = await as("adicor", (tx) => listEntryHistory(tx, group, [entryId]));
    const noteChange = ngo.find((h) => h.action === "note");
    expect(noteChange?.before).toEqual({ note: `Crédit de ${NAME}` });
    expect(noteChange?.after).toEqual({ note: CORRECTED });
    expect(noteChange?.changedBy).toBe(editor);
    expect((await as("adicor", (tx) => listLedgerRows(tx, org("adicor"), { group, q: "mariem" }))).rows.map((r) => r.note)).toEqual([CORRECTED]);

    for (const slug of ["acor", "fassala", "femmes-fassala"] as const) {
      const history = await as(slug, (tx) => listEntryHistory(tx, group, [entryId]));
      // They see that the entry was corrected, not what its note said or says.
      expect(history.map((h) => h.action)).toEqual(["correct"]);
      expect(JSON.stringify(history)).not.toMatch(/Aminetou|Mariem/);
    }
    // The history of notes is append-only, like the ledger's.
    const refused = await sqlState(
      db.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
        await tx.execute(sql`update ledger_entry_note_history set after = 'rewritten' where entry_id = ${entryId}`);
      }),
    );
    expect(refused).toBe("TK006");
  });

  it("a cleared note leaves nothing to read, and its last text in the NGO's history", async () => {
    const [{ version }] = await db.db.select({ version: ledgerEntries.version }).from(ledgerEntries).where(eq(ledgerEntries.id, entryId));
    await as(
      "adicor",
      (tx) => correctEntry(tx, org("adicor"), editor, { entryId, version, kind: "sale", occurredOn: "2026-11-02", amount: 4321, currency: "MRU", note: "" }),
      editor,
    );
    expect(await scalar("adicor", sql`select count(*)::int as v from ledger_entry_notes where entry_id = ${entryId}`)).toBe(0);
    const notes = (await as("adicor", (tx) => listEntryHistory(tx, group, [entryId]))).filter((h) => h.action === "note");
    expect(notes.map((h) => (h.after as { note: string }).note)).toEqual(["", CORRECTED]);
  });

  it("another NGO cannot write a note on an entry it does not support", async () => {
    const updated = await as("tadamoun", (tx) =>
      tx
        .update(ledgerEntries)
        .set({ note: "pwned" })
        .where(and(eq(ledgerEntries.id, entryId)))
        .returning({ id: ledgerEntries.id }),
    );
    expect(updated).toEqual([]);
    const forged = await sqlState(
      as("tadamoun", (tx) =>
        tx.execute(sql`insert into ledger_entry_notes (entry_id, ngo_org_id, group_id, note) values (${entryId}, ${ids.orgs.adicor}, ${group}, 'pwned')`),
      ),
    );
    expect(forged).toBe("42501");
    expect(Number(rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from ledger_entry_notes where note = 'pwned'`))[0].n)).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { backend, createTestDb, type TestDb } from "../test-db";
import { rowsOf } from "@/lib/groups/scope";
import { sqlState } from "../refusals";

/**
 * The append-only tables (audit trail, negotiated prices, ledger history, price notices) share
 * one guard, `app_append_only` (migration 0026), and each keeps the SQLSTATE the application maps
 * (lib/db-errors.ts). Tried as the owner in maintenance mode, which sees every row: no role gets
 * past the trigger.
 */
describe(`append-only tables on ${backend}`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    // One trail record and one history record of the ledger, for the row triggers to refuse.
    await db.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
      await tx.execute(sql`insert into audit_log (action, entity) values ('probe', 'probe')`);
      await tx.execute(sql`insert into ledger_entry_history (entry_id, action, before, after) select id, 'probe', '{}', '{}' from ledger_entries limit 1`);
      await tx.execute(
        sql`insert into ledger_entry_note_history (entry_id, ngo_org_id, group_id, before, after) select id, ngo_org_id, group_id, 'a', 'b' from ledger_entries limit 1`,
      );
    });
  });
  afterAll(async () => db?.destroy());

  /** One statement in its own transaction, as the owner with every row visible. */
  const asOwner = (statement: string) =>
    db.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
      await tx.execute(sql.raw(statement));
    });

  it("every append-only trigger calls the one guard, and no copy of it is left", async () => {
    // Public boards and API tokens have a guard of their own (migrations 0023 and 0042: a revoked
    // link or token is final, the rest may change).
    const triggers = rowsOf<{ table: string; fn: string }>(
      await db.db.execute(sql`select c.relname as table, p.proname as fn from pg_trigger t join pg_class c on c.oid = t.tgrelid
        join pg_proc p on p.oid = t.tgfoid where not t.tgisinternal and c.relname not in ('public_boards', 'api_tokens') and (t.tgname like '%append_only' or t.tgname like '%no_truncate' or t.tgname like '%no_delete')
        order by 1, 2`),
    );
    expect(new Set(triggers.map((t) => t.table))).toEqual(
      new Set([
        "audit_log",
        "ledger_entries",
        "ledger_entry_history",
        // The notes' own history (migration 0051).
        "ledger_entry_note_history",
        "negotiated_prices",
        "price_notice_villages",
        "price_notices",
        // The stock's history (migration 0044): movements and counts, and items and stock-outs never deleted.
        "stock_counts",
        "stock_items",
        "stock_movements",
        "stock_outs",
      ]),
    );
    expect(new Set(triggers.map((t) => t.fn))).toEqual(new Set(["app_append_only"]));
    const copies = rowsOf<{ name: string }>(
      await db.db.execute(sql`select proname as name from pg_proc where proname like '%append_only%' or proname like '%no_delete%' order by 1`),
    );
    expect(copies.map((c) => c.name)).toEqual(["app_append_only"]);
  });

  it("refuses updates, deletes and truncation with each table's own code", async () => {
    const counts = rowsOf<{ audit: number; history: number; notices: number; villages: number; prices: number; ledger: number }>(
      await db.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
        return tx.execute(sql`select (select count(*) from audit_log)::int as audit, (select count(*) from ledger_entry_history)::int as history,
          (select count(*) from price_notices)::int as notices, (select count(*) from price_notice_villages)::int as villages,
          (select count(*) from negotiated_prices)::int as prices, (select count(*) from ledger_entries)::int as ledger`);
      }),
    )[0];
    // The demo has rows in each, so the row triggers have something to refuse.
    expect(
      Object.values(counts).every((n) => n > 0),
      JSON.stringify(counts),
    ).toBe(true);

    expect(await sqlState(asOwner("update audit_log set action = action"))).toBe("42501");
    expect(await sqlState(asOwner("delete from audit_log"))).toBe("42501");
    expect(await sqlState(asOwner("truncate audit_log"))).toBe("42501");
    expect(await sqlState(asOwner("delete from negotiated_prices"))).toBe("42501");
    expect(await sqlState(asOwner("truncate negotiated_prices cascade"))).toBe("42501");
    expect(await sqlState(asOwner("delete from ledger_entries"))).toBe("42501");
    expect(await sqlState(asOwner("truncate ledger_entries cascade"))).toBe("42501");
    expect(await sqlState(asOwner("update ledger_entry_history set action = action"))).toBe("TK006");
    expect(await sqlState(asOwner("delete from ledger_entry_history"))).toBe("TK006");
    expect(await sqlState(asOwner("update ledger_entry_note_history set after = before"))).toBe("TK006");
    expect(await sqlState(asOwner("delete from ledger_entry_note_history"))).toBe("TK006");
    expect(await sqlState(asOwner("truncate ledger_entry_note_history"))).toBe("TK006");
    expect(await sqlState(asOwner("update price_notices set created_at = created_at"))).toBe("TK113");
    expect(await sqlState(asOwner("delete from price_notice_villages"))).toBe("TK113");
    expect(await sqlState(asOwner("update stock_movements set note = note"))).toBe("TK430");
    expect(await sqlState(asOwner("delete from stock_counts"))).toBe("TK430");
    expect(await sqlState(asOwner("truncate stock_movements cascade"))).toBe("TK430");
  });
});

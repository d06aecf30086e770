/**
 * `--reset`: delete the previous bench data, and only it, in one transaction.
 *
 * Bench rows are found by their owners: organisations whose slug starts with "b-", the groups of
 * those NGOs, places whose P-code starts with "B-", users `<role>@b-….bench`. Everything is
 * deleted with DELETE (no TRUNCATE). Every trigger that fires on DELETE on those tables is
 * switched off for the length of the transaction only, as the owner: the guards that refuse
 * deletes (`ledger_entries_no_delete`: ledger lines are voided, never deleted; the append-only
 * history, price versions and notices), the quarter guards (moot once the bench NGOs' locks,
 * deleted first, are gone), and the statement-level triggers that keep the summary tables (see
 * below). All are enabled again before COMMIT, and a failure rolls everything back, the triggers
 * included; ALTER TABLE … DISABLE TRIGGER locks each table against other writers until then, so no
 * other session ever writes while a guard is off.
 *
 * Deleting a referenced row makes PostgreSQL look for referencing rows; where a foreign key has no
 * index of its own (e.g. ledger_entries.created_by, customer_credits.sale_entry_id) that is a
 * sequential scan per deleted row, so the reset creates a plain index on such columns of large
 * tables inside the transaction and drops it before COMMIT.
 *
 * Exchange rates are global, and their guard stays on: the database refuses to delete a rate whose
 * removal would change the converted totals of a quarter locked by anyone (migration 0013). Such a
 * bench rate is kept, with its link to the bench consortium cleared.
 *
 * Tables this script does not know (added later, such as summary tables) are cleaned too: rows
 * whose `group_id` is a bench group or whose `…org_id` column is a bench organisation. The
 * statement-level AFTER DELETE triggers that keep those summaries are switched off for the
 * transaction, since every summary row of a bench group or organisation is deleted anyway (the
 * summaries of the other organisations never included bench lines); `npm run db:verify-rollups`
 * recomputes them from the rows.
 */
import type postgres from "postgres";

/** Known tables, children first; each with the condition selecting its bench rows. */
const DELETES: [string, string][] = [
  ["quarter_locks", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["declared_figures", "org_id in (select id from bench_reset_orgs)"],
  ["market_observations", "commune_org_id in (select id from bench_reset_orgs) or place_id in (select id from bench_reset_places)"],
  // A group's stock (migration 0046) refers to the grouped purchases' lines that fed it and to the products.
  ["stock_outs", "group_id in (select id from bench_reset_groups)"],
  ["stock_counts", "group_id in (select id from bench_reset_groups)"],
  [
    "stock_movements",
    "group_id in (select id from bench_reset_groups) or order_line_id in (select l.id from purchase_order_lines l where l.commune_org_id in (select id from bench_reset_orgs))",
  ],
  [
    "stock_items",
    "group_id in (select id from bench_reset_groups) or product_id in (select p.id from products p where p.commune_org_id in (select id from bench_reset_orgs))",
  ],
  ["purchase_order_lines", "commune_org_id in (select id from bench_reset_orgs) or group_id in (select id from bench_reset_groups)"],
  ["purchase_orders", "commune_org_id in (select id from bench_reset_orgs)"],
  ["price_notice_villages", "commune_org_id in (select id from bench_reset_orgs) or village_id in (select id from bench_reset_places)"],
  ["price_notices", "commune_org_id in (select id from bench_reset_orgs)"],
  ["negotiated_prices", "commune_org_id in (select id from bench_reset_orgs)"],
  ["session_attendees", "commune_org_id in (select id from bench_reset_orgs)"],
  ["price_sessions", "commune_org_id in (select id from bench_reset_orgs)"],
  ["products", "commune_org_id in (select id from bench_reset_orgs)"],
  ["suppliers", "commune_org_id in (select id from bench_reset_orgs)"],
  ["price_settings", "commune_org_id in (select id from bench_reset_orgs)"],
  [
    "cohesion_answers",
    "org_id in (select id from bench_reset_orgs) or survey_id in (select s.id from cohesion_surveys s where s.village_id in (select id from bench_reset_places))",
  ],
  ["cohesion_surveys", "org_id in (select id from bench_reset_orgs) or village_id in (select id from bench_reset_places)"],
  ["group_evaluations", "ngo_org_id in (select id from bench_reset_orgs) or group_id in (select id from bench_reset_groups)"],
  [
    "coaching_follow_ups",
    "ngo_org_id in (select id from bench_reset_orgs) or visit_id in (select v.id from coaching_visits v where v.group_id in (select id from bench_reset_groups))",
  ],
  ["coaching_visits", "ngo_org_id in (select id from bench_reset_orgs) or group_id in (select id from bench_reset_groups)"],
  ["profit_shares", "distribution_id in (select d.id from profit_distributions d where d.group_id in (select id from bench_reset_groups))"],
  ["profit_distributions", "group_id in (select id from bench_reset_groups)"],
  ["credit_repayments", "credit_id in (select c.id from customer_credits c where c.group_id in (select id from bench_reset_groups))"],
  ["customer_credits", "group_id in (select id from bench_reset_groups)"],
  // Ledger notes and their history (migration 0051): the NGO's, by their own column.
  ["ledger_entry_note_history", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["ledger_entry_notes", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["ledger_entry_history", "entry_id in (select e.id from ledger_entries e where e.ngo_org_id in (select id from bench_reset_orgs))"],
  ["ledger_entries", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["manager_terms", "group_id in (select id from bench_reset_groups)"],
  ["manager_team_members", "team_id in (select t.id from manager_teams t where t.group_id in (select id from bench_reset_groups))"],
  ["manager_teams", "group_id in (select id from bench_reset_groups)"],
  ["technical_aids", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["group_memberships", "group_id in (select id from bench_reset_groups)"],
  ["people", "ngo_org_id in (select id from bench_reset_orgs)"],
  ["households", "ngo_org_id in (select id from bench_reset_orgs) or settlement_id in (select id from bench_reset_places)"],
  ["@others", ""],
  ["groups", "id in (select id from bench_reset_groups)"],
  ["exchange_rates", "set_by_org_id in (select id from bench_reset_orgs) or set_by_user_id in (select id from bench_reset_users)"],
  // Cascades to memberships, consortium_members and org_communes (the last-admin guard lets an
  // organisation's memberships go with it).
  ["organisations", "id in (select id from bench_reset_orgs)"],
  ["users", "id in (select id from bench_reset_users)"],
  ["places", "id in (select id from bench_reset_places)"],
  ["@others", ""],
];
const KNOWN = new Set([
  ...DELETES.map(([t]) => t),
  "memberships",
  "consortium_members",
  "org_communes",
  "sessions",
  "audit_log",
  "sign_in_throttle",
  "activity_types",
  "cohesion_indicators",
]);

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function resetBench(sql: postgres.Sql, log: (line: string) => void): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  await sql.begin(async (tx) => {
    await tx.unsafe(`create temp table bench_reset_orgs on commit drop as select id from organisations where slug like 'b-%'`);
    await tx.unsafe(`create temp table bench_reset_groups on commit drop as select id from groups where ngo_org_id in (select id from bench_reset_orgs)`);
    await tx.unsafe(`create temp table bench_reset_places on commit drop as select id from places where pcode like 'B-%'`);
    await tx.unsafe(
      `create temp table bench_reset_users on commit drop as select id from users where lower(email) ~ '^(admin|editor|viewer)@b-[a-z0-9-]+\\.bench$'`,
    );
    for (const t of ["orgs", "groups", "places", "users"]) await tx.unsafe(`create index on bench_reset_${t} (id)`);
    await tx.unsafe(`analyze bench_reset_orgs, bench_reset_groups, bench_reset_places, bench_reset_users`);

    const helpers = await indexUnindexedForeignKeys(tx, log);
    // Every trigger that fires on DELETE on these tables: the guards that refuse deletes (ledger,
    // history, price versions and notices...), the quarter guards (moot: the bench NGOs' locks go
    // first), and the statement-level triggers that keep summary tables (the bench groups' and
    // organisations' summary rows are deleted outright by the "@others" steps, far faster than
    // subtracting millions of lines key by key).
    const guards = await tx<{ table: string; trigger: string }[]>`
      select c.relname as table, t.tgname as trigger from pg_trigger t join pg_class c on c.oid = t.tgrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relname in ${tx(DELETES.map(([t]) => t).filter((t) => !t.startsWith("@") && t !== "exchange_rates"))}
        and not t.tgisinternal and t.tgenabled <> 'D' and (t.tgtype & 8) <> 0
      order by 1, 2`;
    for (const g of guards) await tx.unsafe(`alter table ${ident(g.table)} disable trigger ${ident(g.trigger)}`);

    for (const [table, where] of DELETES) {
      const t0 = performance.now();
      if (table === "exchange_rates") {
        deleted[table] = await deleteRates(tx, log);
        continue;
      }
      if (table === "@others") {
        for (const [other, n] of Object.entries(await deleteFromOtherTables(tx))) {
          deleted[other] = (deleted[other] ?? 0) + n;
          log(`reset: ${other.padEnd(24)} ${n.toLocaleString("en").padStart(12)} rows deleted (summary or other table)`);
        }
        continue;
      }
      const r = await tx.unsafe(`delete from ${ident(table)} where ${where}`);
      deleted[table] = r.count;
      if (r.count > 0)
        log(`reset: ${table.padEnd(24)} ${r.count.toLocaleString("en").padStart(12)} rows deleted in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }

    for (const g of guards) await tx.unsafe(`alter table ${ident(g.table)} enable trigger ${ident(g.trigger)}`);
    for (const h of helpers) await tx.unsafe(`drop index ${ident(h)}`);
  });
  return deleted;
}

async function deleteRates(tx: postgres.TransactionSql, log: (line: string) => void): Promise<number> {
  const rates = await tx<{ id: string; valid_from: string }[]>`
    select id, valid_from::text from exchange_rates
    where set_by_org_id in (select id from bench_reset_orgs) or set_by_user_id in (select id from bench_reset_users)
    order by valid_from desc`;
  let n = 0;
  for (const rate of rates) {
    try {
      await tx.savepoint((sp) => sp`delete from exchange_rates where id = ${rate.id}`);
      n += 1;
    } catch (err) {
      if ((err as { code?: string }).code !== "TK002") throw err;
      await tx`update exchange_rates set set_by_org_id = null, set_by_user_id = null where id = ${rate.id}`;
      log(`reset: rate of ${rate.valid_from} kept (its removal would change a locked quarter)`);
    }
  }
  return n;
}

/**
 * For each foreign key pointing at a table the reset deletes from, whose columns do not lead a
 * plain index of the referencing table (of more than 1,000 rows), a temporary index.
 */
async function indexUnindexedForeignKeys(tx: postgres.TransactionSql, log: (line: string) => void): Promise<string[]> {
  const fks = await tx<{ tbl: string; cols: string[]; rows: number }[]>`
    select c.relname as tbl, c.reltuples::bigint::int as rows,
      array(select a.attname::text from unnest(k.conkey) with ordinality u(attnum, i)
            join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum order by u.i) as cols
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_class r on r.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public' and r.relname in ${tx(DELETES.map(([t]) => t).filter((t) => !t.startsWith("@")))}
      and not exists (
        select 1 from pg_index i
        where i.indrelid = k.conrelid and i.indisvalid and i.indpred is null
          and (select array_agg(x order by x) from unnest((i.indkey::int2[])[0:cardinality(k.conkey) - 1]) x)
            = (select array_agg(y order by y) from unnest(k.conkey) y)
      )`;
  const made: string[] = [];
  for (const fk of fks) {
    // reltuples is -1 for a table never analysed: index it anyway.
    if (fk.rows >= 0 && fk.rows < 1_000) continue;
    const name = `bench_reset_fk_${made.length + 1}`;
    const t0 = performance.now();
    await tx.unsafe(`create index ${name} on ${ident(fk.tbl)} (${fk.cols.map(ident).join(", ")})`);
    log(`reset: temporary index on ${fk.tbl} (${fk.cols.join(", ")}) for the foreign key checks, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    made.push(name);
  }
  return made;
}

/** Rows of tables unknown to this script that belong to bench groups or organisations. */
async function deleteFromOtherTables(tx: postgres.TransactionSql): Promise<Record<string, number>> {
  const cols = await tx<{ tbl: string; col: string }[]>`
    select c.relname as tbl, a.attname as col
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and a.atttypid = 'uuid'::regtype
      and (a.attname = 'group_id' or a.attname like '%org\\_id')
    order by 1, 2`;
  const byTable = new Map<string, string[]>();
  for (const { tbl, col } of cols) {
    if (KNOWN.has(tbl) || tbl.startsWith("bench_")) continue;
    byTable.set(tbl, [...(byTable.get(tbl) ?? []), col]);
  }
  const out: Record<string, number> = {};
  for (const [tbl, cs] of byTable) {
    const where = cs.map((c) => `${ident(c)} in (select id from ${c === "group_id" ? "bench_reset_groups" : "bench_reset_orgs"})`).join(" or ");
    const r = await tx.unsafe(`delete from ${ident(tbl)} where ${where}`);
    if (r.count > 0) out[tbl] = r.count;
  }
  return out;
}

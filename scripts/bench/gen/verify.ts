/**
 * The rules of the per-row guards the loader switches off (gen/copy.ts BULK_CHECKED), checked
 * over all the bench rows at once after loading. A violation fails the load.
 *
 * Why they are switched off: each of those triggers looks a group (or credit, visit, price) up
 * as the owner, and under FORCEd row-level security the owner in maintenance mode still pays for
 * every permissive policy of `groups`: the planner puts the maintenance InitPlan last in the OR,
 * after the hashed sub-plans of app_readable_orgs() and app_readable_places(), which are rebuilt
 * for every execution (~10–50 ms a row here). At a million memberships that is hours.
 */
import type postgres from "postgres";

const BENCH_GROUPS = "select g.id from groups g join organisations o on o.id = g.ngo_org_id where o.slug like 'b-%'";
const BENCH_ORGS = "select id from organisations where slug like 'b-%'";

export const CHECKS: [string, string][] = [
  [
    "manager terms of a group overlap",
    `select count(*) from (
       select t.starts_on, lag(t.ends_on) over (partition by t.group_id order by t.starts_on, t.id) as prev_end
       from manager_terms t where t.group_id in (${BENCH_GROUPS})) x
     where x.prev_end >= x.starts_on`,
  ],
  [
    "a manager term's team belongs to another group",
    `select count(*) from manager_terms t join manager_teams m on m.id = t.team_id
     where t.group_id in (${BENCH_GROUPS}) and m.group_id <> t.group_id`,
  ],
  [
    "a repayment comes before its credit, or goes to a voided credit",
    `select count(*) from credit_repayments p join customer_credits c on c.id = p.credit_id
     where c.group_id in (${BENCH_GROUPS}) and (p.paid_on < c.granted_on or c.voided_at is not null)`,
  ],
  [
    "a price version supersedes a price of another product or commune",
    `select count(*) from negotiated_prices p
     where p.commune_org_id in (${BENCH_ORGS}) and p.supersedes_id is not null and not exists (
       select 1 from negotiated_prices s where s.id = p.supersedes_id and s.product_id = p.product_id and s.commune_org_id = p.commune_org_id)`,
  ],
  [
    "a credit's sale is not a live sale of the same group, amount, currency and date",
    `select count(*) from customer_credits c join ledger_entries e on e.id = c.sale_entry_id
     where c.group_id in (${BENCH_GROUPS})
       and (e.kind <> 'sale' or e.group_id <> c.group_id or e.amount <> c.amount or e.currency <> c.currency
            or e.occurred_on <> c.granted_on or e.voided_at is not null)`,
  ],
  [
    "a member of a manager team is not a member of the team's group",
    `select count(*) from manager_team_members tm join manager_teams t on t.id = tm.team_id
     join group_memberships m on m.id = tm.membership_id
     where t.group_id in (${BENCH_GROUPS}) and m.group_id <> t.group_id`,
  ],
  [
    "a profit share goes to a member of another group",
    `select count(*) from profit_shares s join profit_distributions d on d.id = s.distribution_id
     join group_memberships m on m.id = s.membership_id
     where d.group_id in (${BENCH_GROUPS}) and m.group_id <> d.group_id`,
  ],
  ["an exchange rate is not valid from the first day of a month", `select count(*) from exchange_rates where extract(day from valid_from) <> 1`],
];

export async function verifyBench(sql: postgres.Sql, log: (line: string) => void): Promise<void> {
  const failures: string[] = [];
  for (const [what, query] of CHECKS) {
    const [{ count }] = await sql.unsafe<{ count: string }[]>(query);
    if (Number(count) > 0) failures.push(`${what}: ${count} rows`);
  }
  if (failures.length > 0) throw new Error(`bench data breaks the rules of the guards switched off while loading:\n  ${failures.join("\n  ")}`);
  log(`verified: ${CHECKS.length} rules of the per-row guards hold over the bench rows`);
}

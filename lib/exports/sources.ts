import "server-only";
import { getTranslations } from "next-intl/server";
import { withTenantRead } from "@/lib/tenant-db";
import type { Permission } from "@/lib/permissions";
import type { TenantContext } from "@/lib/auth/tenant-core";
import { mustSuppress } from "@/lib/privacy/suppress";
import { searchParam } from "@/lib/search-params";
import { dashboardTableIds, loadCohesionDashboard, type DashboardTableId } from "@/lib/cohesion/dashboard";
import { dashboardParams } from "@/lib/cohesion/page-data";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { scopeOrgOf } from "@/lib/compare/members";
import { compareParams } from "@/lib/compare/params";
import { loadCompareTable } from "@/lib/compare/table";
import { inclusionTableIds, loadInclusionDashboard, type InclusionTableId } from "@/lib/inclusion/dashboard";
import { inclusionParams } from "@/lib/inclusion/params";
import { groupFiltersOf, groupsExport } from "./groups";
import { ledgerExport, ledgerFiltersOf } from "./ledger";
import { observationsExport } from "./observations";
import { priceHistoryExport } from "./price-history";
import { revenueExport, revenueFiltersOf, revenueTableIds, type RevenueTableId } from "./revenue";
import type { ExportArgs, ExportFile } from "./route";
import { loadSupplyTables, supplyTableIds, type SupplyTableId } from "@/lib/stock/supply-tables";

/** The path parameters of an export: the organisation, and the table or commune where the path has one. */
export interface SourceParams {
  org: string;
  table?: string;
  commune?: string;
}

/**
 * One exportable table: the permission its page requires, which organisations have it, and its
 * loader (the page's own query, scope and suppression). The download routes and the read-only API
 * (issue 14.5) both serve these, so a figure is read one way only. The long lists (groups, ledger,
 * observations, price history) read one page by their keyset when `er.page` asks for it (the API).
 */
export interface ExportSource {
  permission: Permission;
  load: (a: ExportArgs<SourceParams>) => Promise<ExportFile | null | undefined>;
  allowed?: (ctx: TenantContext<{ id: string }>) => boolean;
}

const groups: ExportSource = {
  permission: "groups:read",
  load: async ({ ctx, sp, er, reader }) => {
    const { table, filters } = await groupsExport(ctx, groupFiltersOf(sp), er.locale, undefined, reader, er.page);
    // Member counts of 1 to 4 are "<5" for a reader who may not see people: the note says so.
    return { table, what: "groups", disclosure: mustSuppress(reader) ? "counts" : "list", filters };
  },
};

/** The ledger with the page's filters: every matching operation, not only the page shown (lib/exports/ledger.ts). */
const ledger: ExportSource = {
  permission: "groups:read",
  load: async ({ ctx, sp, er }) => {
    const { table, filters, period } = await ledgerExport(ctx, ledgerFiltersOf(sp), er.locale, undefined, er.page);
    return { table, what: "ledger", disclosure: "amounts", period, filters };
  },
};

/** A revenue dashboard table: same filters and loader as the dashboard page. */
const revenue: ExportSource = {
  permission: "groups:read",
  load: async ({ ctx, params: { table = "" }, sp, er }) => {
    if (!(revenueTableIds as readonly string[]).includes(table)) return null;
    const result = await revenueExport(ctx, table as RevenueTableId, revenueFiltersOf(sp), er.locale);
    // Amounts, but the declared-versus-recorded table also counts people (under the disclosure control).
    const disclosure = table === "declared" ? "counts" : "amounts";
    return result && { table: result.table, what: `revenue-${table}`, disclosure, period: result.period, filters: result.filters };
  },
};

/**
 * A cohesion dashboard table, exactly the page's (same loader). `member` (consortium only) gives
 * a member's dashboard, as the drill-down page shows it.
 */
const cohesion: ExportSource = {
  permission: "cohesion:read",
  load: async ({ ctx, params: { table = "" }, sp, er, reader }) => {
    if (!(dashboardTableIds as readonly string[]).includes(table)) return null;
    const t = await getTranslations({ locale: er.locale, namespace: "cohesion" });
    const filters = dashboardParams(Object.fromEntries(sp.entries()));
    const result = await withTenantRead(ctx, async (tx) => {
      const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
      if (!scopeOrg) return null;
      const dash = await loadCohesionDashboard(tx, scopeOrg, reader, filters, t);
      const village = filters.village ? (await listVisibleVillages(tx, scopeOrg)).find((v) => v.id === filters.village) : undefined;
      return dash ? { dash, scopeOrg, village } : null;
    });
    if (!result) return null;
    return {
      table: result.dash.tables[table as DashboardTableId],
      what: `cohesion-${table}`,
      disclosure: "counts",
      org: result.scopeOrg,
      // The quarter chooses the village table's quarter; the trends cover every quarter.
      period: filters.quarter && table === "villages" ? { quarter: filters.quarter } : undefined,
      filters: result.village ? [{ label: t("filterVillage"), value: result.village.name }] : [],
    };
  },
};

/**
 * An inclusion dashboard table, exactly the page's (same loader, suppression); a person list the
 * reader may not receive does not exist for them. `member` as for cohesion.
 */
const inclusion: ExportSource = {
  permission: "groups:read",
  load: async ({ ctx, params: { table = "" }, sp, er, reader }) => {
    if (!(inclusionTableIds as readonly string[]).includes(table)) return null;
    const t = await getTranslations({ locale: er.locale, namespace: "inclusion" });
    const p = inclusionParams(Object.fromEntries(sp.entries()));
    const result = await withTenantRead(ctx, async (tx) => {
      const scopeOrg = await scopeOrgOf(tx, ctx.org, sp.get("member"));
      return scopeOrg && { scopeOrg, dash: await loadInclusionDashboard(tx, scopeOrg, reader, p, t, er.locale) };
    });
    const model = result?.dash.tables[table as InclusionTableId];
    if (!result || !model) return null;
    return {
      table: model,
      what: `inclusion-${table}`,
      disclosure: "counts",
      org: result.scopeOrg,
      period: { on: p.on },
      filters: [{ label: t("filterBy"), value: t(`by.${p.by}`), slug: `by-${p.by}` }],
    };
  },
};

/** A commune's market observations: same commune check as the market page. */
const observations: ExportSource = {
  permission: "prices:read",
  load: async ({ ctx, params: { commune = "" }, er }) => {
    const result = await observationsExport(ctx, commune, er.locale, undefined, er.page);
    // Whose: the commune whose committee the observations belong to.
    return result && { table: result.table, what: "observations", disclosure: "list", org: result.commune };
  },
};

/** A commune's negotiated price history (every product, or `product`): same checks as the products' history pages. */
const priceHistory: ExportSource = {
  permission: "prices:read",
  load: async ({ ctx, params: { commune = "" }, sp, er }) => {
    const result = await priceHistoryExport(ctx, commune, searchParam(sp, "product"), er.locale, undefined, er.page);
    return result && { table: result.table, what: "price-history", disclosure: "list", org: result.commune, filters: result.filters };
  },
};

/** The consortium's comparison table: same loader and parameters as the page. */
const compare: ExportSource = {
  permission: "cohesion:compare",
  allowed: (ctx) => ctx.org.type === "consortium",
  load: async ({ ctx, sp, er, reader }) => {
    const [t, tt, te] = [
      await getTranslations({ locale: er.locale, namespace: "compare" }),
      await getTranslations({ locale: er.locale, namespace: "orgTypes" }),
      await getTranslations({ locale: er.locale, namespace: "exports" }),
    ];
    const p = compareParams(Object.fromEntries(sp.entries()));
    const { table } = await withTenantRead(ctx, (tx) => loadCompareTable(tx, ctx.org, reader, p, t as never, (type) => tt(type as never)));
    return {
      table,
      what: "compare",
      disclosure: "counts",
      period: p.from || p.to ? { from: p.from, to: p.to } : undefined,
      filters: [{ label: te("currency"), value: p.currency }],
    };
  },
};

/** A supply dashboard table (issue 17, point 2): the page's own loader, quantities and average amounts of groups. */
const supply: ExportSource = {
  permission: "groups:read",
  load: async ({ ctx, params: { table = "" }, er }) => {
    if (!(supplyTableIds as readonly string[]).includes(table)) return null;
    const tables = await withTenantRead(ctx, (tx) => loadSupplyTables(tx, ctx.org, er.locale));
    return { table: tables[table as SupplyTableId], what: `supply-${table}`, disclosure: "amounts" };
  },
};

export const exportSources = { groups, ledger, revenue, cohesion, inclusion, observations, "price-history": priceHistory, compare, supply } as const;
export type ExportSourceId = keyof typeof exportSources;

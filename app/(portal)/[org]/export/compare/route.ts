import { getTranslations } from "next-intl/server";
import { withTenantRead } from "@/lib/tenant-db";
import { compareParams } from "@/lib/compare/params";
import { loadCompareTable } from "@/lib/compare/table";
import { exportRoute } from "@/lib/exports/route";

/** Download of the consortium's comparison table: same resolver, same loader, same parameters as the page. */
export const GET = exportRoute<{ org: string }>(
  "cohesion:compare",
  async ({ ctx, sp, er, reader }) => {
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
  (ctx) => ctx.org.type === "consortium",
);

import { getFormatter, getTranslations } from "next-intl/server";
import { Table } from "@/components/data/table";
import { withTenant } from "@/lib/tenant-db";
import { requireMember } from "@/lib/auth/tenant";
import { listAuditEntries, listAuditVocabulary } from "@/lib/audit/queries";
import { auditFiltersSchema, type AuditFilters } from "@/lib/audit/schema";
import { readPageRequest } from "@/lib/pagination";
import { Pager } from "@/components/data/pager";
import { Button } from "@/components/ui/button";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

type Search = Record<string, string | string[] | undefined>;

const control = "rounded-md border border-slate-400 bg-white px-3 py-2";

/** The organisation's append-only audit trail, for its admins: filters, pages, newest first. */
export default async function AuditPage({ params, searchParams }: { params: Promise<{ org: string }>; searchParams: Promise<Search> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "audit:read");
  const sp = await searchParams;
  const parsed = auditFiltersSchema.safeParse(sp);
  const filters: AuditFilters = parsed.success ? parsed.data : {};
  const { list, vocab } = await withTenant(ctx, async (tx) => ({
    list: await listAuditEntries(tx, ctx.org.id, filters, readPageRequest(sp)),
    vocab: await listAuditVocabulary(tx, ctx.org.id),
  }));
  const t = await getTranslations("audit");
  const format = await getFormatter();
  // Actions and objects in the reader's language (the catalogues hold every one the code writes:
  // lib/i18n/audit-vocabulary.test.ts); an unknown one, from an older version, as recorded.
  const actionLabel = (a: string) => (t.has(`actions.${a.replace(/\./g, "_")}`) ? t(`actions.${a.replace(/\./g, "_")}`) : a);
  const entityLabel = (e: string) => (t.has(`entities.${e}`) ? t(`entities.${e}`) : e);

  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="text-slate-700">{t("intro")}</p>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label={t("filters")}>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("action")}</span>
          <select name="action" defaultValue={filters.action ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {vocab.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("entity")}</span>
          <select name="entity" defaultValue={filters.entity ?? ""} className={control}>
            <option value="">{t("any")}</option>
            {vocab.entities.map((e) => (
              <option key={e} value={e}>
                {entityLabel(e)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("user")}</span>
          <input name="user" type="search" defaultValue={filters.user ?? ""} maxLength={254} className={control} dir="ltr" />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("from")}</span>
          <input name="from" type="date" defaultValue={filters.from ?? ""} className={control} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="font-medium">{t("to")}</span>
          <input name="to" type="date" defaultValue={filters.to ?? ""} className={control} />
        </label>
        <Button type="submit">{t("apply")}</Button>
      </form>

      <p data-testid="audit-count">{t("count", { total: list.total })}</p>
      <Table head={[t("at"), t("user"), t("action"), t("entity"), t("details")]} caption={t("title")} captionHidden>
        {list.rows.map((r) => (
          <tr key={r.id} data-testid="audit-row">
            <td className="whitespace-nowrap">{format.dateTime(r.at, { dateStyle: "short", timeStyle: "medium" })}</td>
            <td dir="ltr">{r.userEmail ?? t("nobody")}</td>
            <td data-testid="audit-action">{actionLabel(r.action)}</td>
            <td>
              {entityLabel(r.entity)}{" "}
              <span className="text-sm text-slate-700" dir="ltr">
                {r.entityId ?? ""}
              </span>
            </td>
            <td className="text-sm">
              {r.before !== null || r.after !== null ? (
                <details>
                  <summary className="flex min-h-11 cursor-pointer items-center">{t("changes")}</summary>
                  <pre className="whitespace-pre-wrap break-all" dir="ltr">
                    {JSON.stringify({ before: r.before, after: r.after }, null, 1)}
                  </pre>
                </details>
              ) : null}
              {r.requestId ? (
                <div className="text-slate-700" dir="ltr">
                  {t("request")} {r.requestId}
                </div>
              ) : null}
            </td>
          </tr>
        ))}
      </Table>
      <Pager path={`/${slug}/audit`} searchParams={sp} page={list} label={t("pagination")} />
    </div>
  );
}

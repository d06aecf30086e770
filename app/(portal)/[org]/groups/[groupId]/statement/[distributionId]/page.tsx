import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listGroupMembers } from "@/lib/groups/queries";
import { listDistributions } from "@/lib/groups/ledger-queries";
import { formatNumber } from "@/components/groups/ui";
import { seesGroupPeople } from "@/lib/people/group-counts";

/** A printable statement of a distribution, in French or Arabic, in large figures, to be read aloud. */
export default async function StatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; groupId: string; distributionId: string }>;
  searchParams: Promise<{ lang?: string }>;
}) {
  const { org: slug, groupId, distributionId } = await params;
  const lang = (await searchParams).lang === "ar" ? "ar" : "fr";
  const ctx = await requireMember(slug, "people:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    // Each member's name and share: person-level, for the NGO supporting the group only.
    if (!group || !seesGroupPeople(ctx, group)) return null;
    const d = (await listDistributions(tx, group.id)).find((x) => x.id === distributionId);
    if (!d) return null;
    return { group, d, members: await listGroupMembers(tx, group.id) };
  });
  if (!data) notFound();
  // The statement's language is chosen for the reading, whatever the interface language.
  const messages = await loadMessages(lang);
  const translator = (namespace: string) => createTranslator({ locale: lang, messages, namespace } as never) as unknown as (key: string) => string;
  const t = translator("group");
  const tr = translator("profitRules");
  const name = new Map(data.members.map((m) => [m.membershipId, m.name]));
  const big = (n: number) => `${formatNumber(n, lang)} ${data.d.currency}`;
  return (
    <article lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} className="mx-auto max-w-3xl bg-white p-6 text-2xl" data-testid="statement">
      <h1 className="mb-2 text-4xl font-bold">
        {t("statementTitle")} — {data.group.name}
      </h1>
      <p className="mb-4">
        {t("period")} :{" "}
        <span dir="ltr">
          {data.d.periodFrom} → {data.d.periodTo}
        </span>{" "}
        · {tr(data.d.rule)}
      </p>
      <p className="mb-6 text-4xl font-bold">
        {t("profit")} : <span dir="ltr">{big(data.d.profit)}</span>
      </p>
      <table className="w-full text-start">
        <thead>
          <tr className="border-b-2 border-black">
            <th className="p-2 text-start">{t("person")}</th>
            <th className="p-2 text-end">{t("share")}</th>
          </tr>
        </thead>
        <tbody>
          {data.d.shares.map((s) => (
            <tr key={s.membershipId} className="border-b border-slate-400">
              <td className="p-2">{name.get(s.membershipId)}</td>
              <td className="p-2 text-end text-3xl font-bold tabular-nums" dir="ltr">
                {big(s.amount)}
              </td>
            </tr>
          ))}
          <tr className="border-t-2 border-black">
            <td className="p-2 font-bold">{t("total")}</td>
            <td className="p-2 text-end text-3xl font-bold" dir="ltr">
              {big(data.d.shares.reduce((sum, s) => sum + s.amount, 0))}
            </td>
          </tr>
        </tbody>
      </table>
      <p className="mt-6 text-base">{t("profitRuleText")}</p>
    </article>
  );
}

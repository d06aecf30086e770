import { notFound } from "next/navigation";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup, listGroupMembers } from "@/lib/groups/queries";
import { listDistributions } from "@/lib/groups/ledger-queries";
import { seesGroupPeople } from "@/lib/people/group-counts";
import { cashPieces } from "@/lib/meetings/cash";
import { formatNumber } from "@/components/groups/ui";
import { CashPictures, Pictogram } from "@/components/plans/cash-pictures";

/**
 * Each member's share of a distribution in pictures (issue 17, point 4): one printed page per
 * member, with their name, the share in big figures and as the notes and coins that pay it, and the
 * meeting's date, for members who cannot read. In French or Arabic, whatever the interface language.
 */
export default async function PictorialStatementPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string; groupId: string; distributionId: string }>;
  searchParams: Promise<{ lang?: string; member?: string }>;
}) {
  const { org: slug, groupId, distributionId } = await params;
  const sp = await searchParams;
  const lang = sp.lang === "ar" ? "ar" : "fr";
  const ctx = await requireMember(slug, "people:read", { manager: true });
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group || !seesGroupPeople(ctx, group)) return null;
    const d = (await listDistributions(tx, group.id)).find((x) => x.id === distributionId);
    if (!d) return null;
    return { group, d, members: await listGroupMembers(tx, group.id) };
  });
  if (!data) notFound();
  const messages = await loadMessages(lang);
  const t = createTranslator({ locale: lang, messages, namespace: "meetings" } as never) as unknown as (
    key: string,
    v?: Record<string, string | number>,
  ) => string;
  const name = new Map(data.members.map((m) => [m.membershipId, m.name]));
  const shares = sp.member ? data.d.shares.filter((s) => s.membershipId === sp.member) : data.d.shares;
  const { d } = data;
  return (
    <div lang={lang} dir={lang === "ar" ? "rtl" : "ltr"} className="mx-auto flex max-w-3xl flex-col gap-6 bg-white" data-testid="pictorial">
      {d.status === "draft" ? (
        <p className="rounded-md border-2 border-amber-700 bg-amber-50 p-3 text-xl font-bold text-amber-950" data-testid="pictorial-draft">
          {t("draftWarning")}
        </p>
      ) : null}
      {shares.map((s) => (
        <article
          key={s.membershipId}
          className="flex flex-col gap-5 border-2 border-slate-800 p-5 break-inside-avoid break-after-page last:break-after-auto"
          data-testid="pictorial-member"
        >
          <p className="flex items-center gap-3 text-xl">
            <Pictogram kind="group" />
            <span>{data.group.name}</span>
          </p>
          <p className="flex items-center gap-3 text-4xl font-bold">
            <Pictogram kind="person" />
            <span>{name.get(s.membershipId)}</span>
          </p>
          <p className="flex items-center gap-3">
            <Pictogram kind="money" />
            <span className="text-6xl font-extrabold tabular-nums" dir="ltr" data-testid="pictorial-share">
              {formatNumber(s.amount, lang)} {d.currency}
            </span>
          </p>
          <CashPictures pieces={cashPieces(s.amount, d.currency)} currency={d.currency} label={t("cashLabel")} />
          <p className="flex items-center gap-3 text-3xl font-bold">
            <Pictogram kind="calendar" />
            <span dir="ltr">{d.meetingOn ?? "—"}</span>
          </p>
          <p className="text-base">{t("pictorialFooter", { profit: `${formatNumber(d.profit, lang)} ${d.currency}`, count: d.shares.length })}</p>
        </article>
      ))}
    </div>
  );
}

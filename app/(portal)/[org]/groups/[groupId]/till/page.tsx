import { notFound } from "next/navigation";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup } from "@/lib/groups/queries";
import { listTillCredits, listTillItems } from "@/lib/till/queries";
import { seesGroupPeople } from "@/lib/people/group-counts";
import { today as todayIso } from "@/lib/dates";
import Link from "next/link";
import { PictureTill } from "@/components/till/picture-till";
import { OutboxBadge } from "@/components/offline/outbox-badge";
import { OfflineSupport } from "@/components/offline/offline-support";
import { withFormMessages } from "@/components/i18n/form-messages";

const link = "inline-flex min-h-11 items-center text-emerald-900 underline underline-offset-4";

/**
 * The picture till (issue 17, point 5): for a group's manager on a shared phone, in the
 * interface's language (Arabic or French). Same actions, permissions and audit as the group page.
 */
async function TillPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await requireMember(slug, "groups:write", { manager: true });
  const locale = await getLocale();
  const today = todayIso();
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    const canWrite = group.isWritable && ctx.can("groups:write") && group.archivedAt === null;
    if (!canWrite) return { group, canWrite, items: [], credits: { open: [], customers: [] } };
    return {
      group,
      canWrite,
      items: await listTillItems(tx, group.id, locale),
      credits: await listTillCredits(tx, group.id, today, seesGroupPeople(ctx, group)),
    };
  });
  if (!data) notFound();
  const t = await getTranslations("till");
  const labels = (await getMessages()).till as Record<string, string>;
  const { group } = data;
  return (
    <div className="mx-auto flex max-w-xl flex-col gap-4">
      <p className="flex flex-wrap justify-between gap-x-4">
        <Link href={`/${slug}/groups/${group.id}`} prefetch={false} className={link}>
          ← {group.name}
        </Link>
        <Link href={`/${slug}/groups/${group.id}/till/sheet?date=${today}`} prefetch={false} className={link} data-testid="till-sheet-link">
          {t("sheetLink")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">
        {t("title")} — {group.name}
      </h1>
      {data.canWrite ? (
        <>
          <noscript>
            <p className="rounded-md border border-amber-700 bg-amber-50 p-3">{t("noscript")}</p>
          </noscript>
          {/* The till works without a connection: the service worker keeps this page (issue 16). */}
          <OfflineSupport userId={ctx.user.id} />
          <OutboxBadge org={slug} />
          <PictureTill
            org={slug}
            groupId={group.id}
            currency={group.startingCapitalCurrency}
            today={today}
            items={data.items}
            credits={data.credits.open}
            customers={data.credits.customers}
            labels={labels}
          />
        </>
      ) : (
        <p className="rounded-md border border-slate-500 p-3">{t("readOnly")}</p>
      )}
    </div>
  );
}

export default async function Page(props: Parameters<typeof TillPage>[0]) {
  return withFormMessages(TillPage(props));
}

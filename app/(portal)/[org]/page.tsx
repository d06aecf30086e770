import { redirect } from "next/navigation";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { requireMember } from "@/lib/auth/tenant";
import { listMembers } from "@/lib/members/service";
import { listLinkedOrgs, listOrgPlaces } from "@/lib/orgs/queries";
import { Card } from "@/components/ui/card";
import { OfflineSupport } from "@/components/offline/offline-support";

/** Up to this many settlements the home page lists each one; beyond, it counts them per commune. */
const MAX_LISTED_SETTLEMENTS = 60;

export default async function OrgHome({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { org: slug } = await params;
  // The installed app opens here (its manifest's start URL): its service worker is registered.
  const installed = (await searchParams).app === "1";
  const ctx = await requireMember(slug, "org:read", { manager: true });
  // A group manager's home is its group (issue 17.5), whose entry forms register the service worker.
  if (ctx.groupId) redirect(`/${slug}/groups/${ctx.groupId}`);
  const { places, linked, members } = await withTenant(ctx, async (tx) => ({
    places: await listOrgPlaces(tx, ctx.org),
    linked: await listLinkedOrgs(tx, ctx.org),
    members: ctx.can("members:read") ? await listMembers(tx, ctx.org.id) : [],
  }));
  const t = await getTranslations("home");
  const tt = await getTranslations("orgTypes");
  const tr = await getTranslations("roles");
  const tp = await getTranslations("places");
  // Each settlement is listed while the organisation has a few hundred at most on one page's
  // worth; a national NGO's hundreds are counted per commune (the groups page filters by them).
  const listed = places.reduce((n, c) => n + c.settlements.length, 0) <= MAX_LISTED_SETTLEMENTS;

  return (
    <div className="flex flex-col gap-6">
      {installed ? <OfflineSupport userId={ctx.user.id} /> : null}
      <div>
        <h1 className="text-2xl font-semibold">{ctx.org.name}</h1>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1">
          <div className="flex gap-2">
            <dt className="text-slate-700">{t("type")}</dt>
            <dd className="font-medium" data-testid="org-type">
              {tt(ctx.org.type)}
            </dd>
          </div>
          <div className="flex gap-2">
            <dt className="text-slate-700">{t("yourRole")}</dt>
            <dd className="font-medium" data-testid="org-role">
              {tr(ctx.role)}
            </dd>
          </div>
        </dl>
      </div>

      {linked.length > 0 ? (
        <Card title={ctx.org.type === "consortium" ? t("memberOrgs") : t("worksIn")}>
          <ul className="flex flex-wrap gap-2">
            {linked.map((o) => (
              <li key={o.slug} className="rounded border border-slate-300 px-2 py-1">
                {o.name} <span className="text-sm text-slate-700">· {tt(o.type)}</span>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <Card title={t("places")}>
        {places.length === 0 ? (
          <p>{t("noPlaces")}</p>
        ) : (
          <div className="flex flex-col gap-4">
            {places.map((c) => (
              <section key={c.id} aria-labelledby={`commune-${c.id}`}>
                <h3 id={`commune-${c.id}`} className="font-semibold">
                  {[...c.path, c.name].join(" › ")}{" "}
                  <span className="text-sm font-normal text-slate-700">
                    ({tp("commune")}, {t("settlements", { count: c.settlements.length })})
                  </span>
                </h3>
                {listed ? null : (
                  <p className="mt-1 text-sm" data-testid="settlement-counts">
                    {(["host", "refugee"] as const)
                      .map((community) =>
                        t("communityCount", { community: t(community), count: c.settlements.filter((s) => s.community === community).length }),
                      )
                      .join(" · ")}
                  </p>
                )}
                {listed ? (
                  <ul className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3">
                    {c.settlements.map((s) => (
                      <li key={s.id} className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1">
                        <span>
                          {s.name} <span className="text-sm text-slate-700">· {tp(s.level)}</span>
                        </span>
                        <span className={`rounded px-1.5 text-sm ${s.community === "refugee" ? "bg-amber-100 text-amber-950" : "bg-sky-100 text-sky-950"}`}>
                          {t(s.community)}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </section>
            ))}
          </div>
        )}
      </Card>

      {ctx.can("members:read") ? (
        <Card title={`${t("members")} (${members.length})`}>
          <ul className="grid grid-cols-1 gap-1 sm:grid-cols-2" data-testid="home-members">
            {members.map((m) => (
              <li key={m.membershipId}>
                {m.name} <span className="text-sm text-slate-700">· {tr(m.role)}</span>
              </li>
            ))}
          </ul>
          {ctx.can("members:manage") ? (
            <p className="mt-3">
              <Link href={`/${ctx.org.slug}/members`} className="underline underline-offset-4">
                {t("members")} →
              </Link>
            </p>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}

import Link from "next/link";
import { headers } from "next/headers";
import { getTranslations } from "next-intl/server";
import { userOrganisations, type TenantContext } from "@/lib/auth/tenant";
import type { CurrentUser } from "@/lib/auth/session";
import { LanguageSwitch } from "./language-switch";
import { SignOutButton } from "./sign-out-button";

/** Header of every tenant page: organisation switcher, navigation, language, sign-out. */
export async function PortalHeader({ ctx }: { ctx: TenantContext<CurrentUser> }) {
  const t = await getTranslations("common");
  const tn = await getTranslations("nav");
  const tt = await getTranslations("orgTypes");
  const ta = await getTranslations("audit");
  const tadv = await getTranslations("advocacy");
  const timp = await getTranslations("imports");
  const orgs = await userOrganisations(ctx.user.id);
  const back = (await headers()).get("x-pathname") ?? `/${ctx.org.slug}`;
  const base = `/${ctx.org.slug}`;
  // A group manager's whole portal is its group (issue 17.5): the group page is its home.
  // The organisation's work, on view on wide screens; its administration (imports, rates, accounts,
  // the audit log) behind one menu there, so that the navigation keeps to one line.
  const admin = ctx.groupId
    ? []
    : [
        ...(ctx.can("imports:write") ? [{ href: `${base}/import`, label: timp("nav") }] : []),
        ...(ctx.can("rates:manage") ? [{ href: `${base}/rates`, label: tn("rates") }] : []),
        ...(ctx.can("members:manage") ? [{ href: `${base}/members`, label: tn("members") }] : []),
        ...(ctx.can("audit:read") ? [{ href: `${base}/audit`, label: ta("nav") }] : []),
      ];
  const nav = ctx.groupId
    ? [{ href: `${base}/groups/${ctx.groupId}`, label: tn("myGroup") }]
    : [
        { href: base, label: tn("home") },
        ...(ctx.can("groups:read")
          ? [
              { href: `${base}/groups`, label: tn("groups") },
              { href: `${base}/dashboard`, label: tn("dashboard") },
              { href: `${base}/inclusion`, label: tn("inclusion") },
              { href: `${base}/supply`, label: tn("supply") },
            ]
          : []),
        ...(ctx.can("people:read") ? [{ href: `${base}/people`, label: tn("people") }] : []),
        ...(ctx.can("prices:read") ? [{ href: `${base}/prices`, label: tn("prices") }] : []),
        ...(ctx.can("cohesion:read") ? [{ href: `${base}/cohesion`, label: tn("cohesion") }] : []),
        ...(ctx.can("groups:read") ? [{ href: `${base}/coaching`, label: tn("coaching") }] : []),
        ...(ctx.org.type === "consortium" && ctx.can("cohesion:read") ? [{ href: `${base}/compare`, label: tn("compare") }] : []),
        ...(ctx.can("exports:read") ? [{ href: `${base}/advocacy`, label: tadv("nav") }] : []),
      ];
  const orgList = (
    <ul className="min-w-64 rounded border border-slate-300 bg-white p-1 shadow">
      {orgs.map((o) => (
        <li key={o.slug}>
          <Link
            href={`/${o.slug}`}
            aria-current={o.slug === ctx.org.slug ? "page" : undefined}
            className="block min-h-11 rounded px-3 py-2 hover:bg-slate-100 aria-[current=page]:font-bold"
          >
            {o.name} <span className="text-sm text-slate-700">· {tt(o.type)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
  // Language, account and sign-out: in the header on wide screens, in the menu on phones.
  const accountTools = (
    <>
      <LanguageSwitch back={back} />
      <Link href="/account" className="min-h-11 px-1 py-2 text-sm underline underline-offset-4">
        {t("myAccount")}
      </Link>
      <SignOutButton />
    </>
  );
  return (
    <header className="no-print border-b border-slate-300 bg-white">
      {/* Wide screens (desktops): everything on view, the navigation on one line of its own. */}
      <div className="mx-auto hidden max-w-7xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1 xl:flex">
        <Link href={base} className="inline-flex min-h-11 items-center text-xl font-bold text-emerald-900">
          {t("appName")}
        </Link>
        <details className="relative">
          <summary className="min-h-11 cursor-pointer list-none rounded border border-slate-300 px-3 py-2" aria-label={t("switchOrganisation")}>
            <span className="font-medium">{ctx.org.name}</span> <span aria-hidden="true">▾</span>
          </summary>
          <div className="absolute start-0 z-10 mt-1">{orgList}</div>
        </details>
        <nav aria-label={t("mainNav")} className="order-last flex w-full flex-wrap gap-x-2 text-[0.9rem]">
          {nav.map((n) => (
            <Link key={n.href} href={n.href} className="inline-flex min-h-11 items-center px-1 underline-offset-4 hover:underline">
              {n.label}
            </Link>
          ))}
          {admin.length > 0 ? (
            <details className="relative" data-testid="admin-menu">
              <summary className="inline-flex min-h-11 cursor-pointer list-none items-center px-1 underline-offset-4 hover:underline">
                {tn("admin")} <span aria-hidden="true">&nbsp;▾</span>
              </summary>
              <ul className="absolute end-0 z-10 mt-1 min-w-48 rounded border border-slate-300 bg-white p-1 shadow">
                {admin.map((n) => (
                  <li key={n.href}>
                    <Link href={n.href} className="block min-h-11 rounded px-3 py-2 hover:bg-slate-100">
                      {n.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </nav>
        <div className="ms-auto flex flex-wrap items-center gap-2">{accountTools}</div>
      </div>
      {/* Phones and tablets: one line, the rest behind a menu button (a <details>: no JavaScript). */}
      <div className="relative flex items-center gap-2 px-3 py-1 xl:hidden">
        <Link href={base} className="inline-flex min-h-11 shrink-0 items-center text-lg font-bold text-emerald-900">
          {t("appName")}
        </Link>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-700">{ctx.org.name}</span>
        <details className="portal-menu shrink-0">
          <summary className="flex min-h-11 min-w-11 cursor-pointer list-none items-center gap-1 rounded border border-slate-300 px-3" aria-label={t("menu")}>
            <span aria-hidden="true">☰</span> <span className="text-sm">{t("menu")}</span>
          </summary>
          <div className="absolute inset-x-0 z-20 mt-1 max-h-[80vh] overflow-y-auto border-b border-slate-300 bg-white px-3 pb-3 shadow">
            <nav aria-label={t("mainNav")}>
              <ul className="grid grid-cols-2 gap-x-2 sm:grid-cols-3">
                {[...nav, ...admin].map((n) => (
                  <li key={n.href}>
                    <Link href={n.href} className="block min-h-11 px-1 py-2 underline-offset-4 hover:underline">
                      {n.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="mt-2 flex flex-wrap items-center gap-2 border-t border-slate-200 pt-2">{accountTools}</div>
            {orgs.length > 1 ? (
              <div className="mt-2 border-t border-slate-200 pt-2">
                <p className="mb-1 text-sm font-semibold">{t("switchOrganisation")}</p>
                {orgList}
              </div>
            ) : null}
          </div>
        </details>
      </div>
    </header>
  );
}

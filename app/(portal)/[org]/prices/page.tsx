import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { listVisibleCommunes } from "@/lib/orgs/scope";
import { withTenant } from "@/lib/tenant-db";

export async function generateMetadata() {
  return { title: (await getTranslations("prices"))("title") };
}

/** The communes whose committee this organisation may read; a commune goes straight to its own. */
export default async function PricesIndex({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "prices:read");
  const communes = await withTenant(ctx, (tx) => listVisibleCommunes(tx, ctx.org));
  if (ctx.org.type === "commune" || communes.length === 1) {
    if (communes[0]) redirect(`/${slug}/prices/${communes[0].slug}`);
  }
  const t = await getTranslations("prices");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <h2 className="text-lg">{t("chooseCommune")}</h2>
      {communes.length === 0 ? <p>{t("noCommune")}</p> : null}
      <ul className="flex flex-col gap-2">
        {communes.map((c) => (
          <li key={c.id}>
            <Link
              href={`/${slug}/prices/${c.slug}`}
              className="block min-h-11 rounded border border-slate-300 bg-white px-3 py-2 underline-offset-4 hover:underline"
            >
              {c.name}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

import { getTranslations } from "next-intl/server";
import { Table } from "@/components/data/table";
import { withTenant } from "@/lib/tenant-db";
import { requireMember } from "@/lib/auth/tenant";
import { listApiTokens } from "@/lib/api/service";
import { CreateApiTokenForm, RevokeApiTokenButton } from "@/components/forms/api-token-forms";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  const t = await getTranslations("apiTokens");
  return { title: t("title") };
}

/** The organisation's tokens of the read-only API (issue 14.5): its admins create and revoke them. */
async function ApiTokensPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "api:manage");
  const tokens = await withTenant(ctx, (tx) => listApiTokens(tx, ctx.org.id));
  const t = await getTranslations("apiTokens");
  const now = new Date();
  const state = (k: (typeof tokens)[number]) => (k.revokedAt ? "revoked" : k.expiresAt && k.expiresAt <= now ? "expired" : "live");
  const date = (d: Date | null) => (d ? t("date", { date: d }) : t("never"));
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-prose">{t("intro", { org: ctx.org.slug })}</p>
      <p className="max-w-prose text-sm text-slate-700">
        {t("docs")}{" "}
        <a href="/api/v1/openapi.json" className="underline" dir="ltr">
          /api/v1/openapi.json
        </a>
      </p>
      {tokens.length === 0 ? (
        <p data-testid="api-tokens-empty">{t("none")}</p>
      ) : (
        <Table
          head={[t("name"), t("prefix"), t("createdBy"), t("createdAt"), t("lastUsed"), t("expires"), t("status"), t("actions")]}
          caption={t("title")}
          captionHidden
        >
          {tokens.map((k) => (
            <tr key={k.id} data-testid={`api-token-${k.prefix}`}>
              <td>{k.name}</td>
              <td className="font-mono text-sm" dir="ltr">
                {`tamkin_${k.prefix}_…`}
              </td>
              <td>{k.createdBy ?? "—"}</td>
              <td>{date(k.createdAt)}</td>
              <td>{date(k.lastUsedAt)}</td>
              <td>{k.expiresAt ? date(k.expiresAt) : t("noExpiry")}</td>
              <td data-testid="api-token-status">{k.revokedAt ? t("revokedOn", { date: k.revokedAt }) : state(k) === "expired" ? t("expired") : t("live")}</td>
              <td>{state(k) === "revoked" ? null : <RevokeApiTokenButton org={ctx.org.slug} tokenId={k.id} label={t("revoke")} />}</td>
            </tr>
          ))}
        </Table>
      )}
      <Card title={t("createTitle")}>
        <CreateApiTokenForm
          org={ctx.org.slug}
          labels={{
            name: t("name"),
            expiresOn: t("expiresOn"),
            expiresHint: t("expiresHint"),
            create: t("create"),
            shownOnce: t("shownOnce"),
            token: t("token"),
          }}
        />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof ApiTokensPage>[0]) {
  return withFormMessages(ApiTokensPage(props));
}

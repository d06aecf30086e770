import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { declaredMetrics } from "@/lib/groups/schema";
import { GroupActionForm } from "@/components/forms/group-forms";
import { TextLink } from "@/components/groups/ui";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

/** Entering a declared figure lives on its own page: the dashboard itself ships no form code. */
async function DeclaredFigurePage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "groups:write");
  if (ctx.org.type !== "ngo") notFound();
  const [t, tm] = [await getTranslations("dashboard"), await getTranslations("metrics")];
  return (
    <Card title={<span className="text-2xl">{t("addDeclared")}</span>}>
      <p className="mb-3 text-sm text-slate-700">{t("declaredIntro")}</p>
      <GroupActionForm
        kind="declaredFigure"
        org={slug}
        submit={t("saveDeclared")}
        fields={[
          { name: "metric", label: t("metric"), type: "select", options: declaredMetrics.map((m) => ({ value: m, label: tm(m) })) },
          { name: "label", label: t("declaredLabel"), type: "text" },
          { name: "declaredValue", label: t("declaredValue"), type: "number" },
          { name: "source", label: t("source"), type: "text" },
        ]}
      />
      <p className="mt-3">
        <TextLink href={`/${slug}/dashboard`}>{t("title")}</TextLink>
      </p>
    </Card>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof DeclaredFigurePage>[0]) {
  return withFormMessages(DeclaredFigurePage(props));
}

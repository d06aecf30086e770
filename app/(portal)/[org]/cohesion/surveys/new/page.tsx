import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { communities, scaleLevels } from "@/lib/cohesion/indicators";
import { listIndicatorTexts } from "@/lib/cohesion/queries";
import { listVisibleVillages } from "@/lib/cohesion/scope";
import { toLocale } from "@/lib/i18n/locales";
import { today } from "@/lib/dates";
import { CohesionSurveyForm } from "@/components/forms/cohesion-survey-form";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  const t = await getTranslations("surveyForm");
  return { title: t("title") };
}

async function NewSurveyPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "cohesion:write");
  const { villages, indicators } = await withTenant(ctx, async (tx) => ({
    villages: await listVisibleVillages(tx, ctx.org),
    indicators: await listIndicatorTexts(tx),
  }));
  const t = await getTranslations("surveyForm");
  const tc = await getTranslations("cohesion");
  const locale = toLocale(await getLocale());
  const L = locale === "ar" ? "Ar" : locale === "en" ? "En" : "Fr";
  const texts = indicators.map((i) => ({
    code: i.code,
    kind: i.kind,
    name: tc(`indicator.${i.code}` as never),
    question: i[`question${L}`],
    scale: i[`scale${L}`],
  }));
  const find = (code: string) => texts.find((x) => x.code === code)!;
  return (
    <div className="flex flex-col gap-6">
      <p>
        <Link href={`/${slug}/cohesion`} className="underline underline-offset-4">
          ← {tc("title")}
        </Link>
      </p>
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p className="max-w-3xl">{t("intro")}</p>
      <Card>
        <CohesionSurveyForm
          org={slug}
          villages={villages.map((v) => ({ id: v.id, label: `${v.name} (${tc(`community.${v.community}`)})` }))}
          indicators={texts.filter((x) => x.kind === "perception")}
          counts={{ referred: find("disputes_referred"), resolved: find("disputes_resolved") }}
          today={today()}
          labels={{
            village: t("village"),
            choose: t("choose"),
            surveyedOn: t("surveyedOn"),
            quarterHint: t("quarterHint"),
            respondents: t("respondents"),
            respondentField: {
              hostWomen: t("hostWomen"),
              hostMen: t("hostMen"),
              refugeeWomen: t("refugeeWomen"),
              refugeeMen: t("refugeeMen"),
            },
            answersIntro: t("answersIntro"),
            community: { host: tc("community.host"), refugee: tc("community.refugee") },
            levelHeader: t("levelHeader"),
            answerLabels: Object.fromEntries(
              communities.flatMap((c) => scaleLevels.map((l) => [`${c}_${l}`, t("answerLabel", { community: tc(`community.${c}`), level: l })])),
            ),
            disputes: t("disputes"),
            notes: t("notes"),
            submit: t("submit"),
          }}
        />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof NewSurveyPage>[0]) {
  return withFormMessages(NewSurveyPage(props));
}

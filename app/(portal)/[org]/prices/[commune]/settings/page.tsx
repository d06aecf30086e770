import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope } from "@/lib/prices/page-context";
import { getSettings } from "@/lib/prices/records";
import { liveBoardToken } from "@/lib/prices/catalogue-service";
import { CommuneNav } from "@/components/prices/commune-nav";
import { SpecForm } from "@/components/prices/spec-form";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string }> };

/** Quorum minima, notice period, horizon of effective dates, alert threshold and the public board link (commune admins). */
async function SettingsPage({ params }: Params) {
  const { org, commune } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!scope.canAdmin) notFound();
  const [s, token] = await withTenant(scope.ctx, (tx) => Promise.all([getSettings(tx, scope.commune.id), liveBoardToken(tx, scope.commune.id)]));
  const t = await getTranslations("prices");
  const tc = await getTranslations("prices.constituencies");
  const boardPath = token ? `/board/${token}` : null;
  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="settings" />
      <h1 className="text-2xl font-semibold">{t("settings")}</h1>
      <Card>
        <SpecForm
          form="settings"
          org={org}
          testId="price-settings"
          submit={t("save")}
          fields={[
            { name: "minMcpgc", label: t("minPer", { name: tc("mcpgc") }), kind: "number", defaultValue: String(s.minMcpgc) },
            { name: "minBeneficiaries", label: t("minPer", { name: tc("beneficiaries") }), kind: "number", defaultValue: String(s.minBeneficiaries) },
            { name: "minCommune", label: t("minPer", { name: tc("commune") }), kind: "number", defaultValue: String(s.minCommune) },
            {
              name: "minTradersFederation",
              label: t("minPer", { name: tc("traders_federation") }),
              kind: "number",
              defaultValue: String(s.minTradersFederation),
            },
            { name: "noticeDays", label: t("noticeDays"), kind: "number", defaultValue: String(s.noticeDays) },
            { name: "horizonDays", label: t("horizonDays"), kind: "number", defaultValue: String(s.horizonDays), hint: t("horizonHint") },
            { name: "stabilityThresholdPct", label: t("threshold"), kind: "number", defaultValue: String(s.stabilityThresholdPct) },
            {
              name: "boardDigits",
              label: t("boardDigits"),
              kind: "select",
              defaultValue: s.boardDigits,
              options: [
                { value: "latn", label: t("digits.latn") },
                { value: "arab", label: t("digits.arab") },
              ],
              hint: t("boardDigitsHint"),
            },
          ]}
        />
      </Card>
      <Card title={t("publicBoard")}>
        {boardPath ? (
          <p className="mb-3">
            {t("publicBoardOn")}{" "}
            <a href={boardPath} className="break-all underline" dir="ltr" data-testid="public-board-link">
              {boardPath}
            </a>
          </p>
        ) : (
          <p className="mb-3">{t("publicBoardOff")}</p>
        )}
        <div className="flex flex-wrap gap-3">
          {boardPath ? (
            <>
              <SpecForm form="boardLink" org={org} testId="board-disable" hidden={{ mode: "disable" }} fields={[]} submit={t("disable")} variant="danger" />
              <SpecForm
                form="boardLink"
                org={org}
                testId="board-regenerate"
                hidden={{ mode: "regenerate" }}
                fields={[]}
                submit={t("regenerate")}
                variant="secondary"
              />
            </>
          ) : (
            <SpecForm form="boardLink" org={org} testId="board-enable" hidden={{ mode: "enable" }} fields={[]} submit={t("enable")} />
          )}
        </div>
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof SettingsPage>[0]) {
  return withFormMessages(SettingsPage(props));
}

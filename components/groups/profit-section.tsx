import { getTranslations } from "next-intl/server";
import { GroupActionForm } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { SUPPRESSED, isSmall } from "@/lib/privacy/suppress";
import { Money, TextLink } from "./ui";
import { Table, Td } from "@/components/data/table";

type Distribution = Awaited<ReturnType<typeof import("@/lib/groups/ledger-queries").listDistributions>>[number];

export async function ProfitSection(props: {
  org: string;
  groupId: string;
  canWrite: boolean;
  today: string;
  locale: string;
  ruleLabel: string;
  distributions: Distribution[];
  defaultCurrency: string;
  /** The named statements (each member's share) go only to the NGO supporting the group; others see counts. */
  showStatements?: boolean;
}) {
  const showStatements = props.showStatements ?? true;
  const t = await getTranslations("group");
  const tm = await getTranslations("meetings");
  const year = props.today.slice(0, 4);
  return (
    <Card title={t("profitTitle")}>
      <p className="mb-1">
        {t("profitRule")} : <strong>{props.ruleLabel}</strong>
      </p>
      <p className="mb-3 text-sm text-slate-700">{t("profitRuleText")}</p>
      <h3 className="mb-2 font-semibold">{t("distributions")}</h3>
      {props.distributions.length === 0 ? (
        <p>{t("noDistribution")}</p>
      ) : (
        <Table head={[t("period"), t("profit"), t("members"), tm("status"), ""]} testId="distributions-table">
          {props.distributions.map((d) => (
            <tr key={d.id}>
              <Td>
                {d.periodFrom} → {d.periodTo}
              </Td>
              <Td>
                <Money amount={d.profit} currency={d.currency} locale={props.locale} />
              </Td>
              <Td>{showStatements || !isSmall(d.shares.length) ? d.shares.length : SUPPRESSED}</Td>
              <Td>{tm(`statuses.${d.status}`)}</Td>
              <Td>
                {showStatements ? (
                  <span className="flex flex-wrap gap-3">
                    <TextLink href={`/${props.org}/groups/${props.groupId}/distributions/${d.id}`} testId="meeting-link">
                      {tm("link")}
                    </TextLink>
                    <TextLink href={`/${props.org}/groups/${props.groupId}/statement/${d.id}?lang=fr`}>{t("statementFr")}</TextLink>
                    <TextLink href={`/${props.org}/groups/${props.groupId}/statement/${d.id}?lang=ar`}>{t("statementAr")}</TextLink>
                  </span>
                ) : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {props.canWrite ? (
        <section className="mt-4">
          <GroupActionForm
            kind="distribution"
            org={props.org}
            hidden={{ groupId: props.groupId }}
            submit={t("distribute")}
            fields={[
              { name: "periodFrom", label: t("periodFrom"), type: "date", defaultValue: `${Number(year) - 1}-01-01` },
              { name: "periodTo", label: t("periodTo"), type: "date", defaultValue: `${Number(year) - 1}-12-31` },
              {
                name: "currency",
                label: t("currency"),
                type: "select",
                options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
                defaultValue: props.defaultCurrency,
              },
            ]}
          />
        </section>
      ) : null}
    </Card>
  );
}

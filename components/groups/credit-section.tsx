import { randomUUID } from "node:crypto";
import { getTranslations } from "next-intl/server";
import { GroupActionForm } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { Money } from "./ui";
import { Table, Td } from "@/components/data/table";

type Credit = Awaited<ReturnType<typeof import("@/lib/groups/ledger-queries").listCredits>>[number];

export async function CreditSection(props: {
  org: string;
  groupId: string;
  canWrite: boolean;
  today: string;
  locale: string;
  credits: Credit[];
  defaultCurrency: string;
  showCustomers?: boolean;
}) {
  // Customers' names are person-level: only the NGO supporting the group sees them.
  const showCustomers = props.showCustomers ?? true;
  const [t, tc] = [await getTranslations("group"), await getTranslations("communities")];
  const totals = (["MRU", "XOF"] as const)
    .map((c) => {
      const of = props.credits.filter((x) => x.currency === c);
      return { c, outstanding: of.reduce((s, x) => s + x.outstanding, 0), overdue: of.filter((x) => x.isOverdue).reduce((s, x) => s + x.outstanding, 0) };
    })
    .filter((x) => x.outstanding > 0);
  return (
    <Card title={t("creditTitle")}>
      {totals.map((x) => (
        <p key={x.c} className="mb-2" data-testid={`credit-totals-${x.c}`}>
          {t("totalOutstanding")} : <Money amount={x.outstanding} currency={x.c} locale={props.locale} /> · {t("totalOverdue")} :{" "}
          <strong className="text-red-800">
            <Money amount={x.overdue} currency={x.c} locale={props.locale} />
          </strong>
        </p>
      ))}
      {props.credits.length === 0 ? (
        <p>{t("noCredit")}</p>
      ) : (
        <Table
          head={[...(showCustomers ? [t("customer")] : []), t("community"), t("granted"), t("due"), t("amount"), t("repaid"), t("outstanding"), ""]}
          testId="credits-table"
        >
          {props.credits.map((c) => (
            <tr key={c.id} className={c.isOverdue ? "bg-red-50" : undefined}>
              {showCustomers ? <Td>{c.customerName}</Td> : null}
              <Td>{tc(c.community)}</Td>
              <Td>{c.grantedOn}</Td>
              <Td>
                {c.dueOn} {c.isOverdue ? <strong className="text-red-800">({t("overdue")})</strong> : null}
              </Td>
              <Td>
                <Money amount={c.amount} currency={c.currency} locale={props.locale} />
              </Td>
              <Td>
                <Money amount={c.repaid} currency={c.currency} locale={props.locale} />
              </Td>
              <Td>
                <Money amount={c.outstanding} currency={c.currency} locale={props.locale} />
              </Td>
              <Td>
                {props.canWrite && c.outstanding > 0 ? (
                  <details>
                    <summary className="flex min-h-11 min-w-11 cursor-pointer items-center underline">{t("repayment")}</summary>
                    <GroupActionForm
                      kind="repayment"
                      org={props.org}
                      hidden={{ creditId: c.id, clientKey: randomUUID() }}
                      submit={t("recordRepayment")}
                      fields={[
                        { name: "paidOn", label: t("date"), type: "date", defaultValue: props.today },
                        { name: "amount", label: `${t("amount")} (${c.currency})`, type: "number" },
                      ]}
                    />
                  </details>
                ) : null}
              </Td>
            </tr>
          ))}
        </Table>
      )}
      {props.canWrite ? (
        <section className="mt-4">
          <h3 className="mb-2 font-semibold">{t("creditSale")}</h3>
          <GroupActionForm
            kind="creditSale"
            org={props.org}
            hidden={{ groupId: props.groupId, clientKey: randomUUID() }}
            submit={t("recordCredit")}
            fields={[
              { name: "customerName", label: t("customer"), type: "text" },
              {
                name: "community",
                label: t("community"),
                type: "select",
                options: (["host", "refugee", "other_village"] as const).map((c) => ({ value: c, label: tc(c) })),
              },
              { name: "amount", label: t("amount"), type: "number" },
              {
                name: "currency",
                label: t("currency"),
                type: "select",
                options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
                defaultValue: props.defaultCurrency,
              },
              { name: "grantedOn", label: t("granted"), type: "date", defaultValue: props.today },
              { name: "dueOn", label: t("due"), type: "date" },
            ]}
          />
        </section>
      ) : null}
    </Card>
  );
}

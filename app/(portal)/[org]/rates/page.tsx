import { desc } from "drizzle-orm";
import { getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { exchangeRates } from "@/db/schema";
import { today as todayIso } from "@/lib/dates";
import { GroupActionForm } from "@/components/forms/group-forms";
import { Table, Td } from "@/components/data/table";
import { Card } from "@/components/ui/card";
import { withFormMessages } from "@/components/i18n/form-messages";

export async function generateMetadata() {
  return { title: (await getTranslations("rates"))("title") };
}

/** Dated XOF-per-MRU rates, managed by consortium admins (`rates:manage`). */
async function RatesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params;
  const ctx = await requireMember(slug, "rates:manage");
  const rates = await withTenant(ctx, (tx) => tx.select().from(exchangeRates).orderBy(desc(exchangeRates.validFrom)));
  const t = await getTranslations("rates");
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-2xl font-semibold">{t("title")}</h1>
      <p>{t("intro")}</p>
      <Table head={[t("validFrom"), t("rate"), t("source")]} testId="rates-table">
        {rates.map((r) => (
          <tr key={r.id}>
            <Td>{r.validFrom}</Td>
            <Td className="tabular-nums">
              <span dir="ltr">{r.xofPerMru}</span>
            </Td>
            <Td>{r.source}</Td>
          </tr>
        ))}
      </Table>
      <Card title={t("newRate")}>
        <GroupActionForm
          kind="rate"
          org={slug}
          submit={t("save")}
          fields={[
            { name: "validFrom", label: t("validFrom"), type: "date", defaultValue: todayIso() },
            { name: "xofPerMru", label: t("rate"), type: "text", ltr: true },
            { name: "source", label: t("source"), type: "text" },
          ]}
        />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof RatesPage>[0]) {
  return withFormMessages(RatesPage(props));
}

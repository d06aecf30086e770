import { notFound } from "next/navigation";
import { Table } from "@/components/data/table";
import { getLocale, getTranslations } from "next-intl/server";
import { withTenant } from "@/lib/tenant-db";
import { loadCommuneScope, productName, unitOf } from "@/lib/prices/page-context";
import { getOrderDetail, listProducts } from "@/lib/prices/queries";
import { listCommuneGroups } from "@/lib/prices/records";
import { formatAmount, formatSigned } from "@/lib/prices/format";
import { localStamp } from "@/lib/dates";
import { lineDifference, orderTotals } from "@/lib/prices/order-totals";
import { CommuneNav } from "@/components/prices/commune-nav";
import { OrderTotalsTable, type TotalsLabels } from "@/components/prices/order-totals-table";
import { SpecForm } from "@/components/prices/spec-form";
import { Card } from "@/components/ui/card";
import { valuesInText } from "@/lib/i18n/isolate";
import { withFormMessages } from "@/components/i18n/form-messages";

type Params = { params: Promise<{ org: string; commune: string; id: string }> };

/** A grouped purchase order: lines per group and product, totals, status and delivery. */
async function OrderPage({ params }: Params) {
  const { org, commune, id } = await params;
  const scope = await loadCommuneScope(org, commune);
  if (!/^[0-9a-f-]{36}$/i.test(id)) notFound();
  const data = await withTenant(scope.ctx, async (tx) => {
    const order = await getOrderDetail(tx, scope.commune.id, id);
    if (!order) return null;
    return { order, groups: await listCommuneGroups(tx, scope.commune.id), products: await listProducts(tx, scope.commune.id, { active: true }) };
  });
  if (!data) notFound();
  const { order, groups, products } = data;
  const t = await getTranslations("prices");
  const locale = await getLocale();
  const currency = order.lines[0]?.line.currency ?? "MRU";
  const totals = orderTotals(order.lines.map((l) => l.line));
  const groupNames = new Map(order.lines.map((l) => [l.line.groupId, l.groupName]));
  const productNames = new Map(order.lines.map((l) => [l.line.productId, productName(l.product, locale)]));
  const labels = (name: string): TotalsLabels => ({
    name,
    quantity: t("quantity"),
    amount: t("amount"),
    delivered: t("delivered"),
    difference: t("difference"),
    total: t("total"),
  });
  const editable = scope.canWrite && order.status !== "delivered";
  const hidden = { orderId: order.id, version: String(order.version) };
  const inputIntent = order.status === "draft" ? "save" : "deliver";

  const linesTable = (
    <Table
      head={[
        t("group"),
        t("product"),
        { label: t("quantity"), numeric: true },
        { label: t("unitPrice"), numeric: true },
        { label: t("delivered"), numeric: true },
        { label: t("difference"), numeric: true },
      ]}
      testId="order-lines"
    >
      {order.lines.map(({ line, groupName, product }) => {
        const diff = lineDifference(line);
        const label = `${groupName} — ${productName(product, locale)}`;
        return (
          <tr key={line.id}>
            <td>{groupName}</td>
            <td>{productName(product, locale)}</td>
            <td className="text-end tabular-nums">
              {editable && order.status === "draft" ? (
                <>
                  <input type="hidden" name="lineIds[]" value={line.id} />
                  <input
                    name="quantities[]"
                    defaultValue={line.quantity}
                    inputMode="numeric"
                    aria-label={`${t("quantity")} ${label}`}
                    className="min-h-11 w-20 rounded border border-slate-400 px-2 py-1 text-end"
                  />
                </>
              ) : (
                line.quantity
              )}
            </td>
            <td className="text-end tabular-nums">{formatAmount(line.unitPrice, line.currency, locale)}</td>
            <td className="text-end tabular-nums">
              {editable && order.status === "ordered" ? (
                <>
                  <input type="hidden" name="lineIds[]" value={line.id} />
                  <input
                    name="quantities[]"
                    defaultValue={line.deliveredQuantity ?? line.quantity}
                    inputMode="numeric"
                    aria-label={`${t("delivered")} ${label}`}
                    className="min-h-11 w-20 rounded border border-slate-400 px-2 py-1 text-end"
                  />
                </>
              ) : (
                (line.deliveredQuantity ?? t("none"))
              )}
            </td>
            <td className={`p-2 text-end tabular-nums ${diff !== null && diff < 0 ? "text-red-800" : ""}`}>
              {diff === null ? t("none") : formatSigned(diff, locale)}
            </td>
          </tr>
        );
      })}
    </Table>
  );

  return (
    <div className="flex flex-col gap-6">
      <CommuneNav scope={scope} current="workspace" />
      <div>
        <h1 className="text-2xl font-semibold">{t("order", valuesInText({ date: order.heldOn }, locale))}</h1>
        <p className="text-sm text-slate-700">
          <span data-testid="order-status">{t(`orderStatus.${order.status}`)}</span>
          {order.supplier ? ` · ${order.supplier}` : ""} ·{" "}
          {t("lastChange", valuesInText({ version: order.version, name: order.updatedByName ?? "—", time: localStamp(order.updatedAt) }, locale))}
        </p>
      </div>
      <Card title={t("orders")}>
        {order.lines.length === 0 ? <p>{t("noLines")}</p> : null}
        {editable && order.lines.length > 0 ? (
          <SpecForm
            form="saveOrder"
            org={org}
            testId="save-order"
            hidden={{ ...hidden, intent: inputIntent }}
            fields={[]}
            submit={order.status === "draft" ? t("saveQuantities") : t("recordDelivery")}
          >
            {linesTable}
          </SpecForm>
        ) : (
          linesTable
        )}
        {scope.canWrite && order.status === "draft" && order.lines.length > 0 ? (
          <div className="mt-3">
            <SpecForm
              form="saveOrder"
              org={org}
              testId="place-order"
              hidden={{ ...hidden, intent: "order" }}
              fields={[]}
              submit={t("placeOrder")}
              variant="secondary"
            />
          </div>
        ) : null}
      </Card>
      {scope.canWrite && order.status === "draft" ? (
        <Card title={t("addLine")}>
          <SpecForm
            form="addOrderLine"
            org={org}
            testId="add-line"
            hidden={hidden}
            submit={t("addLine")}
            fields={[
              { name: "groupId", label: t("group"), kind: "select", options: groups.map((g) => ({ value: g.id, label: g.name })) },
              {
                name: "productId",
                label: t("product"),
                kind: "select",
                options: products.map((p) => ({ value: p.id, label: `${productName(p, locale)} (${unitOf(p, locale)})` })),
              },
              { name: "quantity", label: t("quantity"), kind: "number" },
            ]}
          />
        </Card>
      ) : null}
      <Card title={t("totalsByGroup")}>
        <OrderTotalsTable
          rows={totals.byGroup}
          overall={totals.overall}
          names={groupNames}
          labels={labels(t("group"))}
          currency={currency}
          locale={locale}
          testId="totals-group"
        />
      </Card>
      <Card title={t("totalsByProduct")}>
        <OrderTotalsTable
          rows={totals.byProduct}
          overall={totals.overall}
          names={productNames}
          labels={labels(t("product"))}
          currency={currency}
          locale={locale}
          testId="totals-product"
        />
      </Card>
    </div>
  );
}

/** The page, with the catalogue its client forms read (components/i18n/form-messages.tsx). */
export default async function Page(props: Parameters<typeof OrderPage>[0]) {
  return withFormMessages(OrderPage(props));
}

import { randomUUID } from "node:crypto";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { requireMember } from "@/lib/auth/tenant";
import { withTenant } from "@/lib/tenant-db";
import { findVisibleGroup } from "@/lib/groups/queries";
import { listAddableProducts, listCounts, listSalesReconciliation, listStockItems, listStockOuts } from "@/lib/stock/queries";
import { stockCountAction, stockItemAction, stockOutAction, stockReceiveAction, stockSaleAction } from "@/lib/stock/actions";
import { SELLING_WINDOW_DAYS } from "@/lib/stock/levels";
import { addDays, today } from "@/lib/dates";
import { Card } from "@/components/ui/card";
import { formatNumber, TextLink } from "@/components/groups/ui";
import { Table, Td } from "@/components/data/table";
import { PlainForm } from "@/components/plans/plain-form";
import { withFormMessages } from "@/components/i18n/form-messages";

/** A group's stock: items and levels, days left, counts and shrinkage, stock-outs; forms to record them (issue 17, point 1). */
async function StockPage({ params }: { params: Promise<{ org: string; groupId: string }> }) {
  const { org: slug, groupId } = await params;
  const ctx = await requireMember(slug, "groups:read", { manager: true });
  const locale = await getLocale();
  const data = await withTenant(ctx, async (tx) => {
    const group = await findVisibleGroup(tx, ctx.org, groupId);
    if (!group) return null;
    const canWrite = group.isWritable && group.archivedAt === null && ctx.can("groups:write");
    return {
      group,
      canWrite,
      items: await listStockItems(tx, group.id, locale),
      counts: await listCounts(tx, group.id, locale),
      outs: await listStockOuts(tx, group.id, locale),
      sales: await listSalesReconciliation(tx, group.id, locale, `${addDays(today(), -183).slice(0, 7)}-01`),
      products: canWrite ? await listAddableProducts(tx, group.id, locale) : [],
    };
  });
  if (!data) notFound();
  const t = await getTranslations("stock");
  const { group, items } = data;
  const n = (v: number) => <span dir="ltr">{formatNumber(v, locale)}</span>;
  const money = (v: number, c: string) => <span dir="ltr">{`${formatNumber(v, locale)} ${c}`}</span>;
  const itemOptions = items.map((i) => ({ value: i.id, label: `${i.name} (${i.unit})` }));
  const hidden = { groupId: group.id };
  const day = today();
  return (
    <div className="flex flex-col gap-4">
      <p>
        <TextLink href={`/${slug}/groups/${group.id}`}>← {group.name}</TextLink>
      </p>
      <h1 className="text-2xl font-bold">
        {t("title")} — {group.name}
      </h1>
      <p>{t("intro")}</p>
      <Card title={t("itemsTitle")}>
        {items.length === 0 ? (
          <p>{t("noItems")}</p>
        ) : (
          <Table
            caption={t("itemsCaption")}
            testId="stock-items"
            head={[t("item"), t("level"), t("received"), t("sold"), t("shrinkage"), t("daysLeft"), t("status"), t("outDays")]}
          >
            {items.map((i) => (
              <tr key={i.id} data-testid="stock-item" data-item={i.name}>
                <Td>
                  {i.name} <span className="text-slate-700">({i.unit})</span>
                </Td>
                <Td>
                  <span data-testid="stock-level">{n(i.level)}</span>
                </Td>
                <Td>{n(i.received)}</Td>
                <Td>{n(i.sold)}</Td>
                <Td>
                  <span data-testid="stock-shrinkage">{n(i.shrinkage)}</span>
                </Td>
                <Td>{i.daysLeft === null ? t("none") : n(i.daysLeft)}</Td>
                <Td>{i.outSince ? <span className="font-medium text-red-800">{t("outSince", { date: i.outSince })}</span> : t("inStock")}</Td>
                <Td>{n(i.outDays)}</Td>
              </tr>
            ))}
          </Table>
        )}
        <p className="mt-2 text-sm text-slate-700">{t("daysLeftHelp", { days: SELLING_WINDOW_DAYS })}</p>
      </Card>
      <Card title={t("countsTitle")}>
        {data.counts.length === 0 ? (
          <p>{t("noCounts")}</p>
        ) : (
          <Table caption={t("countsCaption")} testId="stock-counts" head={[t("countedOn"), t("item"), t("expected"), t("counted"), t("shrinkage")]}>
            {data.counts.map((c) => (
              <tr key={c.id} data-testid="stock-count">
                <Td>
                  <span dir="ltr">{c.countedOn}</span>
                </Td>
                <Td>
                  {c.item} <span className="text-slate-700">({c.unit})</span>
                </Td>
                <Td>{n(c.expected)}</Td>
                <Td>{n(c.counted)}</Td>
                <Td>
                  <span data-testid="count-shrinkage">{n(c.shrinkage)}</span>
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title={t("outsTitle")}>
        {data.outs.length === 0 ? (
          <p>{t("noOuts")}</p>
        ) : (
          <Table caption={t("outsCaption")} testId="stock-outs" head={[t("item"), t("startedOn"), t("endedOn"), t("days")]}>
            {data.outs.map((o) => (
              <tr key={o.id}>
                <Td>{o.item}</Td>
                <Td>
                  <span dir="ltr">{o.startedOn}</span>
                </Td>
                <Td>{o.endedOn ? <span dir="ltr">{o.endedOn}</span> : t("open")}</Td>
                <Td>{n(o.days)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title={t("salesTitle")}>
        <p className="mb-2 text-sm text-slate-700">{t("salesHelp")}</p>
        {data.sales.months.length === 0 ? (
          <p>{t("noSales")}</p>
        ) : (
          <Table caption={t("salesMonthsCaption")} testId="sales-months" head={[t("month"), t("ledgerSales"), t("perItem"), t("moneyOnly"), t("itemEntries")]}>
            {data.sales.months.map((m) => (
              <tr key={`${m.month}-${m.currency}`} data-testid="sales-month" data-month={m.month} data-currency={m.currency}>
                <Td>
                  <span dir="ltr">{m.month}</span>
                </Td>
                <Td>
                  <span data-testid="sales-total">{money(m.total, m.currency)}</span>
                </Td>
                <Td>
                  <span data-testid="sales-per-item">{money(m.perItem, m.currency)}</span>
                </Td>
                <Td>
                  <span data-testid="sales-money-only">{money(m.moneyOnly, m.currency)}</span>
                </Td>
                <Td>{n(m.itemEntries)}</Td>
              </tr>
            ))}
          </Table>
        )}
        {data.sales.purchases.length > 0 ? (
          <div className="mt-3">
            <Table
              caption={t("purchasesMonthsCaption")}
              testId="purchases-months"
              head={[t("month"), t("ledgerPurchases"), t("perItem"), t("moneyOnly"), t("itemEntries")]}
            >
              {data.sales.purchases.map((m) => (
                <tr key={`${m.month}-${m.currency}`} data-testid="purchases-month" data-month={m.month} data-currency={m.currency}>
                  <Td>
                    <span dir="ltr">{m.month}</span>
                  </Td>
                  <Td>{money(m.total, m.currency)}</Td>
                  <Td>
                    <span data-testid="purchases-per-item">{money(m.perItem, m.currency)}</span>
                  </Td>
                  <Td>{money(m.moneyOnly, m.currency)}</Td>
                  <Td>{n(m.itemEntries)}</Td>
                </tr>
              ))}
            </Table>
          </div>
        ) : null}
        {data.sales.items.length > 0 ? (
          <div className="mt-3">
            <Table caption={t("salesItemsCaption")} testId="sales-items" head={[t("month"), t("item"), t("withAmount"), t("amount"), t("withoutAmount")]}>
              {data.sales.items.map((r) => (
                <tr key={`${r.month}-${r.item}`} data-testid="sales-item" data-month={r.month} data-item={r.item}>
                  <Td>
                    <span dir="ltr">{r.month}</span>
                  </Td>
                  <Td>
                    {r.item} <span className="text-slate-700">({r.unit})</span>
                  </Td>
                  <Td>
                    <span data-testid="sold-with-amount">{n(r.withAmount)}</span>
                  </Td>
                  <Td>
                    <span data-testid="sold-amount">
                      {r.amountMru > 0 || r.amountXof === 0 ? money(r.amountMru, "MRU") : null}
                      {r.amountMru > 0 && r.amountXof > 0 ? " · " : null}
                      {r.amountXof > 0 ? money(r.amountXof, "XOF") : null}
                    </span>
                  </Td>
                  <Td>
                    <span data-testid="sold-without-amount">{n(r.withoutAmount)}</span>
                  </Td>
                </tr>
              ))}
            </Table>
          </div>
        ) : null}
      </Card>
      {data.canWrite ? (
        <>
          {items.length > 0 ? (
            <>
              <Card title={t("countTitle")}>
                <p className="mb-2 text-sm text-slate-700">{t("countHelp")}</p>
                <PlainForm
                  action={stockCountAction}
                  org={slug}
                  idPrefix="count"
                  testId="count-form"
                  hidden={hidden}
                  fields={[
                    { name: "itemId", label: t("item"), type: "select", options: itemOptions },
                    { name: "countedOn", label: t("date"), type: "date", defaultValue: day },
                    { name: "counted", label: t("counted"), type: "number" },
                  ]}
                  submits={[{ label: t("count") }]}
                />
              </Card>
              <Card title={t("receiveTitle")}>
                <p className="mb-2 text-sm text-slate-700">{t("receiveHelp")}</p>
                <PlainForm
                  action={stockReceiveAction}
                  org={slug}
                  idPrefix="receive"
                  testId="receive-form"
                  hidden={{ ...hidden, clientKey: randomUUID() }}
                  fields={[
                    { name: "itemId", label: t("item"), type: "select", options: itemOptions },
                    { name: "occurredOn", label: t("date"), type: "date", defaultValue: day },
                    { name: "quantity", label: t("quantity"), type: "number" },
                    { name: "cost", label: t("cost"), type: "number" },
                    {
                      name: "inLedger",
                      label: t("inLedger"),
                      type: "select",
                      defaultValue: "no",
                      options: [
                        { value: "no", label: t("inLedgerNo") },
                        { value: "yes", label: t("inLedgerYes") },
                      ],
                    },
                    {
                      name: "currency",
                      label: t("currency"),
                      type: "select",
                      defaultValue: group.startingCapitalCurrency,
                      options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
                    },
                  ]}
                  submits={[{ label: t("receive") }]}
                />
              </Card>
              <Card title={t("saleTitle")}>
                <p className="mb-2 text-sm text-slate-700">{t("saleHelp")}</p>
                <PlainForm
                  action={stockSaleAction}
                  org={slug}
                  idPrefix="sale"
                  testId="sale-form"
                  hidden={{ ...hidden, clientKey: randomUUID() }}
                  fields={[
                    { name: "itemId", label: t("item"), type: "select", options: itemOptions },
                    { name: "occurredOn", label: t("date"), type: "date", defaultValue: day },
                    { name: "quantity", label: t("quantity"), type: "number" },
                    { name: "amount", label: t("saleAmount"), type: "number", hint: t("saleAmountHint") },
                    {
                      name: "currency",
                      label: t("currency"),
                      type: "select",
                      defaultValue: group.startingCapitalCurrency,
                      options: ["MRU", "XOF"].map((c) => ({ value: c, label: c })),
                    },
                  ]}
                  submits={[{ label: t("sell") }]}
                />
              </Card>
              <Card title={t("outTitle")}>
                <p className="mb-2 text-sm text-slate-700">{t("outHelp")}</p>
                <PlainForm
                  action={stockOutAction}
                  org={slug}
                  idPrefix="out"
                  testId="out-form"
                  hidden={hidden}
                  fields={[
                    { name: "itemId", label: t("item"), type: "select", options: itemOptions },
                    { name: "on", label: t("date"), type: "date", defaultValue: day },
                  ]}
                  submits={[
                    { label: t("markOut"), intent: "out" },
                    { label: t("markBack"), intent: "back", variant: "secondary" },
                  ]}
                />
              </Card>
            </>
          ) : null}
          <Card title={t("itemTitle")}>
            <p className="mb-2 text-sm text-slate-700">{t("itemHelp")}</p>
            <PlainForm
              action={stockItemAction}
              org={slug}
              idPrefix="item"
              testId="item-form"
              hidden={hidden}
              fields={[
                {
                  name: "productId",
                  label: t("product"),
                  type: "select",
                  options: [{ value: "", label: t("ownItem") }, ...data.products.map((p) => ({ value: p.id, label: `${p.name} (${p.unit})` }))],
                },
                { name: "name", label: t("name"), type: "text" },
                { name: "unit", label: t("unit"), type: "text" },
              ]}
              submits={[{ label: t("addItem") }]}
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}

export default async function Page(props: Parameters<typeof StockPage>[0]) {
  return withFormMessages(StockPage(props));
}

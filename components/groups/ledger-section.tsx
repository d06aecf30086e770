import { randomUUID } from "node:crypto";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { ledgerKinds } from "@/lib/groups/schema";
import { GroupActionForm, type FieldSpec } from "@/components/forms/group-forms";
import { Card } from "@/components/ui/card";
import { OutboxBadge } from "@/components/offline/outbox-badge";
import { Money, TextLink } from "./ui";
import { Table, Td } from "@/components/data/table";

interface Entry {
  id: string;
  kind: (typeof ledgerKinds)[number];
  occurredOn: string;
  amount: number;
  currency: "XOF" | "MRU";
  note: string;
  version: number;
  voidedAt: Date | null;
  voidReason: string | null;
}
interface HistoryRow {
  id: string;
  entryId: string;
  action: string;
  changedAt: Date;
  before: unknown;
  after: unknown;
}

/** A page of the group's entries (voided ones too) with their correction forms and history, and its pager. */
export async function LedgerSection(props: {
  org: string;
  groupId: string;
  canWrite: boolean;
  today: string;
  locale: string;
  entries: Entry[];
  history: HistoryRow[];
  defaultCurrency: string;
  pager?: ReactNode;
}) {
  const [t, tk] = [await getTranslations("group"), await getTranslations("ledgerKinds")];
  const kindOptions = ledgerKinds.map((k) => ({ value: k, label: tk(k) }));
  const currencyOptions = ["MRU", "XOF"].map((c) => ({ value: c, label: c }));
  const entryFields = (e?: Entry): FieldSpec[] => [
    { name: "kind", label: t("entryKind"), type: "select", options: kindOptions, defaultValue: e?.kind ?? "sale" },
    { name: "occurredOn", label: t("date"), type: "date", defaultValue: e?.occurredOn ?? props.today },
    { name: "amount", label: t("amount"), type: "number", defaultValue: e ? String(e.amount) : "" },
    { name: "currency", label: t("currency"), type: "select", options: currencyOptions, defaultValue: e?.currency ?? props.defaultCurrency },
    { name: "note", label: t("note"), type: "text", defaultValue: e?.note ?? "" },
  ];
  const show = (x: unknown) => {
    const v = x as Partial<Entry> | null;
    // A note's change (its own history, read by the supporting NGO only): the text itself.
    if (v && v.occurredOn === undefined && typeof v.note === "string") return v.note;
    return v ? `${v.occurredOn} · ${v.kind ? tk(v.kind) : ""} · ${v.amount} ${v.currency}${v.voidReason ? ` · ${t("voided")}: ${v.voidReason}` : ""}` : "";
  };
  return (
    <Card title={t("ledgerTitle")}>
      {props.canWrite ? (
        <section className="mb-4">
          <h3 className="mb-2 font-semibold">{t("newEntry")}</h3>
          <OutboxBadge org={props.org} />
          <GroupActionForm
            kind="recordEntry"
            org={props.org}
            testId="record-entry-form"
            hidden={{ groupId: props.groupId, clientKey: randomUUID() }}
            submit={t("record")}
            fields={entryFields()}
          />
        </section>
      ) : null}
      <p className="mb-2">
        <TextLink href={`/${props.org}/ledger?group=${props.groupId}`}>{t("recentEntries")}</TextLink>
      </p>
      <Table head={[t("date"), t("entryKind"), t("amount"), t("note"), ""]} testId="ledger-table">
        {props.entries.map((e) => (
          <tr key={e.id} className={e.voidedAt ? "text-slate-500 line-through" : undefined} data-testid={`entry-${e.id}`}>
            <Td>{e.occurredOn}</Td>
            <Td>{tk(e.kind)}</Td>
            <Td>
              <Money amount={e.amount} currency={e.currency} locale={props.locale} />
            </Td>
            <Td>
              {e.note}
              {e.voidedAt ? ` (${t("voided")} : ${e.voidReason})` : ""}
            </Td>
            <Td>
              {props.canWrite && !e.voidedAt ? (
                <details className="no-underline">
                  <summary className="flex min-h-11 min-w-11 cursor-pointer items-center underline">{t("correct")}</summary>
                  <GroupActionForm
                    kind="correctEntry"
                    org={props.org}
                    hidden={{ entryId: e.id, version: String(e.version) }}
                    submit={t("saveCorrection")}
                    fields={entryFields(e)}
                  />
                  <GroupActionForm
                    kind="voidEntry"
                    org={props.org}
                    variant="danger"
                    hidden={{ entryId: e.id }}
                    submit={t("void")}
                    fields={[{ name: "reason", label: t("voidReason"), type: "text" }]}
                  />
                </details>
              ) : null}
            </Td>
          </tr>
        ))}
      </Table>
      {props.pager}
      {props.history.length > 0 ? (
        <section className="mt-4">
          <h3 className="mb-2 font-semibold">{t("history")}</h3>
          <Table head={[t("when"), t("action"), t("before"), t("after")]} testId="history-table">
            {props.history.map((h) => (
              <tr key={h.id}>
                <Td>{h.changedAt.toISOString().slice(0, 16).replace("T", " ")}</Td>
                <Td>{h.action === "void" ? t("void") : h.action === "note" ? t("noteChanged") : t("correct")}</Td>
                <Td>{show(h.before)}</Td>
                <Td>{show(h.after)}</Td>
              </tr>
            ))}
          </Table>
        </section>
      ) : null}
    </Card>
  );
}

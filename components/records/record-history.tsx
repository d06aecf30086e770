import { getFormatter, getTranslations } from "next-intl/server";
import type { HistoryRow } from "@/lib/records/history";
import { historyFields, type HistoryField } from "@/lib/records/fields";
import { groupStatus, householdStatus, sex, wgAnswer } from "@/db/schema";
import { productCategories } from "@/lib/prices/schema";
import { Card } from "@/components/ui/card";

const wgFields: Record<string, string> = {
  wgSeeing: "seeing",
  wgHearing: "hearing",
  wgWalking: "walking",
  wgCognition: "cognition",
  wgSelfCare: "selfCare",
  wgCommunication: "communication",
};

/**
 * A record's history from the audit trail (issue 14): who, when, what, and for an edit each
 * field that changed, before → after, in the reader's language. Fields the catalogue does not
 * name (ids) are left out; the whole record stays in the trail.
 */
export async function RecordHistory({ rows, testId = "record-history" }: { rows: HistoryRow[]; testId?: string }) {
  const [t, ta, twg, tst, thh, format] = [
    await getTranslations("records"),
    await getTranslations("audit"),
    await getTranslations("wg"),
    await getTranslations("groupStatus"),
    await getTranslations("householdStatus"),
    await getFormatter(),
  ];
  const action = (a: string) => {
    const k = a.replace(/\./g, "_");
    return ta.has(`actions.${k}`) ? ta(`actions.${k}` as never) : a;
  };
  const value = (field: string, v: unknown): string => {
    if (v === null || v === undefined || v === "") return t("empty");
    if (typeof v === "boolean") return v ? t("yes") : t("no");
    const s = typeof v === "string" ? v : typeof v === "number" ? String(v) : JSON.stringify(v);
    if (field in wgFields && (wgAnswer.enumValues as readonly string[]).includes(s)) return twg(s as never);
    if (field === "status" && (groupStatus.enumValues as readonly string[]).includes(s)) return tst(s as never);
    if (field === "householdStatus" && (householdStatus.enumValues as readonly string[]).includes(s)) return thh(s as never);
    if (field === "sex" && (sex.enumValues as readonly string[]).includes(s)) return t(`sexes.${s}` as never);
    if (field === "category" && (productCategories as readonly string[]).includes(s)) return t(`categories.${s}` as never);
    return s;
  };
  const fieldsOf = (r: HistoryRow): HistoryField[] => {
    const keys = new Set([...Object.keys(r.before ?? {}), ...Object.keys(r.after ?? {})]);
    return historyFields.filter((k) => keys.has(k));
  };
  return (
    <Card title={t("history")}>
      {rows.length === 0 ? (
        <p>{t("noHistory")}</p>
      ) : (
        <ol className="flex flex-col gap-3" data-testid={testId}>
          {rows.map((r) => (
            <li key={r.id} className="border-b border-slate-200 pb-2" data-testid="history-row">
              <p>
                <span className="font-medium">{action(r.action)}</span>
                {" · "}
                <span>{format.dateTime(r.at, { dateStyle: "short", timeStyle: "short" })}</span>
                {" · "}
                <span>{r.userName ?? t("nobody")}</span>
              </p>
              {r.before && r.after ? (
                <ul className="ms-4 list-disc text-sm">
                  {fieldsOf(r).map((k) => (
                    <li key={k} data-testid="history-change">
                      {t("fieldLabel", { field: t(`fields.${k}` as never) })} <span>{value(k, r.before?.[k])}</span>{" "}
                      <span aria-hidden="true">{t("arrow")}</span>
                      <span className="sr-only">{t("becomes")}</span> <span className="font-medium">{value(k, r.after?.[k])}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

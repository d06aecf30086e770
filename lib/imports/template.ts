import "server-only";
import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { importFields, isNamedType, listCodes, listLabelKey, type HeaderLang, type ImportKind, type ListName } from "./fields";
import { columnLetter } from "./read";

/** The organisation's own names a template lists (loadTemplateNames). */
export interface TemplateNames {
  groups: string[];
  villages: string[];
  activities: Record<HeaderLang, string[]>;
  communes: string[];
  products: Record<HeaderLang, string[]>;
  places: string[];
  /** The days of the commune's sessions in preparation (yyyy-mm-dd). */
  sessions: string[];
}

/** Rows of the template's data sheet that carry the allowed-value drop-downs. */
const VALIDATED_ROWS = 2000;

type Translate = (key: string, values?: Record<string, string | number>) => string;

async function translator(lang: HeaderLang): Promise<Translate> {
  return createTranslator({ locale: lang, messages: await loadMessages(lang) }) as unknown as Translate;
}

function listLabel(t: Translate, list: ListName, code: string): string {
  const key = listLabelKey(list, code);
  return key ? t(key) : code;
}

/** The template's headers in a language (a CSV template is this one line). */
export function templateHeaders(kind: ImportKind, lang: HeaderLang): string[] {
  return importFields[kind].map((f) => f.headers[lang][0]);
}

/** A CSV template: the header line, UTF-8 with its byte-order mark (Excel then reads Arabic right). */
export function csvTemplate(kind: ImportKind, lang: HeaderLang): string {
  return `\uFEFF${templateHeaders(kind, lang)
    .map((h) => (/[",;\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h))
    .join(",")}\r\n`;
}

/**
 * An XLSX template: the data sheet (headers, drop-downs of the allowed values), the instructions
 * (each column: required or not, its format or values) and the allowed values, the
 * organisation's own groups and villages included. Right to left in Arabic.
 */
export async function xlsxTemplate(kind: ImportKind, lang: HeaderLang, names: TemplateNames): Promise<Buffer> {
  const t = await translator(lang);
  const ti = (k: string, v?: Record<string, string | number>) => t(`imports.${k}`, v);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Tamkin";
  const rtl = lang === "ar";
  const data = wb.addWorksheet(ti("sheetData"), { views: [{ state: "frozen", ySplit: 1, rightToLeft: rtl }] });
  const instructions = wb.addWorksheet(ti("sheetInstructions"), { views: [{ rightToLeft: rtl }] });
  const lists = wb.addWorksheet(ti("sheetLists"), { views: [{ rightToLeft: rtl }] });
  const fields = importFields[kind];

  data.addRow(templateHeaders(kind, lang)).font = { bold: true };
  fields.forEach((f, i) => {
    data.getColumn(i + 1).width = Math.max(14, f.headers[lang][0].length + 4);
    if (f.type === "date" || f.type === "text" || isNamedType(f.type)) data.getColumn(i + 1).numFmt = f.type === "date" ? "yyyy-mm-dd" : "@";
  });

  // The allowed values, one column per list.
  const listColumns: { title: string; values: string[]; key: string }[] = [
    ...(fields.some((f) => f.type === "group") ? [{ key: "group", title: ti("listGroups"), values: names.groups }] : []),
    ...(fields.some((f) => f.type === "village") ? [{ key: "village", title: ti("listVillages"), values: names.villages }] : []),
    ...(fields.some((f) => f.type === "activity") ? [{ key: "activity", title: ti("listActivities"), values: names.activities[lang] }] : []),
    ...(fields.some((f) => f.type === "commune") ? [{ key: "commune", title: ti("listCommunes"), values: names.communes }] : []),
    ...(fields.some((f) => f.type === "product") ? [{ key: "product", title: ti("listProducts"), values: names.products[lang] }] : []),
    ...(fields.some((f) => f.type === "place") ? [{ key: "place", title: ti("listVillages"), values: names.places }] : []),
    ...(fields.some((f) => f.type === "session") ? [{ key: "session", title: ti("listSessions"), values: names.sessions }] : []),
    ...[...new Set(fields.filter((f) => f.list).map((f) => f.list!))].map((l) => ({
      key: l,
      title: fields.find((f) => f.list === l)!.headers[lang][0],
      values: listCodes[l].map((c) => listLabel(t, l, c)),
    })),
  ];
  listColumns.forEach((c, i) => {
    const col = lists.getColumn(i + 1);
    col.width = Math.max(18, ...c.values.map((v) => Math.min(40, v.length + 2)));
    lists.getCell(1, i + 1).value = c.title;
    lists.getCell(1, i + 1).font = { bold: true };
    c.values.forEach((v, r) => (lists.getCell(r + 2, i + 1).value = v));
  });
  const sheetRef = `'${ti("sheetLists").replace(/'/g, "''")}'`;
  fields.forEach((f, i) => {
    const key = isNamedType(f.type) || f.type === "session" ? f.type : f.list;
    const li = listColumns.findIndex((c) => c.key === key);
    if (li < 0 || listColumns[li].values.length === 0) return;
    const letter = columnLetter(li);
    const range = `${sheetRef}!$${letter}$2:$${letter}$${listColumns[li].values.length + 1}`;
    const target = `${columnLetter(i)}2:${columnLetter(i)}${VALIDATED_ROWS}`;
    // A warning, not a stop: the import also reads codes and other spellings.
    (data as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations.add(target, {
      type: "list",
      allowBlank: !f.required,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: "warning",
    });
  });

  const what = ti({ members: "whatMembers", ledger: "whatLedger", groups: "whatGroups", observations: "whatObservations", attendance: "whatAttendance" }[kind]);
  instructions.getColumn(1).width = 34;
  instructions.getColumn(2).width = 14;
  instructions.getColumn(3).width = 70;
  instructions.addRow([ti("title")]).font = { bold: true, size: 14 };
  instructions.addRow([ti("tplIntro1", { what })]);
  instructions.addRow([ti("tplIntro2")]);
  instructions.addRow([ti("tplIntro3")]);
  instructions.addRow([]);
  instructions.addRow([ti("column"), ti("requiredCol"), ti("format")]).font = { bold: true };
  for (const f of fields) {
    const format =
      f.type === "list"
        ? `${listCodes[f.list!].map((c) => listLabel(t, f.list!, c)).join(" · ")}${
            f.list === "wg" ? ` (${ti("wgDefault")})` : f.default ? ` (${ti("emptyMeans", { value: listLabel(t, f.list!, f.default) })})` : ""
          }`
        : ti(
            {
              text: "fmtText",
              year: "fmtYear",
              integer: "fmtInteger",
              date: "fmtDate",
              amount: "fmtAmount",
              group: "fmtGroup",
              village: "fmtVillage",
              activity: "fmtActivity",
              commune: "fmtCommune",
              product: "fmtProduct",
              place: "fmtVillage",
              session: "fmtSession",
            }[f.type],
          );
    instructions.addRow([f.headers[lang][0], ti(f.required ? "yes" : "no"), format]);
  }
  instructions.getColumn(3).alignment = { wrapText: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

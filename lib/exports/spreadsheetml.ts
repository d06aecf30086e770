/**
 * Checks the XML parts of an exported workbook against the parts of the SpreadsheetML schema
 * (ECMA-376 Part 1, sml.xsd, transitional) that the exports use. For tests; what is checked:
 * - every element of the SpreadsheetML namespace in workbook.xml, worksheets, styles.xml and
 *   sharedStrings.xml is a known element, and appears only under a parent whose complex type
 *   allows it (CT_Workbook, CT_BookViews, CT_Worksheet, CT_SheetView, CT_Row, CT_Stylesheet…);
 * - the children of CT_Workbook, CT_Worksheet, CT_Stylesheet, CT_SheetView, CT_Cell and CT_Xf
 *   come in the order of their xsd:sequence;
 * - every attribute without a prefix is one the element's type declares (so `rightToLeft` on
 *   `workbookView` (CT_BookView) is refused, on `sheetView` (CT_SheetView) allowed); a prefixed
 *   attribute is a namespace declaration, `r:id` where the type declares it, `xml:space`, or in a
 *   namespace the part lists in `mc:Ignorable` (Markup Compatibility, ECMA-376 Part 3);
 * - elements of other namespaces only inside `ext` (extension lists) or in an ignorable namespace;
 * - values of the enumerations used: ST_CellType (c/@t), ST_SheetState, ST_Pane, ST_PaneState,
 *   ST_VerticalAlignment, ST_PatternType, booleans; sheet names of at most 31 characters, unique
 *   and free of : \ / ? * [ ]; unique sheet ids; cell references in row order.
 * It is not a full schema validator: types not used by the exports are not listed (and so refused).
 */
import { strFromU8, unzipSync } from "fflate";

export const SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const XML = "http://www.w3.org/XML/1998/namespace";

interface ElementType {
  attrs: string[];
  /** Allowed children (local names in the SpreadsheetML namespace). */
  children: string[];
  /** Whether the children must follow the order of `children` (an xsd:sequence). */
  sequence?: boolean;
  /** Attributes of the relationships namespace the type declares (`r:id`). */
  relAttrs?: string[];
}

const empty = (attrs: string[] = []): ElementType => ({ attrs, children: [] });
const val = empty(["val"]);
const colorAttrs = ["auto", "indexed", "rgb", "theme", "tint"];
const borderPr: ElementType = { attrs: ["style"], children: ["color"] };

/** Complex types of sml.xsd, by element name, as far as the exports use them. */
export const schema: Record<string, ElementType> = {
  // workbook.xml: CT_Workbook
  workbook: {
    attrs: ["conformance"],
    children: [
      "fileVersion",
      "fileSharing",
      "workbookPr",
      "workbookProtection",
      "bookViews",
      "sheets",
      "functionGroups",
      "externalReferences",
      "definedNames",
      "calcPr",
      "oleSize",
      "customWorkbookViews",
      "pivotCaches",
      "smartTagPr",
      "smartTagTypes",
      "webPublishing",
      "fileRecoveryPr",
      "webPublishObjects",
      "extLst",
    ],
    sequence: true,
  },
  fileVersion: empty(["appName", "lastEdited", "lowestEdited", "rupBuild", "codeName"]),
  workbookPr: empty([
    "date1904",
    "showObjects",
    "showBorderUnselectedTables",
    "filterPrivacy",
    "promptedSolutions",
    "showInkAnnotation",
    "backupFile",
    "saveExternalLinkValues",
    "updateLinks",
    "codeName",
    "hidePivotFieldList",
    "showPivotChartFilter",
    "allowRefreshQuery",
    "publishItems",
    "checkCompatibility",
    "autoCompressPictures",
    "refreshAllConnections",
    "defaultThemeVersion",
  ]),
  bookViews: { attrs: [], children: ["workbookView"] },
  // CT_BookView: no rightToLeft here (that is CT_SheetView's).
  workbookView: {
    attrs: [
      "visibility",
      "minimized",
      "showHorizontalScroll",
      "showVerticalScroll",
      "showSheetTabs",
      "xWindow",
      "yWindow",
      "windowWidth",
      "windowHeight",
      "tabRatio",
      "firstSheet",
      "activeTab",
      "autoFilterDateGrouping",
    ],
    children: ["extLst"],
  },
  sheets: { attrs: [], children: ["sheet"] },
  sheet: { attrs: ["name", "sheetId", "state"], children: [], relAttrs: ["id"] },
  definedNames: { attrs: [], children: ["definedName"] },
  definedName: empty([
    "name",
    "comment",
    "customMenu",
    "description",
    "help",
    "statusBar",
    "localSheetId",
    "hidden",
    "function",
    "vbProcedure",
    "xlm",
    "functionGroupId",
    "shortcutKey",
    "publishToServer",
    "workbookParameter",
  ]),
  calcPr: empty([
    "calcId",
    "calcMode",
    "fullCalcOnLoad",
    "refMode",
    "iterate",
    "iterateCount",
    "iterateDelta",
    "fullPrecision",
    "calcCompleted",
    "calcOnSave",
    "concurrentCalc",
    "concurrentManualCount",
    "forceFullCalc",
  ]),
  // worksheets: CT_Worksheet
  worksheet: {
    attrs: [],
    children: [
      "sheetPr",
      "dimension",
      "sheetViews",
      "sheetFormatPr",
      "cols",
      "sheetData",
      "sheetCalcPr",
      "sheetProtection",
      "protectedRanges",
      "scenarios",
      "autoFilter",
      "sortState",
      "dataConsolidate",
      "customSheetViews",
      "mergeCells",
      "phoneticPr",
      "conditionalFormatting",
      "dataValidations",
      "hyperlinks",
      "printOptions",
      "pageMargins",
      "pageSetup",
      "headerFooter",
      "rowBreaks",
      "colBreaks",
      "customProperties",
      "cellWatches",
      "ignoredErrors",
      "smartTags",
      "drawing",
      "legacyDrawing",
      "legacyDrawingHF",
      "drawingHF",
      "picture",
      "oleObjects",
      "controls",
      "webPublishItems",
      "tableParts",
      "extLst",
    ],
    sequence: true,
  },
  sheetPr: {
    attrs: [
      "syncHorizontal",
      "syncVertical",
      "syncRef",
      "transitionEvaluation",
      "transitionEntry",
      "published",
      "codeName",
      "filterMode",
      "enableFormatConditionsCalculation",
    ],
    children: ["tabColor", "outlinePr", "pageSetUpPr"],
    sequence: true,
  },
  tabColor: empty(colorAttrs),
  outlinePr: empty(["applyStyles", "summaryBelow", "summaryRight", "showOutlineSymbols"]),
  pageSetUpPr: empty(["autoPageBreaks", "fitToPage"]),
  dimension: empty(["ref"]),
  sheetViews: { attrs: [], children: ["sheetView", "extLst"] },
  sheetView: {
    attrs: [
      "windowProtection",
      "showFormulas",
      "showGridLines",
      "showRowColHeaders",
      "showZeros",
      "rightToLeft",
      "tabSelected",
      "showRuler",
      "showOutlineSymbols",
      "defaultGridColor",
      "showWhiteSpace",
      "view",
      "topLeftCell",
      "colorId",
      "zoomScale",
      "zoomScaleNormal",
      "zoomScaleSheetLayoutView",
      "zoomScalePageLayoutView",
      "workbookViewId",
    ],
    children: ["pane", "selection", "pivotSelection", "extLst"],
    sequence: true,
  },
  pane: empty(["xSplit", "ySplit", "topLeftCell", "activePane", "state"]),
  selection: empty(["pane", "activeCell", "activeCellId", "sqref"]),
  sheetFormatPr: empty([
    "baseColWidth",
    "defaultColWidth",
    "defaultRowHeight",
    "customHeight",
    "zeroHeight",
    "thickTop",
    "thickBottom",
    "outlineLevelRow",
    "outlineLevelCol",
  ]),
  cols: { attrs: [], children: ["col"] },
  col: empty(["min", "max", "width", "style", "hidden", "bestFit", "customWidth", "phonetic", "outlineLevel", "collapsed"]),
  sheetData: { attrs: [], children: ["row"] },
  row: {
    attrs: ["r", "spans", "s", "customFormat", "ht", "hidden", "customHeight", "outlineLevel", "collapsed", "thickTop", "thickBot", "ph"],
    children: ["c", "extLst"],
  },
  c: { attrs: ["r", "s", "t", "cm", "vm", "ph"], children: ["f", "v", "is", "extLst"], sequence: true },
  v: empty(),
  f: empty(["t", "aca", "ref", "dt2D", "dtr", "del1", "del2", "r1", "r2", "ca", "si", "bx"]),
  is: { attrs: [], children: ["t", "r", "rPh", "phoneticPr"] },
  mergeCells: { attrs: ["count"], children: ["mergeCell"] },
  mergeCell: empty(["ref"]),
  autoFilter: { attrs: ["ref"], children: ["filterColumn", "sortState", "extLst"] },
  printOptions: empty(["horizontalCentered", "verticalCentered", "headings", "gridLines", "gridLinesSet"]),
  pageMargins: empty(["left", "right", "top", "bottom", "header", "footer"]),
  pageSetup: {
    attrs: [
      "paperSize",
      "paperHeight",
      "paperWidth",
      "scale",
      "firstPageNumber",
      "fitToWidth",
      "fitToHeight",
      "pageOrder",
      "orientation",
      "usePrinterDefaults",
      "blackAndWhite",
      "draft",
      "cellComments",
      "useFirstPageNumber",
      "errors",
      "horizontalDpi",
      "verticalDpi",
      "copies",
    ],
    children: [],
    relAttrs: ["id"],
  },
  headerFooter: {
    attrs: ["differentOddEven", "differentFirst", "scaleWithDoc", "alignWithMargins"],
    children: ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"],
    sequence: true,
  },
  // styles.xml: CT_Stylesheet
  styleSheet: {
    attrs: [],
    children: ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"],
    sequence: true,
  },
  numFmts: { attrs: ["count"], children: ["numFmt"] },
  numFmt: empty(["numFmtId", "formatCode"]),
  fonts: { attrs: ["count"], children: ["font"] },
  // CT_Font is an xsd:choice, in any order.
  font: {
    attrs: [],
    children: ["b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name", "family", "charset", "scheme"],
  },
  b: val,
  i: val,
  strike: val,
  condense: val,
  extend: val,
  outline: val,
  shadow: val,
  u: val,
  vertAlign: val,
  sz: val,
  name: val,
  family: val,
  charset: val,
  scheme: val,
  color: empty(colorAttrs),
  fills: { attrs: ["count"], children: ["fill"] },
  fill: { attrs: [], children: ["patternFill", "gradientFill"] },
  patternFill: { attrs: ["patternType"], children: ["fgColor", "bgColor"], sequence: true },
  fgColor: empty(colorAttrs),
  bgColor: empty(colorAttrs),
  borders: { attrs: ["count"], children: ["border"] },
  border: {
    attrs: ["diagonalUp", "diagonalDown", "outline"],
    children: ["start", "end", "left", "right", "top", "bottom", "diagonal", "vertical", "horizontal"],
    sequence: true,
  },
  start: borderPr,
  end: borderPr,
  left: borderPr,
  right: borderPr,
  top: borderPr,
  bottom: borderPr,
  diagonal: borderPr,
  vertical: borderPr,
  horizontal: borderPr,
  cellStyleXfs: { attrs: ["count"], children: ["xf"] },
  cellXfs: { attrs: ["count"], children: ["xf"] },
  xf: {
    attrs: [
      "numFmtId",
      "fontId",
      "fillId",
      "borderId",
      "xfId",
      "quotePrefix",
      "pivotButton",
      "applyNumberFormat",
      "applyFont",
      "applyFill",
      "applyBorder",
      "applyAlignment",
      "applyProtection",
    ],
    children: ["alignment", "protection", "extLst"],
    sequence: true,
  },
  alignment: empty(["horizontal", "vertical", "textRotation", "wrapText", "indent", "relativeIndent", "justifyLastLine", "shrinkToFit", "readingOrder"]),
  protection: empty(["locked", "hidden"]),
  cellStyles: { attrs: ["count"], children: ["cellStyle"] },
  cellStyle: { attrs: ["name", "xfId", "builtinId", "iLevel", "hidden", "customBuiltin"], children: ["extLst"] },
  dxfs: { attrs: ["count"], children: ["dxf"] },
  tableStyles: { attrs: ["count", "defaultTableStyle", "defaultPivotStyle"], children: ["tableStyle"] },
  // sharedStrings.xml: CT_Sst, CT_Rst
  sst: { attrs: ["count", "uniqueCount"], children: ["si", "extLst"] },
  si: { attrs: [], children: ["t", "r", "rPh", "phoneticPr"] },
  r: { attrs: [], children: ["rPr", "t"], sequence: true },
  t: empty(),
  extLst: { attrs: [], children: ["ext"] },
  ext: empty(["uri"]),
};

/** The root element each part must have. */
const roots: [RegExp, string][] = [
  [/^xl\/workbook\.xml$/, "workbook"],
  [/^xl\/worksheets\/sheet\d+\.xml$/, "worksheet"],
  [/^xl\/styles\.xml$/, "styleSheet"],
  [/^xl\/sharedStrings\.xml$/, "sst"],
];

const booleans = ["0", "1", "true", "false"];
const enums: Record<string, Record<string, string[]>> = {
  c: { t: ["b", "n", "e", "s", "str", "inlineStr", "d"] },
  sheet: { state: ["visible", "hidden", "veryHidden"] },
  workbookView: { visibility: ["visible", "hidden", "veryHidden"] },
  pane: { activePane: ["bottomRight", "topRight", "bottomLeft", "topLeft"], state: ["split", "frozen", "frozenSplit"] },
  selection: { pane: ["bottomRight", "topRight", "bottomLeft", "topLeft"] },
  sheetView: { rightToLeft: booleans, tabSelected: booleans, showGridLines: booleans },
  alignment: { vertical: ["top", "center", "bottom", "justify", "distributed"], wrapText: booleans },
  patternFill: {
    patternType: [
      "none",
      "solid",
      "mediumGray",
      "darkGray",
      "lightGray",
      "darkHorizontal",
      "darkVertical",
      "darkDown",
      "darkUp",
      "darkGrid",
      "darkTrellis",
      "lightHorizontal",
      "lightVertical",
      "lightDown",
      "lightUp",
      "lightGrid",
      "lightTrellis",
      "gray125",
      "gray0625",
    ],
  },
  row: { customFormat: booleans },
  col: { customWidth: booleans },
};

interface Node {
  ns: string;
  local: string;
  attrs: { ns: string | null; local: string; qname: string; value: string }[];
  children: Node[];
  ignorable: Set<string>;
}

const unescapeAttr = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** A small namespace-aware parser for the well-formed, entity-free XML that spreadsheet writers produce. */
export function parseXml(xml: string): Node {
  const stack: { node: Node; qname: string; prefixes: Map<string, string> }[] = [];
  let root: Node | null = null;
  const tag = /<(\/?)([A-Za-z_][\w.-]*(?::[\w.-]+)?)((?:\s+[\w.:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (const m of xml.matchAll(tag)) {
    if (xml.slice(last, m.index).includes("<")) throw new Error(`unreadable markup near: ${xml.slice(last, last + 60)}`);
    last = m.index + m[0].length;
    if (!m[2]) continue; // declaration or comment
    const [, closing, qname, attrText, selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (!open || open.qname !== qname) throw new Error(`</${qname}> closes <${open?.qname ?? "nothing"}>`);
      continue;
    }
    const parent = stack.at(-1);
    const prefixes = new Map(parent?.prefixes ?? [["xml", XML]]);
    const raw = [...attrText.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)].map((a) => ({ qname: a[1], value: unescapeAttr(a[2] ?? a[3]) }));
    for (const a of raw) {
      if (a.qname === "xmlns") prefixes.set("", a.value);
      else if (a.qname.startsWith("xmlns:")) prefixes.set(a.qname.slice(6), a.value);
    }
    const resolve = (q: string, isAttr: boolean) => {
      const i = q.indexOf(":");
      if (i < 0) return { ns: isAttr ? null : (prefixes.get("") ?? ""), local: q };
      const ns = prefixes.get(q.slice(0, i));
      if (ns === undefined) throw new Error(`undeclared prefix in ${q}`);
      return { ns, local: q.slice(i + 1) };
    };
    const ignorable = new Set(parent?.node.ignorable ?? []);
    const attrs = raw
      .filter((a) => a.qname !== "xmlns" && !a.qname.startsWith("xmlns:"))
      .map((a) => ({ ...resolve(a.qname, true), qname: a.qname, value: a.value }));
    const mcIgnorable = attrs.find((a) => a.ns === MC && a.local === "Ignorable");
    for (const p of mcIgnorable?.value.split(/\s+/).filter(Boolean) ?? []) ignorable.add(prefixes.get(p) ?? `?${p}`);
    const { ns, local } = resolve(qname, false);
    const node: Node = {
      ns: ns ?? "",
      local,
      ignorable,
      children: [],
      attrs,
    };
    if (parent) parent.node.children.push(node);
    else if (root) throw new Error("two root elements");
    else root = node;
    if (!selfClosing) stack.push({ node, qname, prefixes });
  }
  if (stack.length) throw new Error(`unclosed <${stack.at(-1)!.node.local}>`);
  if (!root) throw new Error("no root element");
  return root;
}

const cellCol = (ref: string) => [...(/^([A-Z]+)/.exec(ref)?.[1] ?? "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);

/** The problems of one part (empty when it follows the rules above). */
export function checkPart(path: string, xml: string): string[] {
  const problems: string[] = [];
  const rootName = roots.find(([re]) => re.test(path))?.[1];
  if (!rootName) return [`${path}: not a SpreadsheetML part this check knows`];
  let root: Node;
  try {
    root = parseXml(xml);
  } catch (err) {
    return [`${path}: ${(err as Error).message}`];
  }
  if (root.ns !== SML || root.local !== rootName) problems.push(`${path}: root is {${root.ns}}${root.local}, expected ${rootName}`);
  const at = (n: Node, trail: string) => `${path}: ${trail}/${n.local}`;
  const visit = (n: Node, trail: string) => {
    const type = schema[n.local];
    if (!type) return void problems.push(`${at(n, trail)}: no such element in the schema subset`);
    for (const a of n.attrs) {
      if (a.ns === null) {
        if (!type.attrs.includes(a.local)) problems.push(`${at(n, trail)}: attribute ${a.local} is not declared by its type`);
        const allowed = enums[n.local]?.[a.local];
        if (allowed && !allowed.includes(a.value)) problems.push(`${at(n, trail)}: ${a.local}="${a.value}" is not one of ${allowed.join(", ")}`);
      } else if (a.ns === REL) {
        if (!type.relAttrs?.includes(a.local)) problems.push(`${at(n, trail)}: attribute r:${a.local} is not declared by its type`);
      } else if (a.ns === XML) {
        if (a.local !== "space" || !["t"].includes(n.local)) problems.push(`${at(n, trail)}: attribute xml:${a.local} is not allowed here`);
      } else if (!(a.ns === MC && a.local === "Ignorable") && !n.ignorable.has(a.ns)) {
        problems.push(`${at(n, trail)}: attribute ${a.qname} of a namespace the part does not declare ignorable`);
      }
    }
    let lastIndex = -1;
    let lastCol = 0;
    for (const child of n.children) {
      if (child.ns !== SML) {
        if (n.local !== "ext" && !n.ignorable.has(child.ns))
          problems.push(`${at(child, `${trail}/${n.local}`)}: element of another namespace outside an extension list`);
        continue;
      }
      if (n.local === "ext") continue; // an extension's content belongs to its own schema
      const index = type.children.indexOf(child.local);
      if (index < 0) problems.push(`${at(child, `${trail}/${n.local}`)}: not a child its parent's type allows`);
      else if (type.sequence && index < lastIndex)
        problems.push(`${at(child, `${trail}/${n.local}`)}: out of the sequence's order (after ${type.children[lastIndex]})`);
      else lastIndex = Math.max(lastIndex, index);
      if (n.local === "row" && child.local === "c") {
        const col = cellCol(child.attrs.find((a) => a.local === "r")?.value ?? "");
        if (col && col <= lastCol) problems.push(`${at(child, `${trail}/${n.local}`)}: cells out of column order`);
        lastCol = col || lastCol;
      }
      visit(child, `${trail}/${n.local}`);
    }
  };
  visit(root, "");
  if (rootName === "workbook") {
    const sheets = root.children.find((c) => c.local === "sheets")?.children ?? [];
    const names = sheets.map((s) => s.attrs.find((a) => a.local === "name")?.value ?? "");
    const ids = sheets.map((s) => s.attrs.find((a) => a.local === "sheetId")?.value ?? "");
    for (const name of names) if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) problems.push(`${path}: sheet name "${name}" not allowed`);
    if (new Set(names.map((n) => n.toLowerCase())).size !== names.length) problems.push(`${path}: two sheets of the same name`);
    if (new Set(ids).size !== ids.length) problems.push(`${path}: two sheets with the same id`);
  }
  return problems;
}

/** Every SpreadsheetML part of a workbook and its problems; throws if the main parts are missing. */
export function checkWorkbook(bytes: Uint8Array): { parts: string[]; problems: string[] } {
  const files = unzipSync(bytes);
  const parts = Object.keys(files).filter((p) => roots.some(([re]) => re.test(p)));
  for (const needed of ["xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet1.xml"]) if (!parts.includes(needed)) throw new Error(`missing part ${needed}`);
  return { parts, problems: parts.flatMap((p) => checkPart(p, strFromU8(files[p]))) };
}

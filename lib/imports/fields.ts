/**
 * The vocabulary of an import file (issue 14.1): the columns of each kind, the header names that
 * mean each column in French, Arabic and English (the template's own first), and the values
 * accepted for each list. Headers and values are compared normalised: case, accents, Arabic
 * vowel marks and letter variants, spaces, underscores and hyphens do not matter. A KoboToolbox
 * export's `group/field` headers are read by their last segment.
 */
import frGroups from "@/lib/i18n/messages/fr/groups.json";
import arGroups from "@/lib/i18n/messages/ar/groups.json";
import enGroups from "@/lib/i18n/messages/en/groups.json";
import { wgAnswers } from "@/lib/wgss";
import frPrices from "@/lib/i18n/messages/fr/prices.json";
import arPrices from "@/lib/i18n/messages/ar/prices.json";
import enPrices from "@/lib/i18n/messages/en/prices.json";
import { constituencies } from "@/lib/prices/quorum";
import { importKinds, type ImportKind } from "./kinds";

export { importKinds, type ImportKind };
export const headerLangs = ["fr", "ar", "en"] as const;
export type HeaderLang = (typeof headerLangs)[number];

/** How a column's text is read. `list`: one of `values` (see `valueAliases`). */
/**
 * `group`, `village`, `activity`: a name (or code) matched to the reference or the organisation's
 * own records. `commune`: one the organisation may read, by name or slug (empty: its only one);
 * `product`, `place`: a product of that commune's catalogue (by its name in any language), one of
 * its villages and campements. `session`: the commune's price committee session in preparation
 * (draft) held on the date written.
 */
export type FieldType =
  "text" | "year" | "integer" | "date" | "amount" | "list" | "group" | "village" | "activity" | "commune" | "product" | "place" | "session";
/** The field types matched by name to records (see rows.ts). */
export const namedTypes = ["group", "village", "activity", "commune", "product", "place"] as const;
export type NamedType = (typeof namedTypes)[number];
export const isNamedType = (t: FieldType): t is NamedType => (namedTypes as readonly string[]).includes(t);

export interface FieldDef {
  key: string;
  type: FieldType;
  required: boolean;
  /** For `list` fields: the codes accepted. */
  list?: ListName;
  /** For optional `list` fields: the code an empty cell means. */
  default?: string;
  /** Header names by language; the first is the template's. */
  headers: Record<HeaderLang, string[]>;
}

export const listNames = ["sex", "householdStatus", "wg", "ledgerKind", "currency", "profitRule", "constituency"] as const;
export type ListName = (typeof listNames)[number];
export const listCodes: Record<ListName, readonly string[]> = {
  sex: ["female", "male"],
  householdStatus: ["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"],
  wg: wgAnswers,
  ledgerKind: ["sale", "stock_purchase", "other_expense", "contribution"],
  currency: ["MRU", "XOF"],
  profitRule: ["equal", "team_weighted"],
  constituency: constituencies,
};

const wgField = (key: string, fr: string[], ar: string[], en: string[]): FieldDef => ({
  key,
  type: "list",
  list: "wg",
  required: false,
  default: "not_asked",
  headers: { fr, ar, en },
});

export const importFields: Record<ImportKind, FieldDef[]> = {
  members: [
    {
      key: "group",
      type: "group",
      required: true,
      headers: { fr: ["Groupe", "Nom du groupe"], ar: ["المجموعة", "اسم المجموعة"], en: ["Group", "Group name"] },
    },
    {
      key: "name",
      type: "text",
      required: true,
      headers: { fr: ["Nom", "Nom complet", "Nom et prénom"], ar: ["الاسم", "الاسم الكامل"], en: ["Name", "Full name"] },
    },
    { key: "sex", type: "list", list: "sex", required: true, headers: { fr: ["Sexe", "Genre"], ar: ["الجنس"], en: ["Sex", "Gender"] } },
    {
      key: "birthYear",
      type: "year",
      required: true,
      headers: { fr: ["Année de naissance", "Naissance"], ar: ["سنة الميلاد"], en: ["Birth year", "Year of birth"] },
    },
    {
      key: "village",
      type: "village",
      required: true,
      headers: {
        fr: ["Village ou campement", "Village", "Localité", "Campement"],
        ar: ["القرية أو المخيم", "القرية", "المخيم"],
        en: ["Village or camp", "Village", "Settlement"],
      },
    },
    {
      key: "householdSize",
      type: "integer",
      required: true,
      headers: { fr: ["Taille du ménage", "Taille ménage"], ar: ["حجم الأسرة", "عدد أفراد الأسرة"], en: ["Household size"] },
    },
    {
      key: "householdStatus",
      type: "list",
      list: "householdStatus",
      required: true,
      headers: { fr: ["Statut du ménage", "Statut"], ar: ["وضع الأسرة", "الوضع"], en: ["Household status", "Status"] },
    },
    {
      key: "cashTransferSince",
      type: "date",
      required: false,
      headers: { fr: ["Transferts monétaires depuis"], ar: ["تحويلات نقدية منذ"], en: ["Cash transfers since"] },
    },
    wgField("wgSeeing", ["WG voir", "Voir"], ["الرؤية"], ["WG seeing", "Seeing"]),
    wgField("wgHearing", ["WG entendre", "Entendre"], ["السمع"], ["WG hearing", "Hearing"]),
    wgField("wgWalking", ["WG marcher", "Marcher"], ["المشي"], ["WG walking", "Walking"]),
    wgField("wgCognition", ["WG se souvenir", "Se souvenir", "Mémoire"], ["التذكر"], ["WG cognition", "Remembering", "Cognition"]),
    wgField("wgSelfCare", ["WG soins personnels", "Soins personnels", "Prendre soin de soi"], ["العناية بالنفس"], ["WG self-care", "Self-care"]),
    wgField("wgCommunication", ["WG communiquer", "Communiquer"], ["التواصل"], ["WG communication", "Communicating", "Communication"]),
    {
      key: "joinedOn",
      type: "date",
      required: true,
      headers: { fr: ["Date d'adhésion", "Adhésion", "Membre depuis"], ar: ["تاريخ الانضمام"], en: ["Joined on", "Date joined"] },
    },
  ],
  ledger: [
    {
      key: "group",
      type: "group",
      required: true,
      headers: { fr: ["Groupe", "Nom du groupe"], ar: ["المجموعة", "اسم المجموعة"], en: ["Group", "Group name"] },
    },
    {
      key: "kind",
      type: "list",
      list: "ledgerKind",
      required: true,
      headers: { fr: ["Opération", "Type d'opération", "Type"], ar: ["نوع العملية", "النوع"], en: ["Operation", "Kind", "Type"] },
    },
    { key: "occurredOn", type: "date", required: true, headers: { fr: ["Date"], ar: ["التاريخ"], en: ["Date"] } },
    { key: "amount", type: "amount", required: true, headers: { fr: ["Montant"], ar: ["المبلغ"], en: ["Amount"] } },
    { key: "currency", type: "list", list: "currency", required: true, headers: { fr: ["Devise", "Monnaie"], ar: ["العملة"], en: ["Currency"] } },
    { key: "note", type: "text", required: false, headers: { fr: ["Note", "Commentaire", "Libellé"], ar: ["ملاحظة"], en: ["Note", "Comment"] } },
  ],
  groups: [
    {
      key: "name",
      type: "text",
      required: true,
      headers: { fr: ["Nom du groupe", "Nom", "Groupe"], ar: ["اسم المجموعة", "الاسم", "المجموعة"], en: ["Group name", "Name", "Group"] },
    },
    {
      key: "activity",
      type: "activity",
      required: true,
      headers: { fr: ["Activité", "Type d'activité"], ar: ["النشاط", "نوع النشاط"], en: ["Activity", "Activity type"] },
    },
    {
      key: "village",
      type: "village",
      required: true,
      headers: { fr: ["Village", "Localité", "Village ou campement"], ar: ["القرية", "القرية أو المخيم"], en: ["Village", "Village or camp"] },
    },
    {
      key: "startDate",
      type: "date",
      required: true,
      headers: { fr: ["Date de démarrage", "Démarrage", "Date de début"], ar: ["تاريخ البدء", "تاريخ الانطلاق"], en: ["Start date", "Started on"] },
    },
    {
      key: "startingCapitalAmount",
      type: "amount",
      required: true,
      headers: { fr: ["Capital de départ", "Capital initial", "Capital"], ar: ["رأس المال الأولي", "رأس المال"], en: ["Starting capital", "Capital"] },
    },
    {
      key: "startingCapitalCurrency",
      type: "list",
      list: "currency",
      required: true,
      headers: { fr: ["Devise", "Monnaie"], ar: ["العملة"], en: ["Currency"] },
    },
    {
      key: "profitRule",
      type: "list",
      list: "profitRule",
      required: false,
      default: "equal",
      headers: { fr: ["Partage du bénéfice", "Règle de partage"], ar: ["قاعدة تقاسم الأرباح", "تقاسم الأرباح"], en: ["Profit sharing", "Profit rule"] },
    },
  ],
  observations: [
    {
      key: "commune",
      type: "commune",
      required: false,
      headers: { fr: ["Commune"], ar: ["البلدية"], en: ["Commune", "Municipality"] },
    },
    {
      key: "product",
      type: "product",
      required: true,
      headers: { fr: ["Produit", "Article"], ar: ["المنتج", "السلعة"], en: ["Product", "Item"] },
    },
    {
      key: "place",
      type: "place",
      required: true,
      headers: {
        fr: ["Marché", "Lieu", "Village ou campement", "Village"],
        ar: ["السوق", "المكان", "القرية أو المخيم", "القرية"],
        en: ["Market", "Place", "Village or camp", "Village"],
      },
    },
    {
      key: "observedOn",
      type: "date",
      required: true,
      headers: { fr: ["Date du relevé", "Date"], ar: ["تاريخ الرصد", "التاريخ"], en: ["Observed on", "Date"] },
    },
    { key: "price", type: "amount", required: true, headers: { fr: ["Prix", "Prix relevé"], ar: ["السعر"], en: ["Price"] } },
    {
      key: "currency",
      type: "list",
      list: "currency",
      required: false,
      default: "MRU",
      headers: { fr: ["Devise", "Monnaie"], ar: ["العملة"], en: ["Currency"] },
    },
  ],
  attendance: [
    {
      key: "session",
      type: "session",
      required: true,
      headers: { fr: ["Séance", "Date de la séance"], ar: ["الجلسة", "تاريخ الجلسة"], en: ["Session", "Session date"] },
    },
    {
      key: "name",
      type: "text",
      required: true,
      headers: { fr: ["Nom", "Participant", "Nom du participant"], ar: ["الاسم", "المشارك"], en: ["Name", "Attendee"] },
    },
    {
      key: "constituency",
      type: "list",
      list: "constituency",
      required: true,
      headers: { fr: ["Collège"], ar: ["الهيئة", "الفئة"], en: ["Constituency"] },
    },
  ],
};

/** Kobo's own columns: `_uuid` keys the row; the rest are kept aside. */
export const KOBO_UUID = "_uuid";

/** Case, accents, Arabic marks and letter variants, separators: gone. */
export function normalise(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\u064B-\u065F\u0670\u0640]/g, "") // Arabic vowel marks, superscript alef, tatweel
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/ى/g, "ي")
    .toLowerCase()
    .replace(/[’'`]/g, "'")
    .replace(/[\s_\-./:]+/g, " ")
    .trim();
}

/** A header as the code spells a field ("birthYear", "birth_year"). */
const codeForms = (key: string) => [key, key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)];

/** Header (normalised) → field and the language it is written in (null: a code, any language). */
export function headerIndex(kind: ImportKind): Map<string, { field: string; lang: HeaderLang | null }> {
  const out = new Map<string, { field: string; lang: HeaderLang | null }>();
  for (const f of importFields[kind]) {
    for (const code of codeForms(f.key)) out.set(normalise(code), { field: f.key, lang: null });
    for (const lang of headerLangs) {
      for (const h of f.headers[lang]) {
        const n = normalise(h);
        const known = out.get(n);
        // The same word in two languages ("Date", "Village"): neutral.
        out.set(n, { field: f.key, lang: known && known.field === f.key && known.lang !== lang ? null : lang });
      }
    }
  }
  return out;
}

type Catalogue = {
  group: { female: string; male: string };
  householdStatus: Record<string, string>;
  wg: Record<string, string>;
  ledgerKinds: Record<string, string>;
  profitRules: Record<string, string>;
  constituencies: Record<string, string>;
};
const catalogues = [
  { ...frGroups, constituencies: frPrices.prices.constituencies },
  { ...arGroups, constituencies: arPrices.prices.constituencies },
  { ...enGroups, constituencies: enPrices.prices.constituencies },
] as unknown as Catalogue[];

/** Words people write for each code, besides the catalogues' labels. */
const extraValues: Record<ListName, Record<string, string[]>> = {
  sex: {
    female: ["f", "femme", "feminin", "fille", "woman", "girl", "انثى", "امراه", "أنثى"],
    male: ["m", "h", "homme", "masculin", "garcon", "man", "boy", "ذكر", "رجل"],
  },
  householdStatus: {
    host: ["hote", "population hote", "host community", "resident", "مضيف", "المضيف"],
    refugee_out_of_camp: ["refugie hors camp", "hors camp", "refugee out of camp", "لاجئ خارج المخيم"],
    refugee_in_camp: ["refugie camp", "refugie dans le camp", "camp", "refugee camp", "refugee in camp", "لاجئ في المخيم"],
    returnee: ["rapatrie", "retourne", "عائد"],
  },
  // The Washington Group's own coding: 1 no difficulty … 4 cannot do at all.
  wg: {
    none: ["1", "aucune", "aucune difficulte", "no difficulty"],
    some: ["2", "un peu", "some", "quelque difficulte"],
    a_lot: ["3", "beaucoup", "a lot"],
    cannot: ["4", "impossible", "ne peut pas", "cannot"],
    not_asked: ["", "7", "8", "9", "nsp", "ne sait pas", "refus", "dont know", "refused"],
  },
  ledgerKind: {
    sale: ["vente", "ventes", "recette", "sales", "بيع", "مبيعات"],
    stock_purchase: ["achat", "achats", "achat stock", "purchase", "شراء", "شراء مخزون"],
    other_expense: ["depense", "depenses", "charge", "expense", "مصروف", "مصاريف"],
    contribution: ["apport", "cotisation", "contribution", "مساهمه"],
  },
  profitRule: {
    equal: ["egal", "egales", "parts egales", "equal", "equal shares", "بالتساوي"],
    team_weighted: ["pondere", "pondere par equipe", "par equipe", "weighted", "team weighted", "weighted by team", "حسب الفريق"],
  },
  constituency: {
    mcpgc: ["mcpgc", "prevention des conflits", "conflict prevention"],
    beneficiaries: ["beneficiaire", "beneficiaires", "beneficiary", "beneficiaries", "مستفيد", "المستفيدون"],
    commune: ["commune", "mairie", "municipality", "بلديه", "البلديه"],
    traders_federation: ["federation", "commercants", "federation des commercants", "traders", "traders federation", "التجار", "اتحاد التجار"],
  },
  currency: {
    MRU: ["mru", "ouguiya", "ouguiyas", "um", "اوقيه", "أوقية"],
    XOF: ["xof", "fcfa", "cfa", "franc cfa", "فرنك"],
  },
};

/** The catalogue key of a list value's label (the currency codes are their own label). */
export function listLabelKey(list: ListName, code: string): string | null {
  const ns: Record<ListName, string | null> = {
    sex: "group",
    householdStatus: "householdStatus",
    wg: "wg",
    ledgerKind: "ledgerKinds",
    profitRule: "profitRules",
    constituency: "prices.constituencies",
    currency: null,
  };
  return ns[list] === null ? null : `${ns[list]}.${code}`;
}

function catalogueLabels(list: ListName, code: string): string[] {
  return catalogues.flatMap((c) => {
    if (list === "sex") return [c.group[code as "female" | "male"]];
    if (list === "householdStatus") return [c.householdStatus[code]];
    if (list === "wg") return [c.wg[code]];
    if (list === "ledgerKind") return [c.ledgerKinds[code]];
    if (list === "profitRule") return [c.profitRules[code]];
    if (list === "constituency") return [c.constituencies[code]];
    return [];
  });
}

const valueMaps = new Map<ListName, Map<string, string>>();
/** The code a written value means, or null. */
export function listValue(list: ListName, raw: string): string | null {
  let m = valueMaps.get(list);
  if (!m) {
    m = new Map();
    for (const code of listCodes[list]) {
      for (const w of [code, ...catalogueLabels(list, code), ...(extraValues[list][code] ?? [])]) {
        if (typeof w === "string") m.set(normalise(w), code);
      }
    }
    valueMaps.set(list, m);
  }
  return m.get(normalise(raw)) ?? null;
}

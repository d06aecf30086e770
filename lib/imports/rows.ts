/**
 * One row of an import file to the input of the form that records the same thing (a group's new
 * member, a ledger line), checked by that form's own zod schema: the import accepts exactly what
 * the form accepts. Names (group, village) are matched to the organisation's own records.
 */
import { createHash } from "node:crypto";
import type { z } from "zod";
import { addMemberSchema, createGroupSchema, recordEntrySchema } from "@/lib/groups/schema";
import { attendeeSchema, observationSchema } from "@/lib/prices/schema";
import { toIsoDate, type Cell, cellText } from "./cells";
import { importFields, isNamedType, listValue, normalise, type ImportKind, type ListName } from "./fields";

export interface RowError {
  /** The import column (a field of importFields). */
  field: string;
  /** A key of the `errors` catalogue namespace. */
  key: string;
  /** For a list: the list whose values are allowed. */
  list?: ListName;
  values?: Record<string, string | number>;
}

export interface Lookups {
  /** Normalised name (and id) → id; null: two records share the name. */
  groups: Map<string, string | null>;
  villages: Map<string, string | null>;
  /** Activity types: the code, and the name in French, Arabic and English → the code. */
  activities: Map<string, string | null>;
  /** The organisation's group names (normalised) before the file: a new group may not take one. */
  groupNames: Set<string>;
  /** Communes the organisation may read (market prices): name, slug and id → id. */
  communes: Map<string, string | null>;
  /** A commune's id → its slug (the form's field). */
  communeSlugs: Map<string, string>;
  /** The commune an empty cell means: the organisation's only one (a commune: itself), else null. */
  defaultCommune: string | null;
  /** Per commune id: its active products (by their names in French, Arabic, English) and its villages. */
  products: Map<string, Map<string, string | null>>;
  places: Map<string, Map<string, string | null>>;
  /** The commune's sessions in preparation (drafts), by the day they are held (null: two that day). */
  sessions: Map<string, string | null>;
}

/** Lookups with nothing in them, for the kinds that need none of a list. */
export const emptyLookups = (): Lookups => ({
  groups: new Map(),
  villages: new Map(),
  activities: new Map(),
  groupNames: new Set(),
  communes: new Map(),
  communeSlugs: new Map(),
  defaultCommune: null,
  products: new Map(),
  places: new Map(),
  sessions: new Map(),
});

export function lookupOf(records: { id: string; name: string; aliases?: string[] }[]): Map<string, string | null> {
  const m = new Map<string, string | null>();
  for (const r of records) {
    for (const name of new Set([r.name, ...(r.aliases ?? [])].map(normalise))) m.set(name, m.has(name) && m.get(name) !== r.id ? null : r.id);
    m.set(r.id, r.id);
  }
  return m;
}

/** A cell to the text stored for the row: dates already as yyyy-mm-dd, whatever form they came in. */
export function storedValue(kind: ImportKind, field: string, cell: Cell): string {
  const def = importFields[kind].find((f) => f.key === field);
  if ((def?.type === "date" || def?.type === "session") && cell !== null) return toIsoDate(cell) ?? cellText(cell);
  if (def?.type === "year" && cell instanceof Date) return String(cell.getUTCFullYear());
  return cellText(cell);
}

/** The form's field an import column fills, where the names differ (and back, for the form's messages). */
const formFields: Record<ImportKind, Record<string, string>> = {
  members: { group: "groupId", village: "settlementId" },
  ledger: { group: "groupId" },
  groups: { village: "villageId", activity: "activityType" },
  observations: { product: "productId", place: "placeId" },
  attendance: { session: "sessionId" },
};
export const formFieldOf = (kind: ImportKind, field: string) => formFields[kind][field] ?? field;
export const importFieldOf = (kind: ImportKind, path: string) => {
  const back = Object.entries(formFields[kind]).find(([, f]) => f === path)?.[0];
  return back ?? (importFields[kind].some((f) => f.key === path) ? path : importFields[kind][0].key);
};

/** Valid values standing in for a field in error (see checkRow). */
const standIn: Record<string, unknown> = {
  groupId: "00000000-0000-4000-8000-000000000000",
  settlementId: "00000000-0000-4000-8000-000000000000",
  villageId: "00000000-0000-4000-8000-000000000000",
  activityType: "shop",
  startDate: "2000-01-01",
  startingCapitalAmount: "0",
  startingCapitalCurrency: "MRU",
  profitRule: "equal",
  name: "Stand-in",
  sex: "female",
  birthYear: "1990",
  householdSize: "1",
  householdStatus: "host",
  cashTransferSince: "",
  joinedOn: "2000-01-01",
  occurredOn: "2000-01-01",
  kind: "sale",
  amount: "1",
  currency: "MRU",
  note: "",
  wgSeeing: "not_asked",
  wgHearing: "not_asked",
  wgWalking: "not_asked",
  wgCognition: "not_asked",
  wgSelfCare: "not_asked",
  wgCommunication: "not_asked",
  commune: "stand-in",
  productId: "00000000-0000-4000-8000-000000000000",
  placeId: "00000000-0000-4000-8000-000000000000",
  sessionId: "00000000-0000-4000-8000-000000000000",
  constituency: "commune",
  observedOn: "2000-01-01",
  price: "1",
};

export type FormInput<K extends ImportKind> = K extends "members"
  ? z.infer<typeof addMemberSchema>
  : K extends "groups"
    ? z.infer<typeof createGroupSchema>
    : K extends "observations"
      ? z.infer<typeof observationSchema>
      : K extends "attendance"
        ? z.infer<typeof attendeeSchema>
        : z.infer<typeof recordEntrySchema>;

/** Each kind's form: the schema its rows are checked by. */
const schemas = {
  members: addMemberSchema,
  ledger: recordEntrySchema,
  groups: createGroupSchema,
  observations: observationSchema,
  attendance: attendeeSchema,
} as const;

const unknownKeys = {
  group: "importGroupUnknown",
  village: "importVillageUnknown",
  activity: "importActivityUnknown",
  commune: "importCommuneUnknown",
  product: "importProductUnknown",
  place: "importPlaceUnknown",
} as const;

export interface CheckedRow {
  errors: RowError[];
  input: Record<string, unknown> | null;
  /** The row's natural key, before the occurrence count (see rowKey). */
  natural: string;
}

/** A row's stored values to the form's input, with every error found (not only the first). */
export function checkRow(kind: ImportKind, values: Record<string, string>, lookups: Lookups): CheckedRow {
  const errors: RowError[] = [];
  const raw: Record<string, unknown> = {};
  let communeId: string | null = null;
  for (const def of importFields[kind]) {
    const v = values[def.key] ?? "";
    if (def.type === "list") {
      const code = v === "" ? (def.default ?? null) : listValue(def.list!, v);
      if (v === "" && def.required) errors.push({ field: def.key, key: "required" });
      else if (code === null && v !== "") errors.push({ field: def.key, key: "importNotInList", list: def.list });
      raw[def.key] = code ?? undefined;
    } else if (def.type === "session") {
      // A price committee session by the day it is held: one in preparation, whose attendance may change.
      const day = v === "" ? null : toIsoDate(v);
      const id = day ? lookups.sessions.get(day) : undefined;
      if (v === "") errors.push({ field: def.key, key: "required" });
      else if (!day) errors.push({ field: def.key, key: "dateInvalid" });
      else if (id === undefined) errors.push({ field: def.key, key: "importSessionUnknown", values: { name: v } });
      else if (id === null) errors.push({ field: def.key, key: "importSessionAmbiguous", values: { name: v } });
      raw[formFieldOf(kind, def.key)] = id ?? "";
    } else if (def.type === "commune") {
      // Market prices: the commune first (its catalogue and villages are the next columns' lists).
      const id = v === "" ? lookups.defaultCommune : (lookups.communes.get(normalise(v)) ?? lookups.communes.get(v));
      if (v === "" && id === null) errors.push({ field: def.key, key: "importCommuneRequired" });
      else if (id === undefined) errors.push({ field: def.key, key: unknownKeys.commune, values: { name: v } });
      else if (id === null) errors.push({ field: def.key, key: "importNameAmbiguous", values: { name: v } });
      communeId = id ?? null;
      raw[formFieldOf(kind, def.key)] = communeId ? lookups.communeSlugs.get(communeId) : "";
    } else if (isNamedType(def.type)) {
      const t = def.type;
      const map =
        t === "group"
          ? lookups.groups
          : t === "village"
            ? lookups.villages
            : t === "activity"
              ? lookups.activities
              : ((t === "product" ? lookups.products : lookups.places).get(communeId ?? "") ?? new Map<string, string | null>());
      const id = v === "" ? undefined : (map.get(normalise(v)) ?? map.get(v));
      if (v === "") errors.push({ field: def.key, key: "required" });
      // Without a known commune, its products and villages are not checked (the commune's error says why).
      else if ((t === "product" || t === "place") && communeId === null) void 0;
      else if (id === undefined) errors.push({ field: def.key, key: unknownKeys[t], values: { name: v } });
      else if (id === null) errors.push({ field: def.key, key: "importNameAmbiguous", values: { name: v } });
      const unchecked = (t === "product" || t === "place") && communeId === null && v !== "";
      raw[formFieldOf(kind, def.key)] = id ?? (unchecked ? standIn[formFieldOf(kind, def.key)] : "");
    } else if (def.type === "date") {
      if (v !== "" && !toIsoDate(v)) errors.push({ field: def.key, key: "dateInvalid" });
      raw[def.key] = v === "" ? (def.required ? undefined : "") : (toIsoDate(v) ?? v);
    } else {
      raw[def.key] = v === "" && def.required ? undefined : v;
    }
  }
  // A new group may not take the name of one the organisation already has (its members and
  // ledger lines are imported by that name).
  if (kind === "groups" && values.name && lookups.groupNames.has(normalise(values.name))) {
    errors.push({ field: "name", key: "importGroupExists", values: { name: values.name } });
  }
  let input: Record<string, unknown> | null = null;
  const schema = schemas[kind];
  // The form's schema checks its cross-field rules only once each field is valid: the fields
  // already in error are stood in for by valid values, and the schema asked again, so that every
  // problem of the row is reported at once.
  let attempt: Record<string, unknown> = kind === "members" ? { ...raw, mode: "new" } : { ...raw };
  for (let round = 0; round < 3; round++) {
    const parsed = schema.safeParse(attempt);
    if (parsed.success) {
      if (round === 0) input = parsed.data;
      break;
    }
    let added = false;
    for (const issue of parsed.error.issues) {
      const field = importFieldOf(kind, String(issue.path[0] ?? ""));
      if (errors.some((e) => e.field === field)) continue;
      const key = /^[a-zA-Z][\w.]*$/.test(issue.message) ? issue.message : "invalid";
      errors.push({ field, key });
      added = true;
    }
    if (!added) break;
    attempt = { ...attempt };
    for (const e of errors) {
      const f = formFieldOf(kind, e.field);
      attempt[f] = standIn[f] ?? attempt[f];
    }
  }
  if (errors.length > 0) input = null;
  const natural =
    kind === "members"
      ? ["members", raw.groupId, normalise(values.name ?? ""), values.birthYear, raw.settlementId].join("|")
      : kind === "groups"
        ? ["groups", normalise(values.name ?? "")].join("|")
        : kind === "observations"
          ? // The same price at the same market on the same day is the same observation.
            ["observations", communeId, raw.productId, raw.placeId, raw.observedOn, (values.price ?? "").replace(/\s/g, ""), raw.currency].join("|")
          : kind === "attendance"
            ? // A person attends a session once, for one constituency.
              ["attendance", raw.sessionId, normalise(values.name ?? ""), raw.constituency].join("|")
            : ["ledger", raw.groupId, raw.kind, raw.occurredOn, (values.amount ?? "").replace(/\s/g, ""), raw.currency, normalise(values.note ?? "")].join("|");
  return { errors, input, natural };
}

/**
 * A row's key: the Kobo submission's `_uuid`; else a hash of the row's natural key (a member:
 * group, name, birth year, village; a group: its name; a ledger line: its whole content and, for the same line
 * twice in a file, which occurrence it is). The same file imported again has the same keys.
 */
export function rowKey(koboUuid: string | undefined, natural: string, occurrence: number): string {
  if (koboUuid) return `kobo:${koboUuid.trim().toLowerCase()}`;
  return createHash("sha256").update(`${natural}#${occurrence}`).digest("hex");
}

import { sql } from "drizzle-orm";
import { check, date, index, integer, pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { places } from "./places";
import { organisations } from "./tenancy";

export const householdStatus = pgEnum("household_status", ["host", "refugee_out_of_camp", "refugee_in_camp", "returnee"]);
export const sex = pgEnum("sex", ["female", "male"]);
/** Washington Group Short Set answer; "not_asked" keeps a missing answer distinct from "none". */
export const wgAnswer = pgEnum("wg_answer", ["none", "some", "a_lot", "cannot", "not_asked"]);

/** A household, recorded by the NGO that supports it. */
export const households = pgTable(
  "households",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    settlementId: uuid("settlement_id")
      .notNull()
      .references(() => places.id),
    size: integer("size").notNull(),
    status: householdStatus("status").notNull(),
    /** Cash-transfer beneficiary since this date; null when not a beneficiary. */
    cashTransferSince: date("cash_transfer_since"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("households_ngo_idx").on(t.ngoOrgId), check("households_size_positive", sql`${t.size} between 1 and 99`)],
);

/** A person with the six WG-SS answers; the disability flag is derived (lib/wgss.ts), never stored. */
export const people = pgTable(
  "people",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    householdId: uuid("household_id").references(() => households.id),
    name: text("name").notNull(),
    sex: sex("sex").notNull(),
    birthYear: integer("birth_year").notNull(),
    wgSeeing: wgAnswer("wg_seeing").notNull().default("not_asked"),
    wgHearing: wgAnswer("wg_hearing").notNull().default("not_asked"),
    wgWalking: wgAnswer("wg_walking").notNull().default("not_asked"),
    wgCognition: wgAnswer("wg_cognition").notNull().default("not_asked"),
    wgSelfCare: wgAnswer("wg_self_care").notNull().default("not_asked"),
    wgCommunication: wgAnswer("wg_communication").notNull().default("not_asked"),
    version: integer("version").notNull().default(1),
    /** Archived: out of pickers and new memberships (migration 0033), history and figures kept. */
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** A duplicate merged into this person (issue 14.4): archived, its memberships and aids moved; same NGO, never a chain (migration 0055). */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => people.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("people_ngo_idx").on(t.ngoOrgId),
    index("people_household_idx").on(t.householdId),
    index("people_merged_into_idx")
      .on(t.mergedIntoId)
      .where(sql`${t.mergedIntoId} is not null`),
    check("people_birth_year_range", sql`${t.birthYear} between 1900 and 2100`),
    check("people_not_merged_into_self", sql`${t.mergedIntoId} <> ${t.id}`),
    check("people_merged_is_archived", sql`${t.mergedIntoId} is null or ${t.archivedAt} is not null`),
  ],
);

/**
 * The kinds of technical aid (reference data, named in the three languages, each under the
 * Washington Group domain it answers or "other"): a technical aid is one of them, so the
 * inclusion tables count kinds, not spellings.
 */
export const aidTypes = pgTable(
  "aid_types",
  {
    code: text("code").primaryKey(),
    domain: text("domain").notNull(),
    nameFr: text("name_fr").notNull(),
    nameAr: text("name_ar").notNull(),
    nameEn: text("name_en").notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [check("aid_types_domain", sql`${t.domain} in ('seeing', 'hearing', 'walking', 'cognition', 'selfCare', 'communication', 'other')`)],
);

/** Technical aids received by a person (wheelchair, glasses, hearing aid, adapted tools...). */
export const technicalAids = pgTable(
  "technical_aids",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ngoOrgId: uuid("ngo_org_id")
      .notNull()
      .references(() => organisations.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    aidType: text("aid_type")
      .notNull()
      .references(() => aidTypes.code),
    /** What the aid is, in the recorder's words, when the list's kind needs it ("other", a model). */
    details: text("details"),
    receivedOn: date("received_on").notNull(),
  },
  (t) => [index("technical_aids_person_idx").on(t.personId), check("technical_aids_details_length", sql`char_length(${t.details}) <= 80`)],
);

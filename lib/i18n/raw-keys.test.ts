import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  activityKind,
  customerCommunity,
  groupStatus,
  householdStatus,
  ledgerKind,
  memberRole,
  noticeChannel,
  orgType,
  placeLevel,
  priceSessionStatus,
  profitRule,
  purchaseOrderStatus,
  settlementCommunity,
  sex,
  wgAnswer,
  constituency,
} from "@/db/schema";
import { communities, perceptionIndicators } from "@/lib/cohesion/indicators";
import { amountKinds } from "@/lib/groups/plausibility";
import { declaredMetrics } from "@/lib/groups/schema";
import { breakdowns } from "@/lib/inclusion/breakdowns";
import { pictogramKeys } from "@/lib/prices/pictograms";
import { productCategories } from "@/lib/prices/schema";
import { wgDomains } from "@/lib/wgss";
import { historyFields } from "@/lib/records/fields";
import { distributionStatus } from "@/db/schema";
import { explainMethods } from "@/lib/meetings/schema";
import { loadMessages } from "./catalogues";
import { scanKeyUses, type KeyUse } from "./key-scan";
import { locales } from "./locales";

/**
 * Keys built at run time, by where they are built: the namespace (a whole key from a value, as
 * `tt(org.type)`) or the namespace and the template's fixed start (`t(\`by.${b}\`)`), with the
 * values that may fill them: an enum of the database or the code, or the list the component
 * writes. A new dynamic key fails this test until its values are declared here.
 */
const dynamicKeys: Record<string, readonly string[]> = {
  orgTypes: orgType.enumValues,
  roles: memberRole.enumValues,
  groupStatus: groupStatus.enumValues,
  profitRules: profitRule.enumValues,
  activityKinds: activityKind.enumValues,
  ledgerKinds: ledgerKind.enumValues,
  householdStatus: householdStatus.enumValues,
  disabilityStatus: ["disability", "no_disability", "unknown", "too_young"], // lib/wgss.ts DisabilityStatus
  wg: [...wgDomains, ...wgAnswer.enumValues],
  group: sex.enumValues, // t(m.sex)
  communities: customerCommunity.enumValues,
  home: settlementCommunity.enumValues, // t(s.community)
  places: placeLevel.enumValues,
  metrics: declaredMetrics,
  languages: locales,
  exports: ["csv", "xlsx"],
  coaching: ["group", "rulesRespected", "booksKept", "stockChecked", "score", "comments"], // components/coaching/evaluations-card.tsx
  "prices.constituencies": constituency.enumValues,
  "prices.channel.": noticeChannel.enumValues,
  "prices.orderStatus.": purchaseOrderStatus.enumValues,
  "prices.sessionStatus.": priceSessionStatus.enumValues,
  "prices.categories.": productCategories,
  "prices.pictograms.": pictogramKeys,
  "limits.kinds.": amountKinds,
  "records.fields.": historyFields,
  "meetings.statuses.": distributionStatus.enumValues,
  "meetings.methods.": explainMethods,
  "records.sexes.": sex.enumValues,
  "records.categories.": productCategories,
  "inclusion.by.": breakdowns,
  "inclusion.figure.": ["members", "womenPct", "disabledPct", "refugeesPct", "neverIncluded", "withoutAid"], // its page's headline
  "inclusion.def.": ["cutoff", "cycle", "never", "aids", "places"], // its page's definitions
  "advocacy.figure.": ["revenueXof", "revenueMru", "groups", "members", "womenPct", "disabledPct", "refugeesPct", "disabledManagers", "mixedGroups", "trust"],
  "advocacy.community.": communities,
  "cohesion.community.": communities,
  "compare.sets.": ["organisation", "cohesion", "revenue", "inclusion"], // the ids of compareColumnSets (lib/compare/columns.ts), named when unavailable
  "cohesion.indicator.": [...perceptionIndicators, "disputes_referred", "disputes_resolved"],
};

/**
 * Keys that come from the server's answer (zod schemas and AppError codes, as `state.formError.key`)
 * and the audit vocabulary: checked by their own tests (audit-vocabulary.test.ts) and shown
 * through FormStatus; a name here must say where.
 */
const checkedElsewhere = new Set(["errors", "messages", "audit.actions.", "audit.entities."]);

type Catalogue = Record<string, unknown>;
const lookup = (catalogue: Catalogue, path: string): unknown =>
  path.split(".").reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Catalogue)[part] : undefined), catalogue);

const uses = scanKeyUses(process.cwd(), ["app", "components"]);
const where = (u: KeyUse) => `${u.file}:${u.line} ${u.ns ? `${u.ns}.` : ""}${u.key}`;
const full = (ns: string, key: string) => (ns ? `${ns}.${key}` : key);

/** The string literals of a conditional argument (`cond ? "a" : "b"`), or none. */
const literalsOf = (expression: string) =>
  /^[\w.!?\s]+\?\s*"[^"]+"\s*:\s*"[^"]+"$/.test(expression) ? [...expression.matchAll(/"([^"]+)"/g)].map((m) => m[1]) : null;

describe("the key scan", () => {
  it("reads each component's own translator, several at once, inline ones, templates and expressions", () => {
    const root = mkdtempSync(path.join(tmpdir(), "keys-"));
    mkdirSync(path.join(root, "app"));
    writeFileSync(
      path.join(root, "app", "page.tsx"),
      [
        'export async function A() { const t = await getTranslations("home"); return t("title") + t.has("x"); }',
        'export function B({ s }) { const t = useTranslations("places"); return [t(`level.${s}`), t(s.kind), t.rich("rich")]; }',
        'export async function C() { const [t, tg, locale] = [await getTranslations("a"), await getTranslations({ locale, namespace: "b" }), await getLocale()];',
        '  return t("one") + tg("two") + (await getTranslations("c"))("three"); }',
      ].join("\n"),
    );
    const found = scanKeyUses(root, ["app"]).map((u) => `${u.line} ${u.kind} ${u.ns}:${u.key}`);
    expect(found.sort()).toEqual(
      [
        "1 literal home:title",
        "2 expression places:s.kind",
        "2 literal places:rich",
        "2 template places:level.${s}",
        "4 literal a:one",
        "4 literal b:two",
        "4 literal c:three",
      ].sort(),
    );
  });
});

describe("no page shows a raw message key", () => {
  it("finds the translators of the pages and components", () => {
    expect(uses.filter((u) => u.kind === "literal").length).toBeGreaterThan(500);
    expect(uses.some((u) => u.kind === "template")).toBe(true);
  });

  it("every key written in app/ and components/ exists in French, Arabic and English", async () => {
    const missing: string[] = [];
    for (const locale of locales) {
      const catalogue = await loadMessages(locale);
      for (const u of uses) {
        const keys = u.kind === "literal" ? [u.key] : u.kind === "expression" ? (literalsOf(u.key) ?? []) : [];
        for (const k of keys) if (typeof lookup(catalogue, full(u.ns, k)) !== "string") missing.push(`${locale}: ${where(u)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every key built at run time is declared with its values, and each value has its text in all three", async () => {
    const undeclared: string[] = [];
    const missing: string[] = [];
    const catalogues = await Promise.all(locales.map((l) => loadMessages(l)));
    for (const u of uses) {
      if (u.kind === "literal" || (u.kind === "expression" && literalsOf(u.key))) continue;
      // A template: the namespace and its fixed start (`by.${b}` -> "inclusion.by."); an
      // expression: the whole key is a value of the namespace's enum.
      const [start, end] = u.kind === "template" ? [u.key.slice(0, u.key.indexOf("${")), u.key.slice(u.key.lastIndexOf("}") + 1)] : ["", ""];
      const id = u.kind === "template" ? full(u.ns, start) : u.ns;
      if (checkedElsewhere.has(id)) continue;
      const values = dynamicKeys[id];
      if (!values || (u.kind === "template" && u.key.indexOf("${") !== u.key.lastIndexOf("${"))) {
        undeclared.push(where(u));
        continue;
      }
      catalogues.forEach((c, i) => {
        for (const v of values) if (typeof lookup(c, full(u.ns, `${start}${v}${end}`)) !== "string") missing.push(`${locales[i]}: ${where(u)} with ${v}`);
      });
    }
    expect(undeclared).toEqual([]);
    expect(missing).toEqual([]);
  });
});

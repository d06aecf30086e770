import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "./locales";

/**
 * The audit trail speaks the reader's language (issue 13): every action and object the code
 * records (`action: "…"`, `entity: "…"` in lib/) has its label in every catalogue.
 */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

const code = sources(path.join(process.cwd(), "lib")).map((f) => readFileSync(f, "utf8"));
const written = (field: string) => [...new Set(code.flatMap((src) => [...src.matchAll(new RegExp(`\\b${field}: "([a-z_.]+)"`, "g"))].map((m) => m[1])))].sort();

describe("audit vocabulary", () => {
  const actions = written("action");
  const entities = written("entity");

  it("finds what the code records", () => {
    expect(actions).toContain("ledger.void");
    expect(actions).toContain("prices.attendee.add");
    expect(entities).toContain("ledger_entry");
  });

  for (const locale of locales) {
    it(`labels every recorded action and object in ${locale}`, () => {
      const { audit } = JSON.parse(readFileSync(path.join(process.cwd(), `lib/i18n/messages/${locale}/audit.json`), "utf8")) as {
        audit: { actions: Record<string, string>; entities?: Record<string, string> };
      };
      expect(actions.filter((a) => !audit.actions[a.replace(/\./g, "_")])).toEqual([]);
      expect(entities.filter((e) => !audit.entities?.[e])).toEqual([]);
    });
  }
});

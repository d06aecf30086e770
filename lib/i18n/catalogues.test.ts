import { describe, expect, it } from "vitest";
import { loadMessages } from "./catalogues";
import { locales } from "./locales";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("message catalogues", () => {
  it("have the same keys in French, Arabic and English", async () => {
    const [fr, ...others] = await Promise.all(locales.map((l) => loadMessages(l)));
    const frKeys = keys(fr).sort();
    for (const o of others) expect(keys(o).sort()).toEqual(frKeys);
  });

  it("have no empty message", async () => {
    for (const l of locales) {
      const m = await loadMessages(l);
      for (const k of keys(m)) {
        const v = k.split(".").reduce<unknown>((acc, part) => (acc as Record<string, unknown>)[part], m);
        expect(typeof v === "string" && v.trim().length > 0, `${l}:${k}`).toBe(true);
      }
    }
  });
});

describe("area catalogues", () => {
  it("never give the same key two different texts (merged namespaces would hide one)", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const path = await import("node:path");
    for (const l of locales) {
      const dir = path.join(import.meta.dirname, "messages", l);
      const seen = new Map<string, string>();
      for (const f of readdirSync(dir)) {
        const data = JSON.parse(readFileSync(path.join(dir, f), "utf8")) as Record<string, Record<string, unknown>>;
        for (const [ns, entries] of Object.entries(data)) {
          for (const [k, v] of Object.entries(entries)) {
            const id = `${ns}.${k}`;
            const text = JSON.stringify(v);
            if (seen.has(id)) expect(text, `${l}:${id} in ${f}`).toBe(seen.get(id));
            seen.set(id, text);
          }
        }
      }
    }
  });
});

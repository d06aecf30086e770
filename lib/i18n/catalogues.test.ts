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

/**
 * The client forms' catalogue (errors and server messages) is sent only with pages that have
 * client forms (components/i18n/form-messages.tsx); the root layout passes just what the error
 * boundary says. A page that renders, directly or through any component it imports, a client
 * component reading the catalogue (`useTranslations` in a "use client" module) must wrap itself
 * in withFormMessages, or its form would show raw keys. This walks the import graph of app/ and
 * components/ and names every page that forgets.
 */
import { readdirSync, readFileSync, statSync, existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return name === "node_modules" ? [] : files(p);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  const base = spec.startsWith("@/") ? join(root, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(from), spec) : null;
  if (!base) return null;
  for (const c of [base, `${base}.tsx`, `${base}.ts`, join(base, "index.tsx"), join(base, "index.ts")]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return null;
}

const source = new Map<string, string>();
const read = (f: string) => source.get(f) ?? (source.set(f, readFileSync(f, "utf8")), source.get(f)!);
const importsOf = (f: string) =>
  [...read(f).matchAll(/(?:import|export)[^"']*?from\s*["']([^"']+)["']/g)].map((m) => resolveImport(f, m[1])).filter((x): x is string => x !== null);

/** A client module that reads the catalogue itself. */
const readsCatalogue = (f: string) => /^\s*["']use client["']/m.test(read(f)) && /useTranslations\(/.test(read(f));

/** The client modules reading the catalogue that `page` renders, through any chain of imports. */
function catalogueReaders(page: string): string[] {
  const seen = new Set<string>([page]);
  const stack = [page];
  const found: string[] = [];
  while (stack.length > 0) {
    const f = stack.pop()!;
    for (const dep of importsOf(f)) {
      if (seen.has(dep) || !/\/(app|components)\//.test(dep)) continue;
      seen.add(dep);
      if (readsCatalogue(dep)) found.push(relative(root, dep));
      stack.push(dep);
    }
  }
  return found;
}

describe("the forms' catalogue reaches every page with a client form", () => {
  const pages = files(join(root, "app")).filter((f) => /\/page\.tsx$/.test(f));

  it("finds the pages with client forms (the check itself can see them)", () => {
    const withForms = pages.filter((p) => catalogueReaders(p).length > 0).map((p) => relative(root, p));
    expect(withForms).toEqual(expect.arrayContaining(["app/(portal)/[org]/groups/new/page.tsx", "app/(auth)/login/page.tsx"]));
    expect(withForms.length).toBeLessThan(pages.length);
  });

  it("wraps each of them in withFormMessages", () => {
    const missing = pages
      .filter((p) => catalogueReaders(p).length > 0 && !/withFormMessages\(/.test(read(p)))
      .map((p) => `${relative(root, p)} (renders ${catalogueReaders(p).join(", ")})`);
    expect(missing).toEqual([]);
  });
});

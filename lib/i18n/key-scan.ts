/**
 * A static scan of the message keys the interface asks for (used by raw-keys.test.ts): every
 * `t("key")` of a translator bound by `getTranslations("ns")` / `useTranslations("ns")` (or
 * `{ namespace: "ns" }`, or several at once in `const [t, tg] = [await getTranslations(…), …]`),
 * and the inline `(await getTranslations("ns"))("key")`. A call belongs to the nearest binding of
 * its name above it (each component binds its own `t`). Keys built at run time are reported as
 * they are written (`by.${b}`, or the expression) for the test to check against their enums.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface KeyUse {
  file: string;
  line: number;
  ns: string;
  /** literal: `key` is the key; template: a template with `${…}`; expression: any other argument. */
  kind: "literal" | "template" | "expression";
  key: string;
}

const NS_ARG = String.raw`(?:"([^"]*)"|\{[^}]*namespace:\s*"([^"]*)"[^}]*\}|)`;
const BIND = String.raw`(?:await\s+)?(?:getTranslations|useTranslations)\(\s*${NS_ARG}\s*\)`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return f === "node_modules" ? [] : sourceFiles(p);
    return /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) ? [p] : [];
  });
}

/** "a, f(b, c), { d, e }" -> ["a", "f(b, c)", "{ d, e }"]. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of list) {
    if ("([{".includes(c)) depth++;
    if (")]}".includes(c)) depth--;
    if (c === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += c;
  }
  return [...parts, current.trim()];
}

export function scanKeyUses(root: string, dirs: readonly string[]): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const file of dirs.flatMap((d) => sourceFiles(path.join(root, d)))) {
    const src = readFileSync(file, "utf8");
    const rel = path.relative(root, file);
    const lineOf = (i: number) => src.slice(0, i).split("\n").length;
    const bindings: { name: string; ns: string; at: number }[] = [];
    for (const m of src.matchAll(new RegExp(String.raw`const\s+(\w+)\s*=\s*${BIND}`, "g"))) {
      bindings.push({ name: m[1], ns: m[2] ?? m[3] ?? "", at: m.index });
    }
    for (const m of src.matchAll(/const\s+\[([^\]]+)\]\s*=\s*\[([^\]]+)\]/g)) {
      const exprs = splitTopLevel(m[2]);
      m[1].split(",").forEach((name, i) => {
        const e = new RegExp(`^${BIND}$`).exec(exprs[i] ?? "");
        if (e) bindings.push({ name: name.trim(), ns: e[1] ?? e[2] ?? "", at: m.index });
      });
    }
    for (const m of src.matchAll(new RegExp(String.raw`\(${BIND}\)\(\s*"([^"]+)"`, "g"))) {
      uses.push({ file: rel, line: lineOf(m.index), ns: m[1] ?? m[2] ?? "", kind: "literal", key: m[3] });
    }
    for (const name of new Set(bindings.map((b) => b.name))) {
      // name("…"), name('…'), name(`…`), name(expression); name.rich/markup/raw too, never name.has.
      const call = new RegExp(String.raw`(?<![\w.$])${name}(?:\.rich|\.markup|\.raw)?\(\s*(?:"([^"]*)"|'([^']*)'|\x60([^\x60]*)\x60|([^)]*))`, "g");
      for (const m of src.matchAll(call)) {
        const binding = bindings.filter((b) => b.name === name && b.at < m.index).at(-1);
        if (!binding) continue;
        const line = lineOf(m.index);
        const literal = m[1] ?? m[2];
        if (literal !== undefined) uses.push({ file: rel, line, ns: binding.ns, kind: "literal", key: literal });
        else if (m[3] !== undefined) uses.push({ file: rel, line, ns: binding.ns, kind: m[3].includes("${") ? "template" : "literal", key: m[3] });
        else uses.push({ file: rel, line, ns: binding.ns, kind: "expression", key: m[4].trim() });
      }
    }
  }
  return uses;
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The README, SECURITY.md and ARCHITECTURE.md cite only paths that exist. A citation is a code span
 * naming a file or folder of the project (`lib/dates.ts`, `db/migrations/0008_rls.sql`, `e2e/`, a
 * migration or module by its bare name such as `0008_rls.sql` or `in-force.ts`, or a pattern such
 * as `lib/i18n/messages/<locale>/<area>.json` or `lib/*\/schema.ts`, which must match at least one
 * file). Routes (`/[org]/groups`), run-time files (`.data/…`, `backups/…`) and other machines'
 * paths (`/usr/bin/chromium`) are not files of the project and are left alone.
 */
const root = process.cwd();
const docs = ["README.md", "SECURITY.md", "ARCHITECTURE.md"];
const skipDirs = new Set(["node_modules", ".next", ".git", ".data", "test-results", "playwright-report", "backups"]);
const topLevel = ["app/", "db/", "lib/", "components/", "e2e/", "scripts/", "tests/", ".ci/"];

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (skipDirs.has(e.name)) continue;
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.isDirectory()) walk(rel, out);
    else out.push(rel);
  }
  return out;
}

const files = walk("");
const fileSet = new Set(files);

/** A cited path or pattern as a regular expression over the project's file paths. */
function patternOf(cited: string): RegExp {
  let re = "";
  for (let i = 0; i < cited.length; i++) {
    const c = cited[i];
    if (c === "<") {
      const end = cited.indexOf(">", i);
      re += "[^/]+";
      i = end;
    } else if (c === "{") {
      const end = cited.indexOf("}", i);
      re += `(?:${cited
        .slice(i + 1, end)
        .split(",")
        .map(escape)
        .join("|")})`;
      i = end;
    } else if (c === "*") {
      if (cited[i + 1] === "*") {
        re += ".*";
        i++;
      } else re += "[^/]*";
    } else if (c === "…") re += ".*";
    else re += escape(c);
  }
  return new RegExp(`^${re}${cited.endsWith("/") || cited.endsWith("…") ? ".*" : ""}$`);
}
const escape = (s: string) => s.replace(/[.+?^$()|[\]\\]/g, "\\$&");

function citations(doc: string): string[] {
  const text = readFileSync(path.join(root, doc), "utf8");
  const out = new Set<string>();
  for (const m of text.matchAll(/`([^`\s]+)`/g)) {
    const token = m[1].replace(/:\d+(-\d+)?$/, "").replace(/[),.;]+$/, "");
    const isProjectPath = topLevel.some((d) => token.startsWith(d)) || /^[\w.-]+\.(ts|tsx|mjs|sql)$/.test(token) || /^[A-Z]+\.md$/.test(token);
    if (isProjectPath) out.add(token);
  }
  return [...out];
}

function exists(cited: string): boolean {
  if (fileSet.has(cited)) return true;
  if (!cited.includes("/")) return files.some((f) => f.endsWith(`/${cited}`) || f === cited);
  const re = patternOf(cited);
  return files.some((f) => re.test(f)) || (!/[<{*…]/.test(cited) && files.some((f) => f.startsWith(cited.endsWith("/") ? cited : `${cited}/`)));
}

describe("paths cited by the documentation", () => {
  it("reads citations as a reader would (a check of the checker)", () => {
    expect(exists("lib/dates.ts")).toBe(true);
    expect(exists("0008_rls.sql")).toBe(true);
    expect(exists("lib/i18n/messages/<locale>/<area>.json")).toBe(true);
    expect(exists("lib/i18n/messages/{fr,ar,en}.json")).toBe(false);
    expect(exists("0003_rls.sql")).toBe(false);
    expect(exists("lib/prices/dates.ts")).toBe(false);
    expect(exists("db/migrations/")).toBe(true);
  });

  for (const doc of docs) {
    it(`${doc} cites only paths that exist`, () => {
      const cited = citations(doc);
      expect(cited.length).toBeGreaterThan(0);
      expect(cited.filter((c) => !exists(c))).toEqual([]);
    });
  }
});

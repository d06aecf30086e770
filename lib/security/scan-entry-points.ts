/**
 * The entry points that exist, found in the code (app/ routes and "use server" modules) and,
 * after a build, in Next's manifests: so that a new one is checked without anyone listing it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? (e.name === "node_modules" || e.name.startsWith(".") ? [] : walk(p)) : [p];
  });
}

/** "app/(portal)/[org]/members/page.tsx" -> "/[org]/members" (route groups and @slots dropped). */
export function routePattern(appRelative: string): string {
  const parts = appRelative
    .split("/")
    .slice(0, -1)
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"));
  return "/" + parts.join("/");
}

const METADATA = /^(icon|apple-icon|favicon|opengraph-image|twitter-image|robots|sitemap|manifest)\.[a-z]+$/;

export function scanCode(root: string) {
  const appDir = path.join(root, "app");
  const files = walk(appDir).map((f) => path.relative(appDir, f).split(path.sep).join("/"));
  const pages = files.filter((f) => /(^|\/)page\.(tsx|ts|jsx|js)$/.test(f)).map(routePattern);
  const routes = [
    ...files.filter((f) => /(^|\/)route\.(ts|js)$/.test(f)).map(routePattern),
    ...files.filter((f) => METADATA.test(path.basename(f))).map((f) => routePattern(f).replace(/\/$/, "") + "/" + path.basename(f)),
  ].map((r) => r.replace(/^\/\//, "/"));
  const actions: string[] = [];
  for (const dir of ["app", "lib", "components"]) {
    for (const file of walk(path.join(root, dir))) {
      if (!/\.(ts|tsx)$/.test(file) || /\.test\.tsx?$/.test(file)) continue;
      const src = readFileSync(file, "utf8");
      if (!/^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(src)) continue;
      const rel = path.relative(root, file).split(path.sep).join("/");
      for (const m of src.matchAll(/^export\s+(?:async\s+function\s*\*?|const|let|function)\s+([A-Za-z_$][\w$]*)/gm)) {
        actions.push(`${rel}#${m[1]}`);
      }
    }
  }
  return { pages: [...new Set(pages)].sort(), routes: [...new Set(routes)].sort(), actions: actions.sort() };
}

export interface BuiltAction {
  id: string;
  key: string;
  /** Pages whose worker knows the action ("app/(portal)/[org]/members/page"). */
  workers: string[];
}

/** After `next build`: the entry points Next itself will serve. */
export function scanBuild(root: string) {
  const server = path.join(root, ".next", "server");
  const paths = JSON.parse(readFileSync(path.join(server, "app-paths-manifest.json"), "utf8")) as Record<string, string>;
  const pages: string[] = [];
  const routes: string[] = [];
  for (const key of Object.keys(paths)) {
    if (/^\/_(global-error|not-found)\//.test(key)) continue;
    const pattern = routePattern(key.slice(1)).replace(/^\/$/, "/");
    if (key.endsWith("/page")) pages.push(pattern);
    else if (key.endsWith("/route")) routes.push(pattern);
  }
  const refs = JSON.parse(readFileSync(path.join(server, "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { workers: Record<string, unknown>; filename?: string; exportedName?: string }>;
  };
  const actions: BuiltAction[] = Object.entries(refs.node).map(([id, v]) => ({
    id,
    key: `${v.filename}#${v.exportedName}`,
    workers: Object.keys(v.workers),
  }));
  return { pages: [...new Set(pages)].sort(), routes: [...new Set(routes)].sort(), actions };
}

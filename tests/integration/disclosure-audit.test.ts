/**
 * Issue 11.1: the disclosure auditor. Every demo reader type that may not see people (consortium,
 * communes, the women's network; every NGO role holds people:read) signs in; every page with
 * counts of people (inclusion by activity and by village, cohesion, the advocacy sheet, the groups
 * list, every group page, the comparison and each member's drill-down) is rendered to HTML, and
 * every export of those tables is downloaded through its route. The same pages and exports are
 * rendered again with the suppression switched off (the truth, from which the auditor learns
 * which cells add up). The auditor (tests/privacy/auditor.ts) then tries to recover each hidden
 * cell by elimination and bounds over every sum of the page; it must recover none, and no cell
 * shown "<5" may hold 0 or 5 and more.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { createFormatter, createTranslator } from "next-intl";
import { loadMessages } from "@/lib/i18n/catalogues";
import { toLocale } from "@/lib/i18n/locales";
import type { CurrentUser } from "@/lib/auth/session-store";
import { dashboardTableIds } from "@/lib/cohesion/dashboard";
import { inclusionTableIds } from "@/lib/inclusion/dashboard";
import { rowsOf } from "@/db/app-role";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";
import { renderHtml } from "../render";
import { auditPage, describeFinding, learnRelations, tablesOfHtml, type Finding, type SeenTable } from "../privacy/auditor";
import { csvOf } from "./exports-helpers";
import { truth } from "../privacy/truth";

process.env.AUTH_SECRET ??= "test-secret-for-disclosure-audit-0123456789";

const request = { headers: new Headers(), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => request.user,
}));
// Hundreds of downloads by one user: the export limit is tested elsewhere (rate-limits.test.ts).
vi.mock("@/lib/rate-limit", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/rate-limit")>()),
  hitRateLimit: async () => ({ allowed: true, retryAfterSeconds: 0 }),
}));
vi.mock("next-intl/server", () => ({
  getLocale: async () => "fr",
  getMessages: async () => loadMessages("fr"),
  getTranslations: async (opts: { locale?: string; namespace?: string } | string) => {
    const o = typeof opts === "string" ? { namespace: opts } : opts;
    const locale = toLocale(o.locale ?? "fr");
    return createTranslator({ locale, messages: await loadMessages(locale), namespace: o.namespace as never });
  },
  getFormatter: async () => createFormatter({ locale: "fr", timeZone: "UTC" }),
}));
// The truth: the same pages with the disclosure policy switched off (lib/privacy/policy.ts is its one switch).
vi.mock("@/lib/privacy/policy", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/privacy/policy")>();
  return { ...real, mustSuppress: (r: Parameters<typeof real.mustSuppress>[0]) => !truth.on && real.mustSuppress(r) };
});

const readers = ["viewer@acor.demo", "viewer@fassala.demo", "viewer@bassikounou.demo", "viewer@femmes-fassala.demo"];

async function outcome<T>(p: Promise<T>): Promise<T | null> {
  try {
    return await p;
  } catch (err) {
    if (String((err as { digest?: string }).digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return null;
    throw err;
  }
}

describe(`disclosure auditor on ${backend}`, () => {
  let db: TestDb;
  const users = new Map<string, CurrentUser>();
  const signIn = async (email: string) => {
    if (!users.has(email)) {
      users.set(email, await signedIn(db, email, "10.44.0.1"));
    }
    request.user = users.get(email)!;
  };

  type Page = { name: string; render: () => Promise<SeenTable[] | null> };
  const page = (
    name: string,
    load: () => Promise<{ default: (p: never) => Promise<unknown> }>,
    params: Record<string, string>,
    search: Record<string, string> = {},
  ): Page => ({
    name,
    render: async () => {
      const { default: Page } = await load();
      const node = await outcome(Page({ params: Promise.resolve(params), searchParams: Promise.resolve(search) } as never));
      return node == null ? null : tablesOfHtml(await renderHtml(node), name);
    },
  });
  const download = (path: string): Page => ({
    name: path,
    render: async () => {
      const url = new URL(`http://localhost:3000${path}`);
      const [, org, , kind, table] = url.pathname.split("/");
      const route =
        kind === "groups"
          ? await import("@/app/(portal)/[org]/export/groups/route")
          : kind === "cohesion"
            ? await import("@/app/(portal)/[org]/export/cohesion/[table]/route")
            : kind === "inclusion"
              ? await import("@/app/(portal)/[org]/export/inclusion/[table]/route")
              : await import("@/app/(portal)/[org]/export/compare/route");
      const res = await route.GET(new NextRequest(url), { params: Promise.resolve({ org, table: table ?? "" }) });
      if (res.status !== 200) return null;
      const { table: rows } = csvOf(new Uint8Array(await res.arrayBuffer()));
      const body = rows.filter((r) => r.length > 1 || r[0] !== "");
      return [{ name: path, columns: body[0], rows: body.slice(1).filter((r) => !r.every((c) => c.startsWith("#") || c === "")) }];
    },
  });

  function pagesOf(slug: string, groupIds: string[], members: string[]): Page[] {
    const inclusion = () => import("@/app/(portal)/[org]/inclusion/page");
    const pages: Page[] = [
      page(`${slug} inclusion by activity`, inclusion, { org: slug }, { by: "activity" }),
      page(`${slug} inclusion by village`, inclusion, { org: slug }, { by: "village" }),
      page(`${slug} cohesion`, () => import("@/app/(portal)/[org]/cohesion/page"), { org: slug }),
      page(`${slug} advocacy`, () => import("@/app/(portal)/[org]/advocacy/page"), { org: slug }),
      page(`${slug} groups`, () => import("@/app/(portal)/[org]/groups/page"), { org: slug }),
      ...groupIds.map((g) => page(`${slug} group ${g.slice(0, 8)}`, () => import("@/app/(portal)/[org]/groups/[groupId]/page"), { org: slug, groupId: g })),
      ...inclusionTableIds.flatMap((t) => ["activity", "village"].map((by) => download(`/${slug}/export/inclusion/${t}?by=${by}&format=csv&lang=fr`))),
      ...dashboardTableIds.map((t) => download(`/${slug}/export/cohesion/${t}?format=csv&lang=fr`)),
      download(`/${slug}/export/groups?format=csv&lang=fr`),
    ];
    if (slug === "acor") {
      pages.push(
        page(`${slug} compare`, () => import("@/app/(portal)/[org]/compare/page"), { org: slug }),
        download(`/${slug}/export/compare?format=csv&lang=fr`),
      );
      for (const m of members) {
        pages.push(page(`${slug} compare ${m}`, () => import("@/app/(portal)/[org]/compare/[member]/page"), { org: slug, member: m }));
        pages.push(...inclusionTableIds.map((t) => download(`/${slug}/export/inclusion/${t}?by=activity&member=${m}&format=csv&lang=fr`)));
      }
    }
    return pages;
  }

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    await serve(db, { owner: true });
  });
  afterAll(() => unserve(db));
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
    truth.on = false;
  });

  it("recovers no hidden cell on any page or export of any reader without people:read", async () => {
    const groupIds = rowsOf<{ id: string }>(await db.db.execute(sql`select id::text from groups order by name`)).map((r) => r.id);
    const members = rowsOf<{ slug: string }>(await db.db.execute(sql`select o.slug from organisations o where o.type <> 'consortium' order by o.slug`)).map(
      (r) => r.slug,
    );
    const replayed: { email: string; seen: SeenTable[]; real: SeenTable[] }[] = [];
    for (const email of readers) {
      await signIn(email);
      const slug = email.split("@")[1].replace(".demo", "");
      for (const p of pagesOf(slug, groupIds, members)) {
        truth.on = false;
        const seen = await p.render();
        if (!seen) continue;
        truth.on = true;
        const real = (await p.render()) ?? [];
        truth.on = false;
        replayed.push({ email, seen, real });
      }
    }
    // A person may have difficulties in several WG-SS domains: the domains do not add up to the disabled, whatever the demo's figures.
    const fr = (await loadMessages("fr")) as unknown as { inclusion: { col: Record<string, string> } };
    const col = fr.inclusion.col;
    const domains = new Set(
      Object.entries(col)
        .filter(([k]) => k.startsWith("wg_"))
        .map(([, v]) => v),
    );
    const relations = learnRelations(
      replayed.flatMap((r) => r.real),
      (target, parts) => target === col.disabled && parts.some((p) => domains.has(p)),
    );
    if (process.env.AUDIT_DEBUG)
      for (const [k, v] of relations.cols)
        console.log("REL", k, JSON.stringify(v), [...(relations.totals.get(k) ?? [])].join(";"), JSON.stringify(relations.rows.get(k)));
    const findings: string[] = [];
    const audited = replayed.reduce((n, r) => n + r.seen.length, 0);
    const hiddenSeen = replayed.flatMap((r) => r.seen.flatMap((t) => t.rows.flat())).filter((c) => c === "<5" || c === "•").length;
    for (const r of replayed) findings.push(...auditPage(r.seen, r.real, relations).map((f: Finding) => `${r.email}: ${describeFinding(f)}`));
    console.log(`disclosure audit: ${audited} tables, ${hiddenSeen} hidden cells, ${findings.length} findings`);
    if (findings.length) console.log(findings.join("\n"));
    expect(audited, "tables audited").toBeGreaterThan(100);
    expect(hiddenSeen, "the demo has hidden cells to attack").toBeGreaterThan(10);
    expect(findings).toEqual([]);
  }, 900_000);
});

/**
 * Rate limits and the public board's token (issue 11.6), through the real paths: the public
 * board's page function, the export route handlers, the 429 route handler, the board-link server
 * action, and the application role's view of `public_boards` (PGlite, or PostgreSQL with
 * DATABASE_OWNER_URL/DATABASE_URL). Only Next's request scope (headers, cache revalidation), the
 * session lookup and next-intl's request config are stood in for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { publicBoards, rateLimits } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { BOARD_RULE, EXPORT_RULE, hitRateLimit } from "@/lib/rate-limit";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";
import { sqlState } from "../refusals";
import { request } from "../request-scope";

process.env.AUTH_SECRET ??= "test-secret-for-rate-limits-0123456789abcdef";

// Next's request scope, as a request would give it (tests/request-scope.ts).
vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (original) => (await import("../request-scope")).session(await original<object>()));
vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());

/** What a page function threw: Next's 404 or redirect. */
async function outcome(p: Promise<unknown>): Promise<{ kind: "page" } | { kind: "404" } | { kind: "redirect"; to: string }> {
  try {
    await p;
    return { kind: "page" };
  } catch (err) {
    const digest = String((err as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "404" };
    if (digest.startsWith("NEXT_REDIRECT")) return { kind: "redirect", to: digest.split(";")[2] };
    throw err;
  }
}

/** Wait, if needed, so that a burst fits in one fixed window of the rule. */
async function freshWindow(windowSeconds: number, needSeconds: number) {
  const left = windowSeconds * 1000 - (Date.now() % (windowSeconds * 1000));
  if (left < needSeconds * 1000) await new Promise((r) => setTimeout(r, left + 50));
}

describe(`rate limits and the public board's token on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;

  const signIn = (email: string) => signedIn(db, email, "10.90.0.1");
  const boardPage = async (token: string, address: string) => {
    const { default: PublicBoard } = await import("@/app/board/[token]/page");
    request.headers = new Headers({ "x-forwarded-for": address });
    return outcome(PublicBoard({ params: Promise.resolve({ token }), searchParams: Promise.resolve({ lang: "fr" }) }));
  };
  const setBoardLink = async (mode: "enable" | "disable" | "regenerate") => {
    const { setBoardLinkAction } = await import("@/lib/prices/actions");
    const form = new FormData();
    form.set("org", "fassala");
    form.set("mode", mode);
    const r = await setBoardLinkAction({ status: "idle" } as never, form);
    expect(r.status, JSON.stringify(r)).toBe("ok");
  };
  const liveToken = async () =>
    (
      await db.db
        .select()
        .from(publicBoards)
        .where(and(eq(publicBoards.communeOrgId, ids.orgs.fassala), isNull(publicBoards.revokedAt)))
    )[0]?.token ?? null;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    // The application's database handle (db/index.ts) is this test database; no read replica.
    await serve(db, { owner: true });
  });
  afterAll(() => unserve(db));
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
  });

  it("a disabled board's token is dead for good; enabling again makes a new token", async () => {
    request.user = await signIn("admin@fassala.demo");
    await setBoardLink("enable");
    const first = await liveToken();
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(await boardPage(first, "198.51.100.1")).toEqual({ kind: "page" });

    await setBoardLink("disable");
    expect(await liveToken()).toBeNull();
    expect(await boardPage(first, "198.51.100.1")).toEqual({ kind: "404" });

    await setBoardLink("enable");
    const second = await liveToken();
    expect(second).not.toBe(first);
    expect(await boardPage(second, "198.51.100.1")).toEqual({ kind: "page" });
    expect(await boardPage(first, "198.51.100.1")).toEqual({ kind: "404" });

    // Regenerating kills the live token too.
    await setBoardLink("regenerate");
    const third = await liveToken();
    expect([first, second]).not.toContain(third);
    expect(await boardPage(second, "198.51.100.1")).toEqual({ kind: "404" });
    expect(await boardPage(third, "198.51.100.1")).toEqual({ kind: "page" });

    // Nobody revives a dead token, not even the commune itself nor the owner: the database refuses.
    expect(
      await sqlState(db.asApp({ orgId: ids.orgs.fassala }, (tx) => tx.update(publicBoards).set({ revokedAt: null }).where(eq(publicBoards.token, first)))),
    ).toBe("TK010");
    expect(await sqlState(db.db.update(publicBoards).set({ revokedAt: null }).where(eq(publicBoards.token, first)))).toBe("TK010");
    expect(await sqlState(db.db.delete(publicBoards).where(eq(publicBoards.token, first)))).toBe("TK010");
    expect(await boardPage(first, "198.51.100.1")).toEqual({ kind: "404" });
  }, 120_000);

  it("only the commune reads its board token: other organisations get nothing as the application role", async () => {
    const token = await liveToken();
    expect(token).toBeTruthy();
    const tokensSeenBy = (slug: keyof DemoIds["orgs"]) =>
      db.asApp({ orgId: ids.orgs[slug], userId: null }, async (tx) => (await tx.select({ token: publicBoards.token }).from(publicBoards)).map((r) => r.token));
    // The consortium and the NGOs working in Fassala read Fassala's price settings, not its token.
    for (const slug of ["acor", "adicor", "femmes-fassala", "bassikounou", "ong-sahel"] as const) {
      expect(await tokensSeenBy(slug), slug).toEqual([]);
    }
    expect(await tokensSeenBy("fassala")).toContain(token);
    // Not through price_settings either: the token is no longer a column there.
    const cols = await db.db.execute(
      sql`select column_name from information_schema.columns where table_name = 'price_settings' and column_name like '%token%'`,
    );
    expect(((cols as { rows?: unknown[] }).rows ?? (cols as unknown[])).length).toBe(0);
    // Nor can another organisation plant a token for the commune.
    await expect(
      db.asApp({ orgId: ids.orgs.adicor }, (tx) => tx.insert(publicBoards).values({ token: "planted-token-0000000000000", communeOrgId: ids.orgs.fassala })),
    ).rejects.toThrow();
  });

  it("the board answers at most its limit per address and token, also to parallel requests; then 429 with Retry-After", async () => {
    const token = await liveToken();
    await freshWindow(BOARD_RULE.windowSeconds, 25);
    const burst = BOARD_RULE.limit + 15;
    const { default: PublicBoard } = await import("@/app/board/[token]/page");
    request.headers = new Headers({ "x-forwarded-for": "203.0.113.7" });
    const results = await Promise.all(
      Array.from({ length: burst }, () => outcome(PublicBoard({ params: Promise.resolve({ token }), searchParams: Promise.resolve({ lang: "ar" }) }))),
    );
    expect(results.filter((r) => r.kind === "page")).toHaveLength(BOARD_RULE.limit);
    const refused = results.filter((r): r is { kind: "redirect"; to: string } => r.kind === "redirect");
    expect(refused).toHaveLength(burst - BOARD_RULE.limit);
    // Another address still gets the board; the same address, another token is counted apart.
    expect(await boardPage(token, "203.0.113.8")).toEqual({ kind: "page" });
    expect(await boardPage("dead-or-guessed-token-000000", "203.0.113.7")).toEqual({ kind: "404" });

    // The page sends the reader to the 429 answer, translated, with Retry-After.
    expect(refused[0].to).toMatch(/^\/too-many-requests\?retry=\d+&lang=ar$/);
    const { GET } = await import("@/app/too-many-requests/route");
    const res = await GET(new NextRequest(`http://localhost:3000${refused[0].to}`));
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(BOARD_RULE.windowSeconds);
    const html = await res.text();
    expect(html).toContain('dir="rtl"');
    expect(html).toContain("طلبات كثيرة جدًا");
    // The bucket holds a hash, never the token itself (rate_limits has no row-level security).
    const buckets = (await db.db.select({ b: rateLimits.bucket }).from(rateLimits)).map((r) => r.b);
    expect(buckets.some((b) => b.includes(token))).toBe(false);
  }, 120_000);

  it("exports answer at most their limit per user and organisation, also to parallel requests; then 429 with Retry-After", async () => {
    const admin = await signIn("admin@adicor.demo");
    request.user = admin;
    const { GET } = await import("@/app/(portal)/[org]/export/inclusion/[table]/route");
    const get = (table: string, org = "adicor") =>
      GET(new NextRequest(`http://localhost:3000/${org}/export/inclusion/${table}?format=csv&lang=en`), { params: Promise.resolve({ org, table }) });
    await freshWindow(EXPORT_RULE.windowSeconds, 60);
    // A real download first: allowed, a CSV.
    const ok = await get("sex");
    expect(ok.status).toBe(200);
    // Then a parallel burst (of requests the handler answers cheaply, 404 for an unknown table:
    // every authorised request counts, whatever it asks).
    const burst = EXPORT_RULE.limit + 10;
    const statuses = await Promise.all(Array.from({ length: burst }, () => get("no-such-table").then((r) => r.status)));
    expect(statuses.filter((s) => s === 404)).toHaveLength(EXPORT_RULE.limit - 1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(burst - EXPORT_RULE.limit + 1);
    // The N+1th real download is refused, with Retry-After and a translated message.
    const refused = await get("sex");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(EXPORT_RULE.windowSeconds);
    expect(await refused.text()).toContain("Too many requests");
    // Other export routes share the user's budget in this organisation.
    const cohesion = await import("@/app/(portal)/[org]/export/cohesion/[table]/route");
    const c = await cohesion.GET(new NextRequest("http://localhost:3000/adicor/export/cohesion/trend?format=csv"), {
      params: Promise.resolve({ org: "adicor", table: "trend" }),
    });
    expect(c.status).toBe(429);
    expect(await c.text()).toContain("Trop de demandes");
    // So does the printable advocacy sheet (a page: it sends the reader to the 429 answer).
    const { default: AdvocacyPage } = await import("@/app/(portal)/[org]/advocacy/page");
    const sheet = await outcome(AdvocacyPage({ params: Promise.resolve({ org: "adicor" }) }));
    expect(sheet).toMatchObject({ kind: "redirect" });
    expect((sheet as { to: string }).to).toMatch(/^\/too-many-requests\?retry=\d+&lang=fr$/);
    // Another user of the same organisation is counted apart.
    request.user = await signIn("viewer@adicor.demo");
    expect((await get("sex")).status).toBe(200);
    // A non-member is not counted at all: still the same 404 as before.
    request.user = await signIn("viewer@ong-sahel.demo");
    expect((await get("sex")).status).toBe(404);
  }, 180_000);

  it("counts atomically as the application role: of parallel hits, exactly the limit pass", async () => {
    const rule = { limit: 7, windowSeconds: 3600 };
    const now = new Date();
    const decisions = await Promise.all(Array.from({ length: 25 }, () => db.asApp({}, (tx) => hitRateLimit(tx, "test:parallel", rule, now))));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(rule.limit);
    const [row] = await db.db.select().from(rateLimits).where(eq(rateLimits.bucket, "test:parallel"));
    expect(row.hits).toBe(25);
  });
});

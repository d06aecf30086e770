/**
 * The read-only API for BI tools (issue 14.5) through its real route handler and the admins'
 * server actions, on a seeded database (PGlite, or PostgreSQL with DATABASE_OWNER_URL /
 * DATABASE_URL, where the portal's code runs as the application role): tokens made and revoked by
 * an admin only, the same figures and small-cell marks as the export routes, another
 * organisation's slug "not found", unknown and revoked tokens refused alike, the per-token rate
 * limit, and pages that hold every row once, walked by a sealed keyset cursor.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { DEMO_PASSWORD, demoIds, type DemoIds } from "@/db/seed/demo";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { findLiveSession, type CurrentUser } from "@/lib/auth/session-store";
import { idleState } from "@/lib/action-state";
import { API_RULE, apiBucket, hitRateLimit } from "@/lib/rate-limit";
import { hashToken } from "@/lib/api/token";
import { backend, createTestDb, type TestDb } from "../test-db";
import { csvOf } from "./exports-helpers";
import { renderHtml } from "../render";
import { request } from "../request-scope";

process.env.AUTH_SECRET ??= "test-secret-for-the-api-0123456789abcdef";

vi.mock("next/headers", async () => (await import("../request-scope")).nextHeaders());
vi.mock("next/cache", async () => (await import("../request-scope")).nextCache());
vi.mock("@/lib/auth/session", async (original) => (await import("../request-scope")).session(await original<object>()));
vi.mock("next-intl/server", async () => (await import("../request-scope")).nextIntlServer());

const rowsOf = <T>(r: unknown): T[] => (r as { rows?: T[] }).rows ?? (r as T[]);

interface ApiPage {
  data: Record<string, string | number | null>[];
  next: string | null;
  meta: {
    title: string;
    organisation: { slug: string };
    disclosureNote: string;
    columns: { key: string; label: string }[];
    totalRows: number | null;
    page: number | null;
    generatedAt: string;
  };
}

/** The SQL statements sent while `statements` is set (the query-budget tests' counter: createTestDb's onQuery). */
let statements: string[] | null = null;

describe(`the read-only API on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  const users = new Map<string, CurrentUser>();
  const as = async (email: string | null) => {
    if (email && !users.has(email)) {
      const r = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address: "10.92.0.1" });
      if (!r.ok) throw new Error(`sign-in refused for ${email}`);
      users.set(email, (await findLiveSession(db.db, r.sessionId))!);
    }
    request.user = email ? users.get(email)! : null;
  };

  /** An admin of `org` makes a token through the page's server action: the token shown once. */
  async function createToken(org: string, name = "Power BI"): Promise<string> {
    const { createApiTokenAction } = await import("@/lib/api/actions");
    const f = new FormData();
    f.set("org", org);
    f.set("name", name);
    f.set("expiresOn", "");
    const r = await createApiTokenAction(idleState as never, f);
    if (r.status !== "ok") throw new Error(`token refused: ${JSON.stringify(r)}`);
    return (r.data as { token: string }).token;
  }

  /** GET an API path with these headers (no session: the signed-in user is cleared). */
  async function api(path: string, auth?: string | null): Promise<Response> {
    request.user = null;
    const url = new URL(`http://localhost:3000${path}`);
    const [, , , org, ...rest] = url.pathname.split("/");
    const { GET } = await import("@/app/api/v1/[org]/[...path]/route");
    const headers = auth ? { authorization: auth } : undefined;
    return GET(new NextRequest(url, { headers }), { params: Promise.resolve({ org, path: rest }) });
  }
  const bearer = (t: string) => `Bearer ${t}`;
  /** Forget the tokens' request counts: walks of small pages go beyond 120 requests a minute (the limit has its own test). */
  const unthrottle = () => db.db.execute(sql`delete from rate_limits where bucket like 'api:%'`);

  /** Every page of a JSON table, following `next`. */
  async function allPages(path: string, token: string): Promise<{ pages: ApiPage[]; rows: ApiPage["data"] }> {
    const pages: ApiPage[] = [];
    for (let p: string | null = path; p;) {
      const res = await api(p, bearer(token));
      expect(res.status, p).toBe(200);
      const page = (await res.json()) as ApiPage;
      pages.push(page);
      p = page.next;
    }
    return { pages, rows: pages.flatMap((p) => p.data) };
  }

  /** The export route's CSV, downloaded by a signed-in member. */
  async function exportCsv(email: string, path: string) {
    await as(email);
    const url = new URL(`http://localhost:3000${path}`);
    const [, org, , kind, arg] = url.pathname.split("/");
    const route =
      kind === "ledger"
        ? await import("@/app/(portal)/[org]/export/ledger/route")
        : kind === "price-history"
          ? await import("@/app/(portal)/[org]/export/price-history/[commune]/route")
          : kind === "observations"
            ? await import("@/app/(portal)/[org]/export/observations/[commune]/route")
            : kind === "groups"
              ? await import("@/app/(portal)/[org]/export/groups/route")
              : kind === "cohesion"
                ? await import("@/app/(portal)/[org]/export/cohesion/[table]/route")
                : kind === "inclusion"
                  ? await import("@/app/(portal)/[org]/export/inclusion/[table]/route")
                  : await import("@/app/(portal)/[org]/export/revenue/[table]/route");
    const res = await route.GET(new NextRequest(url), { params: Promise.resolve({ org, table: arg ?? "", commune: arg ?? "" }) });
    expect(res.status, path).toBe(200);
    request.user = null;
    return csvOf(new Uint8Array(await res.arrayBuffer()));
  }
  /** A JSON row as the CSV writes it (empty for null; text a spreadsheet would run, prefixed). */
  const asCsv = (page: ApiPage, rows: ApiPage["data"]) =>
    rows.map((r) =>
      page.meta.columns.map((c) =>
        r[c.key] == null ? "" : typeof r[c.key] === "string" && /^[=+\-@\t\r]/.test(r[c.key] as string) ? `'${r[c.key]}` : String(r[c.key]),
      ),
    );

  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    db = await createTestDb({ demo: true, onQuery: (q) => void statements?.push(q) });
    ids = await demoIds(db.db);
    const g = globalThis as { __tamkinDb?: Promise<unknown>; __tamkinReadDb?: Promise<unknown> };
    g.__tamkinDb = Promise.resolve(db.appHandle ? await db.appHandle() : db);
    g.__tamkinReadDb = Promise.resolve(null);
    await as("admin@adicor.demo");
    tokens.adicor = await createToken("adicor");
    await as("admin@femmes-fassala.demo");
    tokens.network = await createToken("femmes-fassala");
  }, 300_000);
  afterAll(async () => {
    const g = globalThis as { __tamkinDb?: unknown; __tamkinReadDb?: unknown };
    delete g.__tamkinDb;
    delete g.__tamkinReadDb;
    await db?.destroy();
  });
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
  });

  it("an admin's token is stored as its hash only, audited without its secret", async () => {
    const [row] = rowsOf<{ prefix: string; secret_hash: string; name: string; created_by_user_id: string }>(
      await db.db.execute(sql`select prefix, secret_hash, name, created_by_user_id from api_tokens where org_id = ${ids.orgs.adicor}`),
    );
    expect(tokens.adicor.startsWith(`tamkin_${row.prefix}_`)).toBe(true);
    expect(row.secret_hash).toBe(hashToken(tokens.adicor));
    expect(row.created_by_user_id).toBe(users.get("admin@adicor.demo")!.id);
    const audit = rowsOf<{ action: string; after: unknown }>(
      await db.db.execute(sql`select action, after from audit_log where org_id = ${ids.orgs.adicor} and entity = 'api_token'`),
    );
    expect(audit.map((a) => a.action)).toEqual(["api_token.create"]);
    expect(JSON.stringify(audit)).toContain(row.prefix);
    expect(JSON.stringify(audit)).not.toContain(tokens.adicor.slice(20));
  });

  it("the admins' page lists the tokens by name and prefix, never their secret; a viewer has no such page", async () => {
    const { default: ApiTokensPage } = await import("@/app/(portal)/[org]/api-tokens/page");
    await as("admin@adicor.demo");
    const html = await renderHtml(await ApiTokensPage({ params: Promise.resolve({ org: "adicor" }) }));
    const [{ prefix }] = rowsOf<{ prefix: string }>(
      await db.db.execute(sql`select prefix from api_tokens where org_id = ${ids.orgs.adicor} and name = 'Power BI'`),
    );
    expect(html).toContain(`tamkin_${prefix}_`);
    expect(html).toContain("Power BI");
    expect(html).not.toContain(tokens.adicor.slice(20));
    expect(html).not.toContain(tokens.network.slice(7, 19));
    await as("viewer@adicor.demo");
    await expect(ApiTokensPage({ params: Promise.resolve({ org: "adicor" }) })).rejects.toMatchObject({ digest: expect.stringMatching(/404/) as unknown });
  });

  it("a commune's token reads its price history and market observations as the commune's viewers download them", async () => {
    await as("admin@fassala.demo");
    const token = await createToken("fassala", "Prix");
    for (const path of ["price-history/fassala", "observations/fassala"]) {
      const exported = await exportCsv("viewer@fassala.demo", `/fassala/export/${path}?format=csv&lang=ar`);
      const { pages, rows } = await allPages(`/api/v1/fassala/${path}?lang=ar&pageSize=1000`, token);
      expect(asCsv(pages[0], rows), path).toEqual(exported.table.slice(1));
      expect(rows.length, path).toBeGreaterThan(0);
    }
    expect((await api("/api/v1/fassala/price-history/bassikounou", bearer(token))).status).toBe(404);
  });

  it("a viewer or an editor cannot create a token; another organisation's admin cannot revoke one", async () => {
    const before = rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from api_tokens`))[0].n;
    for (const email of ["viewer@adicor.demo", "editor@adicor.demo"]) {
      await as(email);
      await expect(createToken("adicor")).rejects.toThrow(/not_found/);
    }
    expect(rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from api_tokens`))[0].n).toBe(before);
    const [{ id }] = rowsOf<{ id: string }>(await db.db.execute(sql`select id from api_tokens where org_id = ${ids.orgs.adicor}`));
    const { revokeApiTokenAction } = await import("@/lib/api/actions");
    await as("admin@ong-sahel.demo");
    const f = new FormData();
    f.set("org", "ong-sahel");
    f.set("tokenId", id);
    const r = await revokeApiTokenAction(idleState, f);
    expect(r.status).toBe("error");
    expect((await api("/api/v1/adicor/groups", bearer(tokens.adicor))).status).toBe(200);
  });

  it("a token reads its organisation's tables with the export's figures, in JSON and in CSV", async () => {
    for (const path of ["ledger", "groups", "revenue/by-month", "inclusion/sex", "cohesion/trend"]) {
      const exported = await exportCsv("viewer@adicor.demo", `/adicor/export/${path}?format=csv&lang=en`);
      const { pages, rows } = await allPages(`/api/v1/adicor/${path}?lang=en&pageSize=1000`, tokens.adicor);
      expect(pages[0].meta.organisation.slug).toBe("adicor");
      expect(pages[0].meta.columns.map((c) => c.label)).toEqual(exported.table[0]);
      expect(asCsv(pages[0], rows), path).toEqual(exported.table.slice(1));
      expect(rows.length, path).toBe(pages[0].meta.totalRows);
      expect(pages[0].meta.disclosureNote).toBe(exported.meta.get("Note") ?? [...exported.meta.values()].at(-1));

      const csvRes = await api(`/api/v1/adicor/${path}?format=csv&lang=en`, bearer(tokens.adicor));
      expect(csvRes.headers.get("content-type")).toMatch(/^text\/csv/);
      const csv = csvOf(new Uint8Array(await csvRes.arrayBuffer()));
      expect(csv.table).toEqual(exported.table);
    }
    // The ledger holds ADICOR's rows, and its sales are ADICOR's sales read plainly.
    const { rows } = await allPages("/api/v1/adicor/ledger?lang=en&pageSize=1000&kind=sale", tokens.adicor);
    const [{ n, total }] = rowsOf<{ n: number; total: number }>(
      await db.db.execute(sql`select count(*)::int as n, coalesce(sum(amount), 0)::float8 as total from ledger_entries
        where ngo_org_id = ${ids.orgs.adicor} and voided_at is null and kind = 'sale'`),
    );
    expect(rows.length).toBe(n);
    expect(rows.reduce((s, r) => s + Number(r.amount), 0)).toBe(total);
  });

  it("another organisation's slug is not found, and a person list does not exist for a token", async () => {
    for (const path of ["/api/v1/ong-sahel/groups", "/api/v1/acor/ledger", "/api/v1/fassala/groups", "/api/v1/nowhere/groups", "/api/v1/adicor/nothing"]) {
      const res = await api(path, bearer(tokens.adicor));
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toMatch(/ADICOR|ong-sahel/i);
    }
    expect((await api("/api/v1/adicor/inclusion/never-included", bearer(tokens.adicor))).status).toBe(404);
    expect((await api("/api/v1/adicor/inclusion/without-aid", bearer(tokens.adicor))).status).toBe(404);
  });

  it("no token, an unknown, malformed, revoked or expired token, or a token in the query string: the same 401", async () => {
    const unknown = tokens.adicor.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    const answers = [
      await api("/api/v1/adicor/groups"),
      await api(`/api/v1/adicor/groups?access_token=${tokens.adicor}`),
      await api("/api/v1/adicor/groups", bearer(unknown)),
      await api("/api/v1/adicor/groups", "Bearer nonsense"),
      await api("/api/v1/adicor/groups", tokens.adicor),
    ];
    // A signed-in admin's session is no key either.
    await as("admin@adicor.demo");
    const url = new URL("http://localhost:3000/api/v1/adicor/groups");
    const { GET } = await import("@/app/api/v1/[org]/[...path]/route");
    answers.push(await GET(new NextRequest(url), { params: Promise.resolve({ org: "adicor", path: ["groups"] }) }));

    await as("admin@adicor.demo");
    const revoked = await createToken("adicor", "To revoke");
    expect((await api("/api/v1/adicor/groups", bearer(revoked))).status).toBe(200);
    const [{ id }] = rowsOf<{ id: string }>(await db.db.execute(sql`select id from api_tokens where name = 'To revoke'`));
    const { revokeApiTokenAction } = await import("@/lib/api/actions");
    await as("admin@adicor.demo");
    const f = new FormData();
    f.set("org", "adicor");
    f.set("tokenId", id);
    expect((await revokeApiTokenAction(idleState, f)).status).toBe("ok");
    answers.push(await api("/api/v1/adicor/groups", bearer(revoked)));
    // Expired: a token whose last day was yesterday is refused like the rest; one whose last day
    // is today still reads. (The form takes days from tomorrow on: the service writes these.)
    const { createApiToken } = await import("@/lib/api/service");
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const admin = users.get("admin@adicor.demo")!.id;
    const made = (name: string, expiresOn: string) =>
      db.asApp({ orgId: ids.orgs.adicor, userId: admin }, (tx) => createApiToken(tx, ids.orgs.adicor, admin, { name, expiresOn }));
    const lastDayToday = await made("Last day today", day(0));
    expect((await api("/api/v1/adicor/groups", bearer(lastDayToday.token))).status).toBe(200);
    const expired = await made("Expired yesterday", day(-1));
    answers.push(await api("/api/v1/adicor/groups", bearer(expired.token)));

    const bodies = await Promise.all(answers.map(async (r) => [r.status, r.headers.get("www-authenticate"), await r.text()]));
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(bodies[0][0]).toBe(401);
    // Revoked for good: the database refuses to bring it back, whoever writes.
    await expect(db.db.execute(sql`update api_tokens set revoked_at = null where id = ${id}`)).rejects.toThrow();
    const audit = rowsOf<{ action: string }>(
      await db.db.execute(sql`select action from audit_log where entity = 'api_token' and entity_id = ${id} order by at`),
    );
    expect(audit.map((a) => a.action)).toEqual(["api_token.create", "api_token.revoke"]);
  });

  it("small cells are hidden exactly as in the export: a network's token gets the network's marks", async () => {
    for (const path of ["cohesion/villages", "inclusion/sex", "groups"]) {
      const exported = await exportCsv("viewer@femmes-fassala.demo", `/femmes-fassala/export/${path}?format=csv&lang=fr`);
      const { pages, rows } = await allPages(`/api/v1/femmes-fassala/${path}?lang=fr`, tokens.network);
      expect(asCsv(pages[0], rows), path).toEqual(exported.table.slice(1));
      expect(pages[0].meta.disclosureNote).toBe(exported.meta.get("Note") ?? [...exported.meta.values()].at(-1));
    }
    const { rows } = await allPages("/api/v1/femmes-fassala/cohesion/villages?lang=fr", tokens.network);
    expect(rows.flatMap((r) => Object.values(r))).toContain("<5");
  });

  it("pages hold every row exactly once, in the export's order, and bad pages are refused", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Pages");
    for (const [path, size] of [
      ["ledger", 97],
      ["groups", 7],
    ] as const) {
      const whole = await allPages(`/api/v1/adicor/${path}?pageSize=1000`, token);
      const paged = await allPages(`/api/v1/adicor/${path}?pageSize=${size}`, token);
      expect(whole.rows.length, path).toBeGreaterThan(size);
      expect(paged.pages.length, path).toBe(Math.ceil(whole.rows.length / size));
      expect(paged.rows, path).toEqual(whole.rows);
      expect(paged.pages.at(-1)!.next).toBeNull();
    }
    // The deprecated `page` still answers within the first rows, and its next page is a cursor.
    const whole = await allPages("/api/v1/adicor/ledger?pageSize=1000", token);
    const csvPage = await api("/api/v1/adicor/ledger?format=csv&page=2&pageSize=7", bearer(token));
    const link = csvPage.headers.get("link")!;
    expect(link).toMatch(/^<\/api\/v1\/adicor\/ledger\?format=csv&pageSize=7&cursor=k[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}>; rel="next"$/);
    const csv2 = csvOf(new Uint8Array(await csvPage.arrayBuffer())).table;
    expect(csv2.slice(1)).toEqual(asCsv(whole.pages[0], whole.rows.slice(7, 14)));
    const csv3 = await api(link.slice(1, link.indexOf(">")), bearer(token));
    expect(csvOf(new Uint8Array(await csv3.arrayBuffer())).table.slice(1)).toEqual(asCsv(whole.pages[0], whole.rows.slice(14, 21)));
    const json2 = (await (await api("/api/v1/adicor/ledger?page=2&pageSize=7", bearer(token))).json()) as ApiPage;
    expect(json2.data).toEqual(whole.rows.slice(7, 14));
    expect(json2.meta.page).toBe(2);
    for (const q of ["page=0", "pageSize=1001", "page=x", "format=xml", "page=11&pageSize=1000", "page=1001&pageSize=10"]) {
      const res = await api(`/api/v1/adicor/ledger?${q}`, bearer(token));
      expect(res.status, q).toBe(400);
      expect(((await res.json()) as { error: string }).error, q).toMatch(/^(invalid_page|invalid_format|page_too_deep)$/);
    }
  });

  it("the long tables are walked by cursor: every row once, as the unpaged export, with the next page in a Link header", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Cursor walk");
    await as("admin@fassala.demo");
    const commune = await createToken("fassala", "Cursor walk");
    for (const [org, path, size, t] of [
      ["adicor", "ledger", 61, token],
      ["adicor", "groups", 9, token],
      ["fassala", "observations/fassala", 5, commune],
      ["fassala", "price-history/fassala", 3, commune],
    ] as const) {
      const exported = await exportCsv(`viewer@${org}.demo`, `/${org}/export/${path}?format=csv&lang=en`);
      const pages: ApiPage[] = [];
      await unthrottle();
      for (let p: string | null = `/api/v1/${org}/${path}?lang=en&pageSize=${size}`; p;) {
        const res = await api(p, bearer(t));
        expect(res.status, p).toBe(200);
        const page = (await res.json()) as ApiPage;
        expect(res.headers.get("link"), p).toBe(page.next ? `<${page.next}>; rel="next"` : null);
        if (page.next) expect(new URL(page.next, "http://x").searchParams.has("page"), p).toBe(false);
        pages.push(page);
        p = page.next;
      }
      const rows = pages.flatMap((p) => p.data);
      expect(pages.length, path).toBeGreaterThan(1);
      expect(pages.length, path).toBe(Math.ceil((exported.table.length - 1) / size));
      expect(asCsv(pages[0], rows), path).toEqual(exported.table.slice(1));
      // Counted on the first page (a count reads every row), not on the pages after it.
      expect(pages[0].meta.totalRows, path).toBe(exported.table.length - 1);
      expect(pages.slice(1).every((p) => p.meta.totalRows === null && p.meta.page === null)).toBe(true);
      // CSV pages follow the same cursors.
      const csvRows: string[][] = [];
      await unthrottle();
      for (let p: string | null = `/api/v1/${org}/${path}?format=csv&lang=en&pageSize=${size}`; p;) {
        const res = await api(p, bearer(t));
        expect(res.status, p).toBe(200);
        csvRows.push(...csvOf(new Uint8Array(await res.arrayBuffer())).table.slice(1));
        const link = res.headers.get("link");
        p = link && link.slice(1, link.indexOf(">"));
      }
      expect(csvRows, path).toEqual(exported.table.slice(1));
    }
  });

  it("a row added between two pages is read once if it falls after the cursor, and not at all before it", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Inserts");
    const before = await allPages("/api/v1/adicor/ledger?pageSize=1000", token);
    const first = await api("/api/v1/adicor/ledger?pageSize=50", bearer(token));
    const page1 = (await first.json()) as ApiPage;
    expect(page1.data).toEqual(before.rows.slice(0, 50));
    const [{ id: group, oldest, newest }] = rowsOf<{ id: string; oldest: string; newest: string }>(
      await db.db.execute(sql`select (select id from groups where ngo_org_id = ${ids.orgs.adicor} and status = 'active' order by name limit 1) as id,
        to_char(min(occurred_on), 'YYYY-MM-DD') as oldest, to_char(max(occurred_on), 'YYYY-MM-DD') as newest
        from ledger_entries where ngo_org_id = ${ids.orgs.adicor} and voided_at is null`),
    );
    // Both made now: the oldest day's sorts after the cursor (read once), the newest day's before it (already passed).
    await db.db.execute(sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency)
      values (${ids.orgs.adicor}, ${group}, 'contribution', ${oldest}, 777001, 'XOF'), (${ids.orgs.adicor}, ${group}, 'contribution', ${newest}, 777002, 'XOF')`);
    const rest = await allPages(page1.next!, token);
    const walked = [...page1.data, ...rest.rows];
    expect(walked.filter((r) => r.amount === 777001)).toHaveLength(1);
    expect(walked.filter((r) => r.amount === 777002)).toHaveLength(0);
    expect(walked.filter((r) => r.amount !== 777001)).toEqual(before.rows);
    const after = await allPages("/api/v1/adicor/ledger?pageSize=1000", token);
    expect(after.rows.length).toBe(before.rows.length + 2);
    expect(after.rows[0].amount).toBe(777002);
  });

  it("a malformed, altered, made-up or foreign cursor is 400 with a JSON error, and reveals nothing", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Cursors");
    await as("admin@ong-sahel.demo");
    const other = await createToken("ong-sahel", "Cursors");
    const page1 = (await (await api("/api/v1/adicor/ledger?pageSize=20&kind=sale", bearer(token))).json()) as ApiPage;
    const cursor = new URL(page1.next!, "http://x").searchParams.get("cursor")!;
    const [position, seal] = cursor.split(".");
    const key = JSON.parse(Buffer.from(position.slice(1), "base64url").toString()) as [string, string, string];
    const forge = (k: unknown) => `k${Buffer.from(JSON.stringify(k)).toString("base64url")}`;
    const flip = (s: string) => s.slice(0, -2) + (s.at(-2) === "A" ? "B" : "A") + s.at(-1);
    const bad: [string, string][] = [
      ["garbage", "/api/v1/adicor/ledger?kind=sale&cursor=abc"],
      ["empty", "/api/v1/adicor/ledger?kind=sale&cursor="],
      ["no seal", `/api/v1/adicor/ledger?kind=sale&cursor=${position}`],
      ["long", `/api/v1/adicor/ledger?kind=sale&cursor=k${"A".repeat(5000)}.${seal}`],
      ["altered seal", `/api/v1/adicor/ledger?kind=sale&cursor=${position}.${flip(seal)}`],
      ["altered key", `/api/v1/adicor/ledger?kind=sale&cursor=${forge(["1999-01-01", key[1], key[2]])}.${seal}`],
      ["made up", `/api/v1/adicor/ledger?kind=sale&cursor=${forge(key)}.${"A".repeat(22)}`],
      ["offset for a list", `/api/v1/adicor/ledger?kind=sale&cursor=o20.${seal}`],
      ["other filters", `/api/v1/adicor/ledger?kind=purchase&cursor=${cursor}`],
      ["no filters", `/api/v1/adicor/ledger?cursor=${cursor}`],
      ["other table", `/api/v1/adicor/groups?kind=sale&cursor=${cursor}`],
      ["with page", `/api/v1/adicor/ledger?kind=sale&page=2&cursor=${cursor}`],
    ];
    for (const [what, path] of bad) {
      const res = await api(path, bearer(token));
      expect(res.status, what).toBe(400);
      const body = (await res.json()) as { error: string; message: string };
      expect(body.error, what).toMatch(/^(invalid_cursor|cursor_with_page)$/);
      expect(body.message, what).toBeTruthy();
    }
    // Sealed by the server, but of the wrong kind or shape for the table: refused all the same, never a first page.
    const { signCursor } = await import("@/lib/api/cursor");
    const scope = { orgId: ids.orgs.adicor, path: "ledger", filters: new URLSearchParams("kind=sale") };
    for (const [what, c] of [
      ["offset", signCursor(scope, { kind: "offset", offset: 20 })],
      ["shape", signCursor(scope, { kind: "key", after: forge([key[0], key[2]]).slice(1) })],
      ["types", signCursor(scope, { kind: "key", after: forge([key[0], "yesterday", key[2]]).slice(1) })],
    ]) {
      const res = await api(`/api/v1/adicor/ledger?kind=sale&cursor=${c}`, bearer(token));
      expect(res.status, what).toBe(400);
      expect(((await res.json()) as { error: string }).error, what).toBe("invalid_cursor");
    }
    // The same cursor, good for ADICOR, is nothing to another organisation's token on its own ledger.
    const foreign = await api(`/api/v1/ong-sahel/ledger?kind=sale&cursor=${cursor}`, bearer(other));
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).not.toMatch(/adicor|ADICOR|\d{4}-\d{2}-\d{2}/);
    // …and ADICOR's own slug stays "not found" to it, cursor or not.
    expect((await api(`/api/v1/adicor/ledger?kind=sale&cursor=${cursor}`, bearer(other))).status).toBe(404);
    // The genuine cursor reads on.
    expect((await api(`/api/v1/adicor/ledger?kind=sale&cursor=${cursor}`, bearer(token))).status).toBe(200);
    // A dashboard's table (computed whole) pages by a sealed position, which a list refuses.
    const dash = (await (await api("/api/v1/adicor/revenue/by-month?pageSize=2", bearer(token))).json()) as ApiPage;
    expect(dash.next).toMatch(/cursor=o2\./);
    const offset = new URL(dash.next!, "http://x").searchParams.get("cursor")!;
    expect((await api(`/api/v1/adicor/revenue/by-month?pageSize=2&cursor=${offset}`, bearer(token))).status).toBe(200);
    expect((await api(`/api/v1/adicor/revenue/by-village?pageSize=2&cursor=${offset}`, bearer(token))).status).toBe(400);
  });

  it("a page deep in the ledger is read by its key (one bounded statement), not by reading the ledger from its start", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Deep");
    let path: string | null = "/api/v1/adicor/ledger?pageSize=25";
    await unthrottle();
    const walk: string[] = [];
    while (path) {
      walk.push(path);
      const page = (await (await api(path, bearer(token))).json()) as ApiPage;
      path = page.next;
    }
    expect(walk.length).toBeGreaterThan(8);
    const ledgerStatements = async (p: string) => {
      await unthrottle();
      statements = [];
      try {
        expect((await api(p, bearer(token))).status).toBe(200);
        return statements.filter((q) => /"ledger_entries"|\bledger_entries\b/.test(q));
      } finally {
        statements = null;
      }
    };
    const firstPage = await ledgerStatements(walk[0]);
    const deep = await ledgerStatements(walk.at(-2)!);
    // The first page: its rows, and the count (on the first page only).
    expect(firstPage).toHaveLength(2);
    // Deep: one statement, after the previous page's key, at most pageSize + 1 rows, and no count.
    expect(deep).toHaveLength(1);
    expect(deep[0]).toMatch(
      /\("ledger_entries"\."occurred_on", "ledger_entries"\."created_at", "ledger_entries"\."id"\) < \(\$\d+::date, \$\d+::timestamptz, \$\d+::uuid\)/,
    );
    expect(deep[0]).toMatch(/order by "ledger_entries"\."occurred_on" desc, "ledger_entries"\."created_at" desc, "ledger_entries"\."id" desc limit \$\d+$/);
    expect(deep.join("\n")).not.toMatch(/count\(\*\)/);
  });

  it("a token over its rate limit is answered 429 with Retry-After, counted in the database", async () => {
    await as("admin@adicor.demo");
    const token = await createToken("adicor", "Busy");
    const [{ id }] = rowsOf<{ id: string }>(await db.db.execute(sql`select id from api_tokens where name = 'Busy'`));
    const now = new Date();
    for (let i = 0; i < API_RULE.limit - 1; i++) await db.asApp({}, (tx) => hitRateLimit(tx, apiBucket(id), API_RULE, now));
    expect((await api("/api/v1/adicor/groups", bearer(token))).status).toBe(200);
    const res = await api("/api/v1/adicor/groups", bearer(token));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another token of the same organisation is not held back.
    expect((await api("/api/v1/adicor/groups", bearer(tokens.adicor))).status).toBe(200);
  });
});

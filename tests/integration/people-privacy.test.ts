/**
 * Issue 11.3: person-level data (names, birth years, disability answers, household status, aids,
 * customer names, each member's share) only to the organisation with `people:read` that supports
 * the group; every other reader gets the group page with counts under the disclosure control.
 * Through the group page and the statement page (rendered to HTML) for each demo reader type, and
 * through the database as the application role.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, isNull, sql } from "drizzle-orm";
import { createFormatter, createTranslator } from "next-intl";
import { customerCreditNames, customerCredits, groupMemberships, groups, people, profitDistributions } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { loadMessages } from "@/lib/i18n/catalogues";
import { toLocale } from "@/lib/i18n/locales";
import type { CurrentUser } from "@/lib/auth/session-store";
import { today as todayIso } from "@/lib/dates";
import { SUPPRESSED } from "@/lib/privacy/suppress";
import { rowsOf } from "@/db/app-role";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";
import { renderHtml, textsOf } from "../render";

process.env.AUTH_SECRET ??= "test-secret-for-people-privacy-0123456789ab";

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
vi.mock("next-intl/server", () => ({
  getLocale: async () => "fr",
  // Pages with client forms send the forms' catalogue (components/i18n/form-messages.tsx).
  getMessages: async () => loadMessages("fr"),
  getTranslations: async (opts: { locale?: string; namespace?: string } | string) => {
    const o = typeof opts === "string" ? { namespace: opts } : opts;
    const locale = toLocale(o.locale ?? "fr");
    return createTranslator({ locale, messages: await loadMessages(locale), namespace: o.namespace as never });
  },
  getFormatter: async () => createFormatter({ locale: "fr", timeZone: "UTC" }),
}));

/** What a page function threw: Next's 404, or the page. */
async function outcome<T>(p: Promise<T>): Promise<{ kind: "page"; value: T } | { kind: "404" }> {
  try {
    return { kind: "page", value: await p };
  } catch (err) {
    if (String((err as { digest?: string }).digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "404" };
    throw err;
  }
}

describe(`person-level data per reader type on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  /** An ADICOR group in Fassala, affiliated to the women's network, with credits and a distribution. */
  let group: { id: string; names: string[]; birthYears: number[]; customers: string[]; active: number; women: number; men: number; distributionId: string };

  const signIn = (email: string) => signedIn(db, email, "10.33.0.1");
  const groupPage = async (slug: string) => {
    const { default: GroupPage } = await import("@/app/(portal)/[org]/groups/[groupId]/page");
    const r = await outcome(GroupPage({ params: Promise.resolve({ org: slug, groupId: group.id }), searchParams: Promise.resolve({}) }));
    return r.kind === "page" ? renderHtml(r.value) : "404";
  };
  const statementPage = async (slug: string) => {
    const { default: StatementPage } = await import("@/app/(portal)/[org]/groups/[groupId]/statement/[distributionId]/page");
    const r = await outcome(
      StatementPage({
        params: Promise.resolve({ org: slug, groupId: group.id, distributionId: group.distributionId }),
        searchParams: Promise.resolve({ lang: "fr" }),
      }),
    );
    return r.kind === "page" ? renderHtml(r.value) : "404";
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db, { owner: true });
    const candidates = await db.db
      .select({ id: groups.id })
      .from(groups)
      .where(
        and(
          eq(groups.ngoOrgId, ids.orgs.adicor),
          eq(groups.networkOrgId, ids.orgs["femmes-fassala"]),
          sql`exists (select 1 from customer_credits c where c.group_id = ${groups.id} and c.voided_at is null)`,
          sql`exists (select 1 from profit_distributions d where d.group_id = ${groups.id})`,
        ),
      );
    expect(candidates.length, "the demo has such a group").toBeGreaterThan(0);
    const id = candidates[0].id;
    const members = await db.db
      .select({ name: people.name, birthYear: people.birthYear, sex: people.sex, leftOn: groupMemberships.leftOn })
      .from(groupMemberships)
      .innerJoin(people, eq(people.id, groupMemberships.personId))
      .where(eq(groupMemberships.groupId, id));
    const active = members.filter((m) => m.leftOn === null);
    const customers = (
      await db.db
        .select({ n: customerCreditNames.customerName })
        .from(customerCredits)
        .innerJoin(customerCreditNames, eq(customerCreditNames.creditId, customerCredits.id))
        .where(and(eq(customerCredits.groupId, id), isNull(customerCredits.voidedAt)))
    ).map((r) => r.n);
    expect(customers.length, "the group's credits have their customers' names").toBeGreaterThan(0);
    const [d] = await db.db.select({ id: profitDistributions.id }).from(profitDistributions).where(eq(profitDistributions.groupId, id)).limit(1);
    group = {
      id,
      names: members.map((m) => m.name),
      birthYears: members.map((m) => m.birthYear),
      customers,
      active: active.length,
      women: active.filter((m) => m.sex === "female").length,
      men: active.filter((m) => m.sex === "male").length,
      distributionId: d.id,
    };
  });
  afterAll(() => unserve(db));
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
  });

  it("the NGO supporting the group sees its people: names, birth years, customers, the named statement", async () => {
    for (const email of ["viewer@adicor.demo", "admin@adicor.demo"]) {
      request.user = await signIn(email);
      const html = await groupPage("adicor");
      expect(html).toContain('data-testid="members-table"');
      for (const name of group.names) expect(html, name).toContain(name);
      for (const year of group.birthYears) expect(html).toContain(`<td>${year}</td>`);
      for (const c of group.customers) expect(html).toContain(c);
      expect(html).not.toContain('data-testid="member-counts-sex"');
      const statement = await statementPage("adicor");
      expect(statement).toContain('data-testid="statement"');
    }
  }, 120_000);

  it("the consortium, the commune and the network get counts under the disclosure control, never the people", async () => {
    const shown = (n: number) => (n > 0 && n < 5 ? SUPPRESSED.replace("<", "&lt;") : String(n));
    for (const [email, slug] of [
      ["viewer@acor.demo", "acor"],
      ["admin@acor.demo", "acor"],
      ["viewer@fassala.demo", "fassala"],
      ["viewer@femmes-fassala.demo", "femmes-fassala"],
    ] as const) {
      request.user = await signIn(email);
      const html = await groupPage(slug);
      expect(html, email).not.toBe("404");
      expect(html, email).not.toContain('data-testid="members-table"');
      for (const name of group.names) expect(html, `${email}: ${name}`).not.toContain(name);
      for (const c of group.customers) expect(html, `${email}: ${c}`).not.toContain(c);
      for (const year of group.birthYears) expect(html).not.toContain(`<td>${year}</td>`);
      // The counts: women, men and the total, as the database has them (small ones hidden).
      const sexRows = textsOf(html, "member-counts-sex")[0];
      expect(sexRows, email).toContain(`Total ${shown(group.active)}`);
      if (group.women >= 5 && group.men >= 5) {
        expect(sexRows).toContain(`Femmes ${group.women}`);
        expect(sexRows).toContain(`Hommes ${group.men}`);
      }
      // Each member's share by name: not found for them.
      expect(await statementPage(slug), email).toBe("404");
    }
  }, 180_000);

  it("in the database, the group's counts come from a function that returns counts only, to those who may read the group", async () => {
    const counts = (slug: keyof DemoIds["orgs"]) =>
      db.asApp({ orgId: ids.orgs[slug] }, async (tx) =>
        rowsOf<{ members: number; women: number; men: number }>(
          await tx.execute(sql`select members, women, men from app_group_member_counts(${group.id}::uuid, ${todayIso()}::date)`),
        ),
      );
    for (const slug of ["acor", "fassala", "femmes-fassala", "adicor"] as const) {
      expect(await counts(slug), slug).toEqual([{ members: group.active, women: group.women, men: group.men }]);
    }
    // Counts only where the reader may read the group row itself (its row-level security), and
    // nothing without a tenant.
    for (const slug of ["ong-sahel", "bassikounou"] as const) {
      const readable = await db.asApp(
        { orgId: ids.orgs[slug] },
        async (tx) => (await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, group.id))).length,
      );
      expect((await counts(slug)).length, slug).toBe(readable);
    }
    const anonymous = await db.asApp({}, async (tx) =>
      rowsOf(await tx.execute(sql`select * from app_group_member_counts(${group.id}::uuid, ${todayIso()}::date)`)),
    );
    expect(anonymous).toEqual([]);
    // The owner's maintenance switch, set by the application role, opens nothing.
    const forged = await db.asApp({}, async (tx) => {
      await tx.execute(sql`select set_config('app.maintenance', 'on', true)`);
      return rowsOf(await tx.execute(sql`select * from app_group_member_counts(${group.id}::uuid, ${todayIso()}::date)`));
    });
    expect(forged).toEqual([]);
  }, 120_000);
});

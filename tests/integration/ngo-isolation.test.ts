/**
 * Issue 11.2: two NGOs working in the same commune (ADICOR and ONG Tadamoun, both in Fassala)
 * never see nor touch each other's groups: through the pages (the other NGO's group page is not
 * found, its ledger lines are not listed), through the server actions (a write to the other
 * NGO's group is refused and nothing is written), and through the database as the application
 * role (row-level security: no row of the other NGO's groups, members, people, ledger, credits or
 * rollups; inserts into them fail). The database also follows the application's group scope for
 * the other readers: a network reads only its affiliated groups, a commune every group of its
 * territory, the consortium only its members' groups.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createFormatter, createTranslator } from "next-intl";
import { auditLog, groupMemberships, groups, ledgerEntries, ledgerEntryNotes, people } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import { loadMessages } from "@/lib/i18n/catalogues";
import { toLocale } from "@/lib/i18n/locales";
import type { CurrentUser } from "@/lib/auth/session-store";
import { rowsOf } from "@/db/app-role";
import type { Tx } from "@/db/client";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";
import { renderHtml, textsOf } from "../render";
import { sqlState } from "../refusals";

process.env.AUTH_SECRET ??= "test-secret-for-ngo-isolation-0123456789abcd";

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
  getMessages: async () => loadMessages("fr"),
  getTranslations: async (opts: { locale?: string; namespace?: string } | string) => {
    const o = typeof opts === "string" ? { namespace: opts } : opts;
    const locale = toLocale(o.locale ?? "fr");
    return createTranslator({ locale, messages: await loadMessages(locale), namespace: o.namespace as never });
  },
  getFormatter: async () => createFormatter({ locale: "fr", timeZone: "UTC" }),
}));

const unescape = (html: string) =>
  html
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");

async function outcome<T>(p: Promise<T>): Promise<{ kind: "page"; value: T } | { kind: "404" }> {
  try {
    return { kind: "page", value: await p };
  } catch (err) {
    if (String((err as { digest?: string }).digest ?? "").startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { kind: "404" };
    throw err;
  }
}

type Slug = keyof DemoIds["orgs"];

describe(`two NGOs of Fassala are isolated on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  /** One group of each NGO, both in Fassala's villages, with its members and ledger. */
  let adicorGroup: { id: string; name: string; people: string[] };
  let tadamounGroup: { id: string; name: string; people: string[] };

  const signIn = (email: string) => signedIn(db, email, "10.44.0.1");
  const groupPage = async (slug: string, groupId: string) => {
    const { default: GroupPage } = await import("@/app/(portal)/[org]/groups/[groupId]/page");
    const r = await outcome(GroupPage({ params: Promise.resolve({ org: slug, groupId }), searchParams: Promise.resolve({}) }));
    return r.kind === "page" ? unescape(await renderHtml(r.value)) : "404";
  };
  const ledgerPage = async (slug: string, sp: Record<string, string>) => {
    const { default: LedgerPage } = await import("@/app/(portal)/[org]/ledger/page");
    return renderHtml(await LedgerPage({ params: Promise.resolve({ org: slug }), searchParams: Promise.resolve(sp) }));
  };
  const groupsPage = async (slug: string) => {
    const { default: GroupsPage } = await import("@/app/(portal)/[org]/groups/page");
    return unescape(await renderHtml(await GroupsPage({ params: Promise.resolve({ org: slug }), searchParams: Promise.resolve({}) })));
  };
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const one = async <T>(q: Promise<unknown>) => rowsOf<T>(await q)[0];
  const count = (tx: Tx, query: ReturnType<typeof sql>) => one<{ n: number }>(tx.execute(query)).then((r) => Number(r.n));
  const asOrg = <T>(slug: Slug, fn: (tx: Tx) => Promise<T>) => db.asApp({ orgId: ids.orgs[slug] }, fn);

  const pick = async (ngo: string) => {
    const [g] = await db.db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ngo), sql`exists (select 1 from customer_credits c where c.group_id = ${groups.id})`))
      .limit(1);
    const members = await db.db
      .select({ name: people.name })
      .from(groupMemberships)
      .innerJoin(people, eq(people.id, groupMemberships.personId))
      .where(eq(groupMemberships.groupId, g.id));
    return { ...g, people: members.map((m) => m.name) };
  };

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db, { owner: true });
    adicorGroup = await pick(ids.orgs.adicor);
    tadamounGroup = await pick(ids.orgs.tadamoun);
  });
  afterAll(() => unserve(db));
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
  });

  it("the demo has a second NGO working in Fassala, with groups of its own in Fassala's villages, outside the consortium", async () => {
    const rows = rowsOf<{ n: number; communes: string[]; member: boolean }>(
      await db.db.execute(sql`
        select (select count(*)::int from groups g join places p on p.id = g.village_id where g.ngo_org_id = ${ids.orgs.tadamoun} and p.parent_id = ${ids.places.fassala}) as n,
               (select array_agg(o.slug) from org_communes oc join organisations o on o.id = oc.commune_org_id where oc.org_id = ${ids.orgs.tadamoun}) as communes,
               exists (select 1 from consortium_members cm where cm.member_org_id = ${ids.orgs.tadamoun}) as member`),
    );
    expect(rows[0]).toEqual({ n: 3, communes: ["fassala"], member: false });
    expect(tadamounGroup.people.length).toBeGreaterThan(0);
    expect(adicorGroup.people.length).toBeGreaterThan(0);
  });

  it("pages: the other NGO's group page is not found, its groups and ledger lines are not listed", async () => {
    for (const [email, slug, own, other] of [
      ["admin@tadamoun.demo", "tadamoun", () => tadamounGroup, () => adicorGroup],
      ["admin@adicor.demo", "adicor", () => adicorGroup, () => tadamounGroup],
    ] as const) {
      request.user = await signIn(email);
      const mine = await groupPage(slug, own().id);
      expect(mine, email).toContain(own().name);
      for (const name of own().people) expect(mine, `${email}: ${name}`).toContain(name);
      expect(await groupPage(slug, other().id), email).toBe("404");
      const list = await groupsPage(slug);
      expect(list).toContain(own().name);
      expect(list, email).not.toContain(other().name);
      // The ledger filtered on the other NGO's group: no line.
      const lines = async (groupId: string) => {
        const text = textsOf(await ledgerPage(slug, { group: groupId }), "ledger-count")[0];
        return Number((text.match(/^[\d\s\u202f\u00a0]+/)?.[0] ?? "0").replace(/\D/g, "") || "0");
      };
      expect(await lines(other().id), email).toBe(0);
      expect(await lines(own().id), email).toBeGreaterThan(0);
    }
  }, 180_000);

  it("server actions: writing to the other NGO's group is refused and nothing is written", async () => {
    const { recordEntryAction, updateGroupAction, addMemberAction } = await import("@/lib/groups/actions");
    const before = await db.db.execute(
      sql`select (select count(*)::int from ledger_entries) as e, (select count(*)::int from group_memberships) as m, (select count(*)::int from people) as p, (select count(*)::int from audit_log where action like 'ledger.%' or action like 'group.%') as a`,
    );
    const [target] = await db.db.select().from(groups).where(eq(groups.id, adicorGroup.id));
    request.user = await signIn("admin@tadamoun.demo");
    const states = [
      await recordEntryAction(
        { status: "idle" } as never,
        form({ org: "tadamoun", groupId: adicorGroup.id, kind: "sale", occurredOn: "2025-01-15", amount: "1000", currency: "MRU", note: "forged" }),
      ),
      await updateGroupAction(
        { status: "idle" } as never,
        form({ org: "tadamoun", groupId: adicorGroup.id, status: "closed", profitRule: "equal", version: String(target.version) }),
      ),
      await addMemberAction(
        { status: "idle" } as never,
        form({
          org: "tadamoun",
          groupId: adicorGroup.id,
          mode: "new",
          name: "Intruse Mint Test",
          sex: "female",
          birthYear: "1990",
          settlementId: ids.places.settlements["Agoueinit"],
          householdSize: "4",
          householdStatus: "host",
          joinedOn: "2025-01-15",
        }),
      ),
    ];
    // Refused for the group (not found for this organisation), not for the form's fields.
    for (const s of states) {
      expect(s.status, JSON.stringify(s)).toBe("error");
      expect(JSON.stringify(s)).not.toMatch(/fieldErrors":\{"/);
    }
    // Through its own organisation's slug or the other's: the other's is not its organisation.
    request.user = await signIn("admin@tadamoun.demo");
    const viaOther = await recordEntryAction(
      { status: "idle" } as never,
      form({ org: "adicor", groupId: adicorGroup.id, kind: "sale", occurredOn: "2025-01-15", amount: "1000", currency: "MRU", note: "forged" }),
    );
    expect(viaOther.status).toBe("error");
    const after = await db.db.execute(
      sql`select (select count(*)::int from ledger_entries) as e, (select count(*)::int from group_memberships) as m, (select count(*)::int from people) as p, (select count(*)::int from audit_log where action like 'ledger.%' or action like 'group.%') as a`,
    );
    expect(rowsOf(after)).toEqual(rowsOf(before));
    const [unchanged] = await db.db.select().from(groups).where(eq(groups.id, adicorGroup.id));
    expect(unchanged).toEqual(target);
    // The same action on its own group is accepted (the refusal is the other NGO's group, not the form).
    const ownEntry = await recordEntryAction(
      { status: "idle" } as never,
      form({ org: "tadamoun", groupId: tadamounGroup.id, kind: "sale", occurredOn: "2025-01-15", amount: "1000", currency: "MRU", note: "own" }),
    );
    expect(ownEntry.status, JSON.stringify(ownEntry)).toBe("ok");
    expect(await db.db.$count(ledgerEntryNotes, and(eq(ledgerEntryNotes.groupId, tadamounGroup.id), eq(ledgerEntryNotes.note, "own")))).toBe(1);
    expect(await db.db.$count(auditLog, eq(auditLog.orgId, ids.orgs.adicor))).toBe(0);
  }, 120_000);

  it("database, as the application role: no row of the other NGO's groups, members, people, ledger, credits or rollups", async () => {
    // The owner's lists (in maintenance), so that a reader's count is not filtered by its own view of groups.
    const idsOf = async (ngo: string) => {
      const r = rowsOf<{ g: string; p: string }>(
        await db.db.execute(
          sql`select (select string_agg(id::text, ',') from groups where ngo_org_id = ${ngo}) as g, (select string_agg(id::text, ',') from people where ngo_org_id = ${ngo}) as p`,
        ),
      )[0];
      return { groups: r.g, people: r.p };
    };
    const owned = { adicor: await idsOf(ids.orgs.adicor), tadamoun: await idsOf(ids.orgs.tadamoun) };
    const inList = (list: string) => sql`any(string_to_array(${list}, ',')::uuid[])`;
    const ngoOf = (id: string) => (id === ids.orgs.adicor ? owned.adicor : owned.tadamoun);
    const tables: [string, (ngo: string) => ReturnType<typeof sql>][] = [
      ["groups", (ngo) => sql`select count(*)::int as n from groups where id = ${inList(ngoOf(ngo).groups)}`],
      [
        "group_memberships",
        (ngo) =>
          sql`select count(*)::int as n from group_memberships where group_id = ${inList(ngoOf(ngo).groups)} or person_id = ${inList(ngoOf(ngo).people)}`,
      ],
      ["people", (ngo) => sql`select count(*)::int as n from people where id = ${inList(ngoOf(ngo).people)}`],
      ["households", (ngo) => sql`select count(*)::int as n from households where ngo_org_id = ${ngo}`],
      ["technical_aids", (ngo) => sql`select count(*)::int as n from technical_aids where person_id = ${inList(ngoOf(ngo).people)}`],
      ["ledger_entries", (ngo) => sql`select count(*)::int as n from ledger_entries where group_id = ${inList(ngoOf(ngo).groups)}`],
      ["customer_credits", (ngo) => sql`select count(*)::int as n from customer_credits where group_id = ${inList(ngoOf(ngo).groups)}`],
      [
        "credit_repayments",
        (ngo) =>
          sql`select count(*)::int as n from credit_repayments r join customer_credits c on c.id = r.credit_id where c.group_id = ${inList(ngoOf(ngo).groups)}`,
      ],
      ["ledger_rollups", (ngo) => sql`select count(*)::int as n from ledger_rollups where group_id = ${inList(ngoOf(ngo).groups)}`],
      ["ledger_cube", (ngo) => sql`select count(*)::int as n from ledger_cube where ngo_org_id = ${ngo}`],
      ["ledger_ngo_months", (ngo) => sql`select count(*)::int as n from ledger_ngo_months where ngo_org_id = ${ngo}`],
      ["ledger_group_sales_years", (ngo) => sql`select count(*)::int as n from ledger_group_sales_years where group_id = ${inList(ngoOf(ngo).groups)}`],
      ["group_counts", (ngo) => sql`select coalesce(sum(groups), 0)::int as n from group_counts where ngo_org_id = ${ngo}`],
    ];
    const optional = new Set(["technical_aids", "credit_repayments"]);
    // Everything is there (read by the owner in maintenance), and each NGO reads its own.
    for (const [table, q] of tables) {
      for (const slug of ["adicor", "tadamoun"] as const) {
        const all = await count(db.db as unknown as Tx, q(ids.orgs[slug]));
        if (!optional.has(table) || slug === "adicor") expect(all, `${table} of ${slug}`).toBeGreaterThan(0);
        expect(await asOrg(slug, (tx) => count(tx, q(ids.orgs[slug]))), `${table}: ${slug} reads its own`).toBe(all);
      }
    }
    for (const [reader, owner] of [
      ["tadamoun", "adicor"],
      ["adicor", "tadamoun"],
    ] as const) {
      for (const [table, q] of tables) {
        expect(await asOrg(reader, (tx) => count(tx, q(ids.orgs[owner]))), `${reader} reads ${owner}'s ${table}`).toBe(0);
      }
      // Not even the other's group's ledger by its id.
      const other = owner === "adicor" ? adicorGroup : tadamounGroup;
      expect(await asOrg(reader, (tx) => count(tx, sql`select count(*)::int as n from ledger_entries where group_id = ${other.id}`))).toBe(0);
    }
  }, 120_000);

  it("database, as the application role: inserts into the other NGO's group fail, updates and deletes touch nothing", async () => {
    const target = adicorGroup.id;
    const tad = "tadamoun" as const;
    expect(
      await sqlState(
        asOrg(tad, (tx) =>
          tx.execute(
            sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency) values (${ids.orgs.adicor}, ${target}, 'sale', '2025-01-15', 1000, 'MRU')`,
          ),
        ),
      ),
    ).toBe("42501");
    // Claiming its own organisation on the other's group: the composite key to the group refuses it.
    expect(
      await sqlState(
        asOrg(tad, (tx) =>
          tx.execute(
            sql`insert into ledger_entries (ngo_org_id, group_id, kind, occurred_on, amount, currency) values (${ids.orgs.tadamoun}, ${target}, 'sale', '2025-01-15', 1000, 'MRU')`,
          ),
        ),
      ),
    ).not.toBeNull();
    const [ownPerson] = await db.db.select({ id: people.id }).from(people).where(eq(people.ngoOrgId, ids.orgs.tadamoun)).limit(1);
    expect(await sqlState(asOrg(tad, (tx) => tx.insert(groupMemberships).values({ groupId: target, personId: ownPerson.id, joinedOn: "2025-01-15" })))).toBe(
      "42501",
    );
    expect(
      await sqlState(
        asOrg(tad, (tx) =>
          tx.execute(
            sql`insert into customer_credits (group_id, customer_name, community, amount, currency, granted_on, due_on) values (${target}, 'X', 'host', 10, 'MRU', '2025-01-15', '2025-02-15')`,
          ),
        ),
      ),
    ).not.toBeNull();
    expect(await asOrg(tad, (tx) => tx.update(groups).set({ name: "pwned" }).where(eq(groups.id, target)).returning({ id: groups.id }))).toEqual([]);
    expect(
      await asOrg(tad, (tx) => tx.update(ledgerEntries).set({ note: "pwned" }).where(eq(ledgerEntries.groupId, target)).returning({ id: ledgerEntries.id })),
    ).toEqual([]);
    expect(await asOrg(tad, (tx) => tx.update(people).set({ name: "pwned" }).where(eq(people.ngoOrgId, ids.orgs.adicor)).returning({ id: people.id }))).toEqual(
      [],
    );
    expect(await asOrg(tad, (tx) => tx.delete(groupMemberships).where(eq(groupMemberships.groupId, target)).returning({ id: groupMemberships.id }))).toEqual(
      [],
    );
    expect(await db.db.$count(ledgerEntryNotes, eq(ledgerEntryNotes.note, "pwned"))).toBe(0);
    expect(await db.db.$count(groupMemberships, eq(groupMemberships.groupId, target))).toBe(adicorGroup.people.length);
  }, 120_000);

  it("database: the other readers follow the application's group scope (network: affiliated; commune: territory; consortium: members)", async () => {
    const visible = (slug: Slug) => asOrg(slug, (tx) => count(tx, sql`select count(*)::int as n from groups`));
    const [{ affiliated, inFassala, members }] = rowsOf<{ affiliated: number; inFassala: number; members: number }>(
      await db.db.execute(sql`select
        (select count(*)::int from groups where network_org_id = ${ids.orgs["femmes-fassala"]}) as affiliated,
        (select count(*)::int from groups g join places p on p.id = g.village_id where p.parent_id = ${ids.places.fassala}) as "inFassala",
        (select count(*)::int from groups g where g.ngo_org_id in (select member_org_id from consortium_members where consortium_id = ${ids.orgs.acor})) as members`),
    );
    expect(await visible("femmes-fassala")).toBe(affiliated);
    expect(affiliated).toBeLessThan(inFassala);
    expect(await visible("fassala")).toBe(inFassala);
    expect(await visible("acor")).toBe(members);
    // ONG Tadamoun is no member of ACOR: the consortium reads none of its groups, ledger or people.
    for (const q of [
      sql`select count(*)::int as n from groups where ngo_org_id = ${ids.orgs.tadamoun}`,
      sql`select count(*)::int as n from ledger_entries where ngo_org_id = ${ids.orgs.tadamoun}`,
      sql`select count(*)::int as n from people where ngo_org_id = ${ids.orgs.tadamoun}`,
      sql`select count(*)::int as n from ledger_cube where ngo_org_id = ${ids.orgs.tadamoun}`,
    ]) {
      expect(await asOrg("acor", (tx) => count(tx, q))).toBe(0);
    }
    // The network reads no ledger line, person or cube row of a group not affiliated to it.
    expect(
      await asOrg("femmes-fassala", (tx) =>
        count(tx, sql`select count(*)::int as n from ledger_cube where network_org_id is distinct from ${ids.orgs["femmes-fassala"]}`),
      ),
    ).toBe(0);
    expect(await asOrg("femmes-fassala", (tx) => count(tx, sql`select count(*)::int as n from ledger_entries`))).toBe(
      await count(
        db.db as unknown as Tx,
        sql`select count(*)::int as n from ledger_entries e join groups g on g.id = e.group_id where g.network_org_id = ${ids.orgs["femmes-fassala"]}`,
      ),
    );
  }, 120_000);
});

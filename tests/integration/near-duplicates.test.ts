/**
 * Issue 14, point 4: a person about to be created who may already be recorded by the NGO (a name
 * alike in either script, born within a year) is not created until the writer confirms, having
 * been shown whom; through the server action, as the application role. Another NGO's people are
 * never named.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { groups, people } from "@/db/schema";
import { demoIds, type DemoIds } from "@/db/seed/demo";
import type { CurrentUser } from "@/lib/auth/session-store";
import { idleState, type ActionState } from "@/lib/action-state";
import { rowsOf } from "@/lib/groups/scope";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, signedIn, unserve } from "../serving";

const request = { headers: new Headers({ "x-request-id": "req-near-duplicates" }), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => request.user,
}));

describe(`near-duplicate people on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let editor: CurrentUser;
  let groupId: string;
  let settlementId: string;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db);
    editor = await signedIn(db, "editor@adicor.demo", "10.91.0.7");
    const [grp] = await db.db
      .select({ id: groups.id, villageId: groups.villageId })
      .from(groups)
      .where(and(eq(groups.ngoOrgId, ids.orgs.adicor), sql`${groups.archivedAt} is null`))
      .limit(1);
    groupId = grp.id;
    settlementId = grp.villageId;
    await db.db.insert(people).values([
      { ngoOrgId: ids.orgs.adicor, name: "Aïcha Mint Ahmedou", sex: "female", birthYear: 1988 },
      { ngoOrgId: ids.orgs.tadamoun, name: "Zeinabou Mint Tadamoun", sex: "female", birthYear: 1990 },
    ]);
  }, 120_000);
  afterAll(() => unserve(db));

  const addNew = async (name: string, birthYear: number, confirm?: string) => {
    const { addMemberAction } = await import("@/lib/groups/actions");
    request.user = editor;
    const fields: Record<string, string> = {
      org: "adicor",
      groupId,
      mode: "new",
      name,
      sex: "female",
      birthYear: String(birthYear),
      settlementId,
      householdSize: "4",
      householdStatus: "host",
      joinedOn: "2024-01-15",
      ...(confirm ? { confirm } : {}),
    };
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.set(k, v);
    const idle: ActionState<unknown> = { status: idleState.status };
    return addMemberAction(idle, fd);
  };
  const countNamed = async (name: string) =>
    Number(rowsOf<{ n: number }>(await db.db.execute(sql`select count(*)::int as n from people where name = ${name}`))[0].n);

  it("warns, naming the look-alike, when the name is alike in the other script and the birth year within one; creates nothing", async () => {
    const state = await addNew("عائشة منت أحمدو", 1989);
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.formError?.key).toBe("possibleDuplicatePerson");
    expect(String(state.formError?.values?.names)).toContain("Aïcha Mint Ahmedou (1988");
    expect(state.fieldErrors?.name).toBe("warnSimilarPerson");
    expect(await countNamed("عائشة منت أحمدو")).toBe(0);
  });

  it("warns for the same name in other case and accents, and creates anyway once confirmed", async () => {
    const first = await addNew("AICHA mint ahmedou", 1988);
    expect(first.status).toBe("error");
    if (first.status !== "error") return;
    const token = String(first.formError?.values?.confirm);
    expect(token.length).toBeGreaterThan(4);
    // A wrong token is the same warning again.
    expect((await addNew("AICHA mint ahmedou", 1988, "nope")).status).toBe("error");
    const second = await addNew("AICHA mint ahmedou", 1988, token);
    expect(second.status).toBe("ok");
    expect(await countNamed("AICHA mint ahmedou")).toBe(1);
  });

  it("does not warn for a different birth year, nor for another NGO's person of the same name", async () => {
    expect((await addNew("Aicha Mint Ahmedou", 1960)).status).toBe("ok");
    const state = await addNew("Zeinabou Mint Tadamoun", 1990);
    expect(state.status).toBe("ok");
  });
});

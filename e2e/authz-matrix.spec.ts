import { expect, request as newRequest, test, type APIRequestContext } from "@playwright/test";
import { actionEntryPoints, pageEntryPoints, routeEntryPoints, type Access, type ObjectKind } from "@/lib/security/entry-points";
import { can, type OrgType, type Role } from "@/lib/permissions";
import { built, builtAction, callAction, expectNoServerError, storageFor } from "./actions";

/**
 * The authorization matrix: every page, route handler and server action of the build, for every
 * demo role of every organisation type, on its own organisation and on another tenant's, must
 * answer exactly what the permission table says.
 */
const demo: { slug: string; type: OrgType }[] = [
  { slug: "acor", type: "consortium" },
  { slug: "adicor", type: "ngo" },
  { slug: "ong-sahel", type: "ngo" },
  { slug: "fassala", type: "commune" },
  { slug: "bassikounou", type: "commune" },
  { slug: "femmes-fassala", type: "cooperative_network" },
];
const roles: Role[] = ["admin", "editor", "viewer"];
/** Another tenant for each organisation (no demo user belongs to two). */
const otherOf = (slug: string) => (slug === "acor" ? "fassala" : "acor");

let baseURL = "";
test.beforeAll(({}, info) => {
  baseURL = String(info.project.use.baseURL);
});

test("every entry point of the build is in the registry, and every registered one is built", () => {
  expect(built.pages).toEqual(Object.keys(pageEntryPoints).sort());
  expect(built.routes).toEqual(Object.keys(routeEntryPoints).sort());
  expect(built.actions.map((a) => a.key).sort()).toEqual(Object.keys(actionEntryPoints).sort());
});

/** Read once per worker. */
let foreignIds: Promise<Record<ObjectKind, Record<string, string>>> | undefined;

const memberPages = Object.entries(pageEntryPoints).filter((e): e is [string, Access & { kind: "member" }] => e[1].kind === "member");
const memberActions = Object.entries(actionEntryPoints).filter(([, a]) => a.access.kind === "member");

/**
 * For each object kind an action may take by id, one object of each "other" tenant (acor,
 * fassala), read by that tenant's admin. A new kind needs its line here.
 */
async function foreignObjectIds(browser: import("@playwright/test").Browser): Promise<Record<ObjectKind, Record<string, string>>> {
  const out: Record<string, string> = {};
  for (const slug of ["acor", "fassala"]) {
    const req = await newRequest.newContext({ baseURL, storageState: await storageFor(browser, `admin@${slug}.demo`, slug) });
    const html = await (await req.get(`/${slug}/members`)).text();
    const row = new RegExp(`data-testid="member-viewer@${slug}\\.demo"[\\s\\S]*?name="membershipId" value="([0-9a-f-]{36})"`).exec(html);
    expect(row, `membership of viewer@${slug}.demo`).not.toBeNull();
    out[slug] = row![1];
    await req.dispose();
  }
  return { membership: out };
}

test("signed-out visitors: public entry points answer, everything else sends to sign-in or refuses", async () => {
  const req = await newRequest.newContext({ baseURL });
  for (const [pattern, access] of Object.entries(pageEntryPoints)) {
    const res = await req.get(pattern.replace("[org]", "adicor"), { maxRedirects: 0 });
    if (access.kind === "public") expect(res.status(), pattern).toBe(200);
    else {
      expect(res.status(), pattern).toBe(307);
      expect(res.headers().location, pattern).toMatch(/\/login$/);
    }
  }
  for (const [pattern, r] of Object.entries(routeEntryPoints)) {
    expect((await req.get(r.probe)).status(), pattern).toBe(r.kind === "public" ? 200 : 401);
  }
  for (const [key, a] of Object.entries(actionEntryPoints)) {
    if (a.access.kind === "public") continue;
    const answer = await callAction(req, builtAction(key), "adicor", { org: "adicor", ...(a.valid ?? {}) }, { baseURL });
    expectNoServerError(answer, key);
    expect(answer.ok, key).toBe(false);
  }
  await req.dispose();
});

for (const org of demo) {
  for (const role of roles) {
    test(`matrix: ${role} of ${org.slug} (${org.type})`, async ({ browser }) => {
      const foreign = await (foreignIds ??= foreignObjectIds(browser));
      const req: APIRequestContext = await newRequest.newContext({
        baseURL,
        storageState: await storageFor(browser, `${role}@${org.slug}.demo`, org.slug),
      });
      const other = otherOf(org.slug);

      for (const [pattern, access] of memberPages) {
        const allowed = can(org.type, role, access.permission);
        const own = await req.get(pattern.replace("[org]", org.slug), { maxRedirects: 0 });
        expect(own.status(), `${pattern} on own organisation (${access.permission})`).toBe(allowed ? 200 : 404);
        const theirs = await req.get(pattern.replace("[org]", other), { maxRedirects: 0 });
        expect(theirs.status(), `${pattern} on ${other}`).toBe(404);
      }
      for (const [pattern, access] of Object.entries(pageEntryPoints)) {
        if (access.kind === "user") expect((await req.get(pattern)).status(), pattern).toBe(200);
      }

      for (const [key, entry] of memberActions) {
        if (entry.access.kind !== "member") continue;
        const action = builtAction(key);
        const allowed = can(org.type, role, entry.access.permission);
        // Authorization comes before validation: an allowed call with an empty form gets
        // "validation"; a refused one gets the same "not found" as a stranger.
        const own = await callAction(req, action, org.slug, { org: org.slug }, { baseURL });
        expectNoServerError(own, key);
        expect(own.formError, `${key} on own organisation`).toBe(allowed ? "validation" : "not_found");
        const theirs = await callAction(req, action, other, { org: other, ...(entry.valid ?? {}) }, { baseURL });
        expect(theirs.formError, `${key} naming ${other}`).toBe("not_found");
        // Another tenant's object, under one's own organisation: not found either.
        for (const [field, kind] of Object.entries(entry.objects ?? {})) {
          const forged = await callAction(req, action, org.slug, { org: org.slug, [field]: foreign[kind][other], ...(entry.valid ?? {}) }, { baseURL });
          expect(forged.formError, `${key} with ${other}'s ${kind}`).toBe("not_found");
          expect(forged.ok).toBe(false);
        }
      }
      await req.dispose();
    });
  }
}

test("forged requests: x-middleware-subrequest, and server actions with a missing or foreign Origin", async ({ browser }) => {
  const admin = await newRequest.newContext({ baseURL, storageState: await storageFor(browser, "admin@adicor.demo", "adicor") });
  const anonymous = await newRequest.newContext({ baseURL });
  for (const value of ["middleware:middleware:middleware:middleware:middleware", "proxy:proxy:proxy:proxy:proxy", "src/middleware"]) {
    const headers = { "x-middleware-subrequest": value };
    for (const ctx of [anonymous, admin]) {
      const res = await ctx.get("/adicor/members", { headers, maxRedirects: 0 });
      expect(res.status()).toBeGreaterThanOrEqual(300);
      expect(await res.text()).not.toContain("admin@adicor.demo");
    }
    expect((await anonymous.get("/fassala/audit", { headers, maxRedirects: 0 })).status()).not.toBe(200);
  }

  const action = builtAction("lib/members/actions.ts#changeRoleAction");
  // Control: the same call from the portal's own origin reaches the action (and fails validation).
  expect((await callAction(admin, action, "adicor", { org: "adicor" }, { baseURL })).formError).toBe("validation");
  for (const origin of [null, "https://evil.example", "null", `${baseURL}.evil.example`]) {
    const a = await callAction(admin, action, "adicor", { org: "adicor", role: "admin" }, { baseURL, origin });
    expect(a.status, `Origin ${origin}`).toBe(403);
    expect(a.formError).toBeNull();
  }
  await admin.dispose();
  await anonymous.dispose();
});

/**
 * Issue 11.4, through the real paths: the audit page and the account page (page functions,
 * rendered to HTML), the invitation server actions, the account actions, and the database as the
 * application role. Only Next's request scope, the session lookup and next-intl's request config
 * are stood in for.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createFormatter, createTranslator } from "next-intl";
import { auditLog, invitations, memberships, users } from "@/db/schema";
import { DEMO_PASSWORD, demoIds, type DemoIds } from "@/db/seed/demo";
import { loadMessages } from "@/lib/i18n/catalogues";
import { toLocale } from "@/lib/i18n/locales";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { findLiveSession, type CurrentUser } from "@/lib/auth/session-store";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, unserve } from "../serving";
import { sqlState } from "../refusals";
import { renderHtml, textsOf } from "../render";

process.env.AUTH_SECRET ??= "test-secret-for-audit-invitations-0123456789";

const request = { headers: new Headers(), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// The session lookup: the signed-in user of this request (requireUser as lib/auth/session.ts has it).
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const { redirect } = await import("next/navigation");
  return {
    ...(await importOriginal<typeof import("@/lib/auth/session")>()),
    getCurrentUser: async () => request.user,
    requireUser: async (opts: { allowPasswordChange?: boolean } = {}) => {
      const user = request.user;
      if (!user) return redirect("/login");
      if (user.mustChangePassword && !opts.allowPasswordChange) return redirect("/account/password");
      return user;
    },
  };
});
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

const OUTSIDER = "viewer@acor.demo";

describe(`audit trail per organisation, own events, invitations on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;
  let fr: Awaited<ReturnType<typeof loadMessages>>;

  const signIn = async (email: string, password = DEMO_PASSWORD) => {
    const r = await attemptSignIn(db.db, { email, password, address: "10.44.0.1" });
    if (!r.ok) throw new Error(`sign-in refused for ${email}`);
    return (await findLiveSession(db.db, r.sessionId))!;
  };
  const form = (fields: Record<string, string>) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.set(k, v);
    return f;
  };
  const userId = async (email: string) => (await db.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0].id;
  const membershipOf = async (email: string, org: keyof DemoIds["orgs"]) =>
    (
      await db.db
        .select()
        .from(memberships)
        .where(and(eq(memberships.userId, await userId(email)), eq(memberships.orgId, ids.orgs[org])))
    )[0];
  /** The members page's one form: an invitation by address, with a name and temporary password. */
  const invite = async (org: string, email: string, role: string, name = "Membre invité", temporaryPassword = "provisoire-2026") => {
    const { addMemberAction } = await import("@/lib/members/actions");
    return addMemberAction({ status: "idle" }, form({ org, email, role, name, temporaryPassword }));
  };
  const answer = async (kind: "accept" | "decline", invitationId: string) => {
    const a = await import("@/lib/invitations/actions");
    return (kind === "accept" ? a.acceptInvitationAction : a.declineInvitationAction)({ status: "idle" }, form({ invitationId }));
  };
  const pendingId = async (org: keyof DemoIds["orgs"], email: string) =>
    (
      await db.db
        .select()
        .from(invitations)
        .where(and(eq(invitations.orgId, ids.orgs[org]), eq(invitations.userId, await userId(email)), eq(invitations.status, "pending")))
    )[0]?.id;
  const auditPage = async (slug: string) => {
    const { default: AuditPage } = await import("@/app/(portal)/[org]/audit/page");
    return renderHtml(await AuditPage({ params: Promise.resolve({ org: slug }), searchParams: Promise.resolve({ size: "200" }) }));
  };
  const accountPage = async () => {
    const { default: AccountPage } = await import("@/app/(portal)/account/page");
    return renderHtml(await AccountPage({ searchParams: Promise.resolve({ size: "200" }) }));
  };
  const label = (action: string) => (fr.audit as { actions: Record<string, string> }).actions[action.replace(/\./g, "_")];

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    fr = await loadMessages("fr");
    await serve(db, { owner: true });
  });
  afterAll(() => unserve(db));
  beforeEach(() => {
    request.headers = new Headers();
    request.user = null;
  });

  it("an invitation makes no membership until the invited user accepts it; then the member is in, and it is audited", async () => {
    // The outsider's history before any invitation: sign-ins, a failed one, a language and a password change.
    const outsider = await signIn(OUTSIDER);
    expect((await attemptSignIn(db.db, { email: OUTSIDER, password: "not-the-password", address: "10.44.0.2" })).ok).toBe(false);
    request.user = outsider;
    const { setLocaleAction, changePasswordAction } = await import("@/lib/auth/actions");
    await expect(setLocaleAction(form({ locale: "ar", back: "/" }))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_REDIRECT/) as unknown });
    const pw = await changePasswordAction(
      { status: "idle" },
      form({ currentPassword: DEMO_PASSWORD, newPassword: "outsider-new-pass", confirmPassword: "outsider-new-pass" }),
    );
    expect(pw.status, JSON.stringify(pw)).toBe("ok");

    request.user = await signIn("admin@adicor.demo");
    const sent = await invite("adicor", OUTSIDER.toUpperCase(), "editor");
    expect(sent, JSON.stringify(sent)).toMatchObject({ status: "ok", message: { key: "memberInvited" } });
    // Invited is not a member: no membership row, not among the members, listed as pending.
    expect(await membershipOf(OUTSIDER, "adicor")).toBeUndefined();
    const { default: MembersPage } = await import("@/app/(portal)/[org]/members/page");
    const members = await renderHtml(await MembersPage({ params: Promise.resolve({ org: "adicor" }) }));
    expect(members).not.toContain(`data-testid="member-${OUTSIDER}"`);
    expect(members).toContain(`data-testid="invitation-${OUTSIDER}"`);

    // Someone else cannot answer it.
    request.user = await signIn("viewer@bassikounou.demo");
    const id = await pendingId("adicor", OUTSIDER);
    expect(await answer("accept", id)).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await membershipOf("viewer@bassikounou.demo", "adicor")).toBeUndefined();

    // The invited user sees it on their account page and accepts it.
    request.user = await signIn(OUTSIDER, "outsider-new-pass");
    const before = await accountPage();
    expect(textsOf(before, "invitation")).toEqual([expect.stringContaining("ADICOR")]);
    expect(textsOf(before, "invitation")[0]).toContain("Éditeur");
    expect(await answer("accept", id)).toMatchObject({ status: "ok", message: { key: "invitationAccepted" } });
    expect(await membershipOf(OUTSIDER, "adicor")).toMatchObject({ role: "editor" });
    const after = await accountPage();
    expect(textsOf(after, "invitation")).toEqual([]);
    expect(textsOf(after, "my-org")).toEqual(expect.arrayContaining([expect.stringContaining("ADICOR")]));
    // An answered invitation is answered once.
    expect(await answer("decline", id)).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await membershipOf(OUTSIDER, "adicor")).toMatchObject({ role: "editor" });

    // ADICOR's trail has the invitation and its acceptance, by whom.
    request.user = await signIn("admin@adicor.demo");
    const rows = textsOf(await auditPage("adicor"), "audit-row");
    expect(rows.filter((r) => r.includes(label("member.add")))).toEqual([expect.stringContaining("admin@adicor.demo")]);
    expect(rows.filter((r) => r.includes(label("invitation.accept")))).toEqual([expect.stringContaining(OUTSIDER)]);
  }, 180_000);

  it("an organisation's trail shows only events in that organisation, not a member's sign-ins or account changes", async () => {
    request.user = await signIn("admin@adicor.demo");
    const html = await auditPage("adicor");
    const actions = textsOf(html, "audit-action");
    expect(actions.length).toBeGreaterThan(0);
    for (const a of ["auth.sign_in", "auth.sign_in_failed", "user.set_locale", "user.change_password"]) expect(actions).not.toContain(label(a));
    // The outsider is now a member: only what they did in ADICOR shows (their acceptance).
    const theirs = textsOf(html, "audit-row").filter((r) => r.includes(OUTSIDER) && !r.includes(label("member.add")));
    expect(theirs).toEqual([expect.stringContaining(label("invitation.accept"))]);

    // The database as the application role says the same, whatever the query.
    const outsiderId = await userId(OUTSIDER);
    const seenByAdicor = await db.asApp({ orgId: ids.orgs.adicor, userId: await userId("admin@adicor.demo") }, (tx) =>
      tx.select({ action: auditLog.action, org: auditLog.orgId }).from(auditLog).where(eq(auditLog.actorUserId, outsiderId)),
    );
    expect(seenByAdicor).toEqual([{ action: "invitation.accept", org: ids.orgs.adicor }]);
    const foreign = await db.asApp({ orgId: ids.orgs.adicor }, (tx) =>
      tx
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
        .where(sql`${auditLog.orgId} is distinct from ${ids.orgs.adicor}`),
    );
    expect(foreign[0].n).toBe(0);
  }, 120_000);

  it("a user's own sign-ins, failed sign-ins, password and language changes are on their account page, and nobody else's", async () => {
    request.user = await signIn(OUTSIDER, "outsider-new-pass");
    const events = textsOf(await accountPage(), "account-event");
    for (const a of ["auth.sign_in", "auth.sign_in_failed", "user.set_locale", "user.change_password"]) {
      expect(
        events.some((e) => e.includes(label(a))),
        a,
      ).toBe(true);
    }
    // Their three sign-ins in this file (before the invitation, to accept it, now), nobody else's.
    const signIns = events.filter((e) => e.includes(label("auth.sign_in")) && !e.includes(label("auth.sign_in_failed")));
    expect(signIns).toHaveLength(3);
    // As the application role, the user context reads only the user's own account records.
    const outsiderId = await userId(OUTSIDER);
    const rows = await db.asApp({ userId: outsiderId }, (tx) => tx.select({ actor: auditLog.actorUserId, org: auditLog.orgId }).from(auditLog));
    expect(rows.length).toBe(events.length);
    expect(rows.every((r) => r.actor === outsiderId && r.org === null)).toBe(true);
  }, 120_000);

  it("a declined or withdrawn invitation makes no membership", async () => {
    request.user = await signIn("admin@fassala.demo");
    expect(await invite("fassala", OUTSIDER, "viewer")).toMatchObject({ status: "ok" });
    const declined = await pendingId("fassala", OUTSIDER);
    request.user = await signIn(OUTSIDER, "outsider-new-pass");
    expect(await answer("decline", declined)).toMatchObject({ status: "ok", message: { key: "invitationDeclined" } });
    expect(await answer("accept", declined)).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await membershipOf(OUTSIDER, "fassala")).toBeUndefined();
    request.user = await signIn("admin@fassala.demo");
    expect(textsOf(await auditPage("fassala"), "audit-action")).toContain(label("invitation.decline"));

    request.user = await signIn("admin@bassikounou.demo");
    expect(await invite("bassikounou", "viewer@femmes-fassala.demo", "viewer")).toMatchObject({ status: "ok" });
    const withdrawn = await pendingId("bassikounou", "viewer@femmes-fassala.demo");
    const { revokeInvitationAction } = await import("@/lib/invitations/actions");
    expect(await revokeInvitationAction({ status: "idle" }, form({ org: "bassikounou", invitationId: withdrawn }))).toMatchObject({ status: "ok" });
    request.user = await signIn("viewer@femmes-fassala.demo");
    expect(textsOf(await accountPage(), "invitation")).toEqual([]);
    expect(await answer("accept", withdrawn)).toMatchObject({ status: "error", formError: { key: "not_found" } });
    expect(await membershipOf("viewer@femmes-fassala.demo", "bassikounou")).toBeUndefined();
  }, 120_000);

  it("refuses an invitation next to the e-mail field, in the reader's words", async () => {
    request.user = await signIn("admin@ong-sahel.demo");
    expect(await invite("ong-sahel", "editor@ong-sahel.demo", "viewer")).toMatchObject({ status: "error", fieldErrors: { email: "alreadyMember" } });
    expect(await invite("ong-sahel", "not-an-address", "viewer")).toMatchObject({ status: "error", fieldErrors: { email: "emailInvalid" } });
    expect(await invite("ong-sahel", "viewer@adicor.demo", "viewer")).toMatchObject({ status: "ok" });
    expect(await invite("ong-sahel", "viewer@adicor.demo", "editor")).toMatchObject({ status: "error", fieldErrors: { email: "alreadyInvited" } });
    for (const locale of ["fr", "ar", "en"] as const) {
      const errors = (await loadMessages(locale)).errors as Record<string, string>;
      for (const k of ["alreadyMember", "alreadyInvited"]) expect(errors[k], `${locale}.${k}`).toMatch(/\S{3}/);
    }
    // A viewer may not invite at all.
    request.user = await signIn("viewer@ong-sahel.demo");
    expect(await invite("ong-sahel", "editor@adicor.demo", "admin")).toMatchObject({ status: "error", formError: { key: "not_found" } });
  }, 120_000);

  it("adding a member answers, lists and audits alike whether or not the address has an account; neither is a member before accepting", async () => {
    const existing = "admin@bassikounou.demo";
    const fresh = `nouvelle-${Date.now()}@example.org`;
    request.user = await signIn("admin@ong-sahel.demo");
    const answers = [await invite("ong-sahel", existing, "viewer", "Aïcha Existante"), await invite("ong-sahel", fresh, "viewer", "Aïcha Nouvelle")];
    expect(answers[0], JSON.stringify(answers)).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({ status: "ok", message: { key: "memberInvited" } });
    // The members page lists both the same way, with the names the admin typed (not the account's).
    const { default: MembersPage } = await import("@/app/(portal)/[org]/members/page");
    const html = await renderHtml(await MembersPage({ params: Promise.resolve({ org: "ong-sahel" }) }));
    const listed = [existing, fresh].map((e) => textsOf(html, `invitation-${e}`)[0]);
    expect(listed[0]).toContain("Aïcha Existante");
    expect(listed[1]).toContain("Aïcha Nouvelle");
    expect(listed[0].replace("Aïcha Existante", "").replace(existing, "")).toBe(listed[1].replace("Aïcha Nouvelle", "").replace(fresh, ""));
    expect(html).not.toContain((await db.db.select({ name: users.name }).from(users).where(eq(users.email, existing)))[0].name);
    // The trail: one record each, of the same action, with the same fields.
    const trail = await db.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, ids.orgs["ong-sahel"]), eq(auditLog.action, "member.add")))
      .then((rows) => rows.filter((r) => [existing, fresh].includes((r.after as { email: string }).email)));
    const shape = (r: (typeof trail)[number]) => ({
      entity: r.entity,
      keys: Object.keys(r.after ?? {}).sort(),
      role: (r.after as { role: string }).role,
    });
    expect(trail.map(shape)).toEqual([shape(trail[0]), shape(trail[0])]);
    expect(trail.map((r) => (r.after as { email: string }).email).sort()).toEqual([existing, fresh].sort());
    // The existing account keeps its password (the temporary one opens nothing); the new one has the temporary password, to change.
    expect((await attemptSignIn(db.db, { email: existing, password: "provisoire-2026", address: "10.44.0.9" })).ok).toBe(false);
    expect((await attemptSignIn(db.db, { email: existing, password: DEMO_PASSWORD, address: "10.44.0.9" })).ok).toBe(true);
    const newcomer = await signIn(fresh, "provisoire-2026");
    expect(newcomer.mustChangePassword).toBe(true);
    // Neither is a member until they accept.
    expect(await membershipOf(existing, "ong-sahel")).toBeUndefined();
    expect(await membershipOf(fresh, "ong-sahel")).toBeUndefined();
    // Only what the admin already sees is refused: a member, or a pending invitation, of this organisation.
    expect(await invite("ong-sahel", fresh, "editor")).toMatchObject({ status: "error", fieldErrors: { email: "alreadyInvited" } });
    expect(await invite("ong-sahel", existing, "editor")).toMatchObject({ status: "error", fieldErrors: { email: "alreadyInvited" } });
  }, 120_000);

  it("in the database, no organisation makes an existing user a member by itself, and an invitation is answered only by its user", async () => {
    const adminId = await userId("admin@ong-sahel.demo");
    const target = await userId("editor@bassikounou.demo");
    expect(
      await sqlState(
        db.asApp({ orgId: ids.orgs["ong-sahel"], userId: adminId }, (tx) =>
          tx.insert(memberships).values({ userId: target, orgId: ids.orgs["ong-sahel"], role: "admin" }),
        ),
      ),
    ).toBe("42501");
    const [inv] = await db.asApp({ orgId: ids.orgs["ong-sahel"], userId: adminId }, (tx) =>
      tx.insert(invitations).values({ orgId: ids.orgs["ong-sahel"], userId: target, role: "viewer", invitedByUserId: adminId }).returning(),
    );
    // The organisation cannot accept for the user, nor change the role; the user cannot raise it.
    const acceptedByOrg = await db
      .asApp({ orgId: ids.orgs["ong-sahel"], userId: adminId }, (tx) =>
        tx
          .update(invitations)
          .set({ status: "accepted", respondedAt: sql`now()` })
          .where(eq(invitations.id, inv.id))
          .returning(),
      )
      .catch(() => "refused");
    expect(acceptedByOrg === "refused" || (Array.isArray(acceptedByOrg) && acceptedByOrg.length === 0)).toBe(true);
    expect(
      await sqlState(
        db.asApp({ userId: target }, (tx) =>
          tx
            .update(invitations)
            .set({ role: "admin", status: "accepted", respondedAt: sql`now()` })
            .where(eq(invitations.id, inv.id)),
        ),
      ),
    ).toBe("42501");
    // Accepted as invited, in the same transaction: the membership exists with the invited role.
    await db.asApp({ userId: target }, async (tx) => {
      await tx
        .update(invitations)
        .set({ status: "accepted", respondedAt: sql`now()` })
        .where(eq(invitations.id, inv.id));
      await tx.insert(memberships).values({ userId: target, orgId: ids.orgs["ong-sahel"], role: "viewer" });
    });
    expect(await membershipOf("editor@bassikounou.demo", "ong-sahel")).toMatchObject({ role: "viewer" });
  }, 120_000);
});

/**
 * An unexpected error in a server action (a bug, not a refusal): the server's log gets one JSON
 * line with the error's stack, the request id, the action, the organisation and the user, and
 * the user gets the translated "something went wrong" message, never the stack or the error's
 * text. Through the real action factory (lib/server-action.ts) and tenant resolution on a test
 * database; Next's request scope and the session lookup are stood in for.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { createTranslator } from "next-intl";
import { auditLog } from "@/db/schema";
import { DEMO_PASSWORD, demoIds, type DemoIds } from "@/db/seed/demo";
import { loadMessages } from "@/lib/i18n/catalogues";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { findLiveSession, type CurrentUser } from "@/lib/auth/session-store";
import { backend, createTestDb, type TestDb } from "../test-db";
import { serve, unserve } from "../serving";

const REQUEST_ID = "req-7f3a9c2e-test";
const request = { headers: new Headers({ "x-request-id": REQUEST_ID }), user: null as CurrentUser | null };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: async () => request.user,
}));
// The real logger (lib/log.ts), at the level a deployment uses, writing into this list.
const lines = vi.hoisted(() => [] as string[]);
vi.mock("@/lib/log", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/log")>();
  const log = real.createLogger({ level: "info", destination: { write: (line: string) => void lines.push(line) } });
  return { ...real, logger: () => log };
});

describe(`an unexpected error in a server action on ${backend}`, () => {
  let db: TestDb;
  let ids: DemoIds;

  beforeAll(async () => {
    db = await createTestDb({ demo: true });
    ids = await demoIds(db.db);
    await serve(db, { owner: true });
  });
  afterAll(() => unserve(db));

  it("is logged with its stack and the request id; the user sees the translated message only", async () => {
    const r = await attemptSignIn(db.db, { email: "editor@adicor.demo", password: DEMO_PASSWORD, address: "10.91.0.1" });
    if (!r.ok) throw new Error("sign-in refused");
    request.user = (await findLiveSession(db.db, r.sessionId))!;

    const { orgAction } = await import("@/lib/server-action");
    function computeShares(): never {
      throw new TypeError("Cannot read properties of undefined (reading 'share') at secret-internal-detail");
    }
    const buggy = orgAction({ permission: "groups:write", schema: z.object({ note: z.string() }), action: "test.buggy", entity: "group" }, async () =>
      computeShares(),
    );
    const form = new FormData();
    form.set("org", "adicor");
    form.set("note", "une note");
    const state = await buggy({ status: "idle" } as never, form);

    // What the user gets: the generic message, in their language, and what they typed back.
    expect(state.status).toBe("error");
    if (state.status !== "error") return;
    expect(state.formError).toEqual({ key: "internal", values: undefined });
    const shown = createTranslator({ locale: "fr", messages: await loadMessages("fr"), namespace: "errors" })(state.formError!.key as never);
    expect(shown).toBe("Une erreur est survenue. Réessayez dans un instant.");
    expect(JSON.stringify(state)).not.toMatch(/share|secret-internal-detail|TypeError|at computeShares/);
    expect(state.values?.note).toBe("une note");

    // What the log gets: one JSON line with the stack, the request id and ids only.
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const entry = entries.find((e) => e.msg === "unexpected error in a server action");
    expect(entry, lines.join("\n")).toBeDefined();
    expect(entry).toMatchObject({
      level: "error",
      requestId: REQUEST_ID,
      action: "test.buggy",
      orgId: ids.orgs.adicor,
      userId: request.user.id,
    });
    const err = entry!.err as { type: string; message: string; stack: string };
    expect(err.type).toBe("TypeError");
    expect(err.message).toContain("reading 'share'");
    expect(err.stack).toMatch(/at computeShares .*action-errors\.test\.ts/);
    // Never what the user typed, nor the session.
    expect(lines.join("\n")).not.toContain("une note");
    expect(lines.join("\n")).not.toContain(r.sessionId);

    // The work's transaction was rolled back: no audit record of it.
    expect(await db.db.select().from(auditLog).where(eq(auditLog.action, "test.buggy"))).toHaveLength(0);
  }, 120_000);
});

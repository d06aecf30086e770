/**
 * The set-up of a test file that calls pages, route handlers and server actions directly (with
 * tests/request-scope.ts standing in for Next's request): the server code reads the test's
 * database, as the application role where there is one (PostgreSQL), and demo members are signed
 * in for real, each with its live session.
 *
 *   beforeAll: db = await createTestDb({ demo: true }); await serve(db); editor = await signedIn(db, "editor@adicor.demo");
 *   afterAll:  await unserve(db);
 */
import { DEMO_PASSWORD } from "@/db/seed/demo";
import { attemptSignIn } from "@/lib/auth/sign-in";
import { findLiveSession, type CurrentUser } from "@/lib/auth/session-store";
import type { TestDb } from "./test-db";

type Globals = { __tamkinDb?: Promise<unknown>; __tamkinReadDb?: Promise<unknown> };

/**
 * The database the portal's code under test opens (db/index.ts), with no read replica. `owner: true`
 * serves the test database's own handle (on PostgreSQL the owner in maintenance mode) rather than
 * the application role, for the older files written that way.
 */
export async function serve(db: TestDb, { owner = false }: { owner?: boolean } = {}): Promise<void> {
  const g = globalThis as Globals;
  g.__tamkinDb = Promise.resolve(!owner && db.appHandle ? await db.appHandle() : db);
  g.__tamkinReadDb = Promise.resolve(null);
}

/** Forgets the served database and destroys it. */
export async function unserve(db: TestDb | undefined): Promise<void> {
  const g = globalThis as Globals;
  delete g.__tamkinDb;
  delete g.__tamkinReadDb;
  await db?.destroy();
}

/** A demo member signed in through the sign-in rules (its address counts towards their throttle). */
export async function signedIn(db: TestDb, email: string, address = "10.91.0.50"): Promise<CurrentUser> {
  const r = await attemptSignIn(db.db, { email, password: DEMO_PASSWORD, address });
  if (!r.ok) throw new Error(`sign-in refused: ${email}`);
  return (await findLiveSession(db.db, r.sessionId))!;
}

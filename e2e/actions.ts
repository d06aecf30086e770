/**
 * Calling entry points the way a forger would: server actions straight over HTTP (the same
 * request the React client makes), with any session, payload and Origin.
 */
import { expect, type APIRequestContext, type Browser } from "@playwright/test";
import { scanBuild, routePattern, type BuiltAction } from "@/lib/security/scan-entry-points";
import { actionBody, actionHeaders, parseActionAnswer, type ActionOutcome } from "@/lib/security/action-request";
import { signInTo } from "./helpers";

export const built = scanBuild(process.cwd());

export function builtAction(key: string): BuiltAction {
  const a = built.actions.find((x) => x.key === key);
  if (!a) throw new Error(`server action ${key} is not in the build manifest`);
  return a;
}

/** A page URL whose worker serves the action ("app/(portal)/[org]/members/page" -> "/adicor/members"). */
export function actionUrl(action: BuiltAction, slug: string): string {
  const worker = action.workers.find((w) => w.includes("[org]")) ?? action.workers[0];
  return routePattern(`${worker.replace(/^app\//, "")}.tsx`).replace("[org]", slug);
}

export interface ActionAnswer extends ActionOutcome {
  status: number;
  body: string;
}

/** Post an action as its (prevState, formData) call; fields become the form's fields. */
export async function callAction(
  req: APIRequestContext,
  action: BuiltAction,
  slug: string,
  fields: Record<string, string>,
  opts: { origin?: string | null; baseURL: string; raw?: Record<string, string> },
): Promise<ActionAnswer> {
  const multipart = actionBody(fields, 2, opts.raw);
  const headers = actionHeaders(action.id, opts.origin === undefined ? opts.baseURL : opts.origin);
  const res = await req.post(actionUrl(action, slug), { multipart, headers, maxRedirects: 0, failOnStatusCode: false });
  const body = await res.text();
  return { status: res.status(), ...parseActionAnswer(body), body };
}

/** Sign in through the UI once and keep the session as storage state. */
export async function storageFor(browser: Browser, email: string, slug: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInTo(page, email, slug);
  const state = await context.storageState();
  await context.close();
  return state;
}

export function expectNoServerError(a: { status: number; body: string }, what: string) {
  expect(a.status, `${what}: ${a.body.slice(0, 300)}`).toBeLessThan(500);
}

/**
 * The HTTP form of a server-action call, as React's client sends it: used by the tests that
 * call actions the way a forger (or a load generator) would.
 */

/** The body of a call `(prevState, formData)` (arity 2, useActionState) or `(formData)`. */
export function actionBody(fields: Record<string, string>, arity: 1 | 2 = 2, raw: Record<string, string> = {}): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(`_1_${k}`, v);
  for (const [k, v] of Object.entries(raw)) body.append(k, v);
  // The root last: the server decodes it as soon as it arrives.
  body.append("0", JSON.stringify(arity === 2 ? [{ status: "idle" }, "$K1"] : ["$K1"]));
  return body;
}

export function actionHeaders(actionId: string, origin: string | null): Record<string, string> {
  const h: Record<string, string> = { "Next-Action": actionId, Accept: "text/x-component" };
  if (origin !== null) h.Origin = origin;
  return h;
}

export interface ActionOutcome {
  ok: boolean;
  /** The catalogue key of the form error, if any ("not_found", "validation", "conflict"...). */
  formError: string | null;
  fieldErrors: boolean;
}

export function parseActionAnswer(body: string): ActionOutcome {
  return {
    ok: body.includes('"status":"ok"'),
    formError: /"formError":\{"key":"(\w+)"/.exec(body)?.[1] ?? null,
    fieldErrors: /"fieldErrors":\{"/.test(body),
  };
}

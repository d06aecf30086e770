/** What every server action returns to its form (safe to import from client code). */
export interface MessageRef {
  key: string;
  values?: Record<string, string | number>;
}

export type ActionState<T = unknown> =
  | { status: "idle" }
  | { status: "ok"; data?: T; message?: MessageRef }
  | { status: "error"; fieldErrors?: Record<string, string>; formError?: MessageRef; values?: Record<string, string> };

export const idleState: ActionState = { status: "idle" };

/**
 * FormData to a plain object; keys ending in [] become arrays. Framework fields are dropped, and
 * so is `__proto__` (it would set the object's prototype, not a field); a list only ever extends
 * a list of its own (`constructor[]` is a field like any other, not Object's constructor).
 */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    const list = key.endsWith("[]");
    const k = list ? key.slice(0, -2) : key;
    if (k === "__proto__") continue;
    if (list) {
      const before = Object.hasOwn(out, k) && Array.isArray(out[k]) ? (out[k] as string[]) : [];
      out[k] = [...before, value];
    } else {
      out[k] = value;
    }
  }
  return out;
}

/** A form field as text: "" when it is missing or a file. */
export function formText(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === "string" ? v : "";
}

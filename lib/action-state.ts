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

/** FormData to a plain object; keys ending in [] become arrays. Framework fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION") || typeof value !== "string") continue;
    if (key.endsWith("[]")) {
      const k = key.slice(0, -2);
      out[k] = [...((out[k] as string[] | undefined) ?? []), value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

import { expect } from "vitest";
import { appErrorFromDb } from "@/lib/db-errors";
import type { AppError } from "@/lib/errors";

/** The error a promise ends with (null: it succeeded). */
export const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError & { code?: string },
  );

/** The SQLSTATE (or "error") a statement ends with, null when it succeeds; RLS refusals are 42501. */
export async function sqlState(p: Promise<unknown>): Promise<string | null> {
  const err = await failure(p);
  if (err === null) return null;
  const e = err as { code?: string; cause?: { code?: string } };
  return e.cause?.code ?? e.code ?? "error";
}

/** What the form would show: the database's error mapped (lib/db-errors.ts), or the service's own. */
export const shown = async (p: Promise<unknown>) => {
  const err = await failure(p);
  expect(err, "expected a refusal").not.toBeNull();
  return (appErrorFromDb(err) ?? err) as AppError;
};

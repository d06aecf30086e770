import "server-only";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { withTenant, withUser } from "@/lib/tenant-db";
import type { Tx } from "@/db/client";
import { auditLog } from "@/db/schema";
import { appErrorFromDb, pgErrorOf } from "./db-errors";
import { AlreadyRecorded, AppError } from "@/lib/errors";
import type { Permission } from "@/lib/permissions";
import { requestId } from "@/lib/request";
import { logger } from "@/lib/log";
import { resolveTenant, type TenantContext } from "@/lib/auth/tenant";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/session";
import { formDataToObject, type ActionState } from "./action-state";

export interface AuditEntry {
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface WorkResult<T> {
  audit: AuditEntry;
  data?: T;
  message?: string;
}

export function zodFieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    // Schemas carry catalogue keys as messages; anything else falls back to a generic key.
    out[field] ??= /^[a-zA-Z][\w.]*$/.test(issue.message) ? issue.message : "invalid";
  }
  return out;
}

export function echo(raw: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === "string" && !/password/i.test(k) && v.length <= 2000) out[k] = v;
  }
  return out;
}

/** What a tenant write is: its permission, its form's zod schema, its audit names. */
export interface WriteDef<S extends z.ZodType> {
  permission: Permission;
  schema: S;
  action: string;
  entity: string;
  revalidate?: (ctx: TenantContext<CurrentUser>) => string;
  /**
   * Whether a group manager (issue 17.5: an editor limited to one group) may make this write, and
   * on which group: a function naming the input's group, which must be the manager's own; or
   * "rows" when the input names a record of the group (an entry, a credit), which row-level
   * security shows the manager only for its own group (migration 0044). Absent: managers may not.
   */
  manager?: ((input: z.infer<S>) => string) | "rows";
}

export type WriteWork<S extends z.ZodType, T> = (args: { tx: Tx; ctx: TenantContext<CurrentUser>; input: z.infer<S> }) => Promise<WorkResult<T>>;

/** A write's outcome once the tenant is resolved: done, already done (its key was accepted before), or invalid input. */
export type WriteOutcome<T> =
  | { kind: "done"; result: WorkResult<T> }
  | { kind: "duplicate"; entityId: string }
  | { kind: "invalid"; state: Extract<ActionState<never>, { status: "error" }> };

const isClientKeyViolation = (err: unknown) => {
  const p = pgErrorOf(err);
  return p?.code === "23505" && /_client_key_idx$/.test(p.constraint_name ?? p.constraint ?? "");
};

/**
 * The write itself, for a resolved tenant whose permission was checked: validate with the form's
 * zod schema, do the work and its audit record in one transaction. The form's server action and
 * the offline outbox's sync (lib/offline/sync.ts) both come here. Rule refusals are thrown.
 */
export async function writeInTenant<S extends z.ZodType, T>(
  def: WriteDef<S>,
  work: WriteWork<S, T>,
  ctx: TenantContext<CurrentUser>,
  raw: Record<string, unknown>,
  rid: string | undefined,
): Promise<WriteOutcome<T>> {
  if (!ctx.can(def.permission)) throw new AppError("not_found");
  // PostgreSQL text cannot hold NUL: refuse it as invalid input rather than fail in SQL.
  const nul = Object.keys(raw).filter((k) => typeof raw[k] === "string" && raw[k].includes("\u0000"));
  if (nul.length > 0) {
    return {
      kind: "invalid",
      state: { status: "error", fieldErrors: Object.fromEntries(nul.map((k) => [k, "invalid"])), formError: { key: "validation" }, values: echo(raw) },
    };
  }
  const parsed = def.schema.safeParse(raw);
  if (!parsed.success) {
    return { kind: "invalid", state: { status: "error", fieldErrors: zodFieldErrors(parsed.error), formError: { key: "validation" }, values: echo(raw) } };
  }
  if (ctx.groupId !== null && (def.manager === undefined || (def.manager !== "rows" && def.manager(parsed.data) !== ctx.groupId))) {
    throw new AppError("not_found");
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await withTenant(ctx, async (tx) => {
        const r = await work({ tx, ctx, input: parsed.data });
        await tx.insert(auditLog).values({
          actorUserId: ctx.user.id,
          orgId: ctx.org.id,
          action: def.action,
          entity: def.entity,
          entityId: r.audit.entityId,
          before: r.audit.before ?? null,
          after: r.audit.after ?? null,
          requestId: rid,
        });
        return r;
      });
      if (def.revalidate) revalidatePath(def.revalidate(ctx));
      return { kind: "done", result };
    } catch (err) {
      if (err instanceof AlreadyRecorded) return { kind: "duplicate", entityId: err.entityId };
      // The same key committed by a concurrent submission after this one's check: once more, and
      // the check finds it. (The services check after locking the group, so this is a backstop.)
      if (attempt === 0 && isClientKeyViolation(err)) continue;
      throw err;
    }
  }
}

/**
 * The one path of every write: authenticate, resolve the tenant named by the form, check the
 * permission, validate with the form's zod schema, do the work and its audit record in one
 * transaction. Errors become translated messages; nothing else reaches the user.
 */
export function orgAction<S extends z.ZodType, T = unknown>(def: WriteDef<S>, work: WriteWork<S, T>) {
  return async function run(_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> {
    const raw = formDataToObject(formData);
    const where: ErrorContext = { action: def.action };
    try {
      where.requestId = requestId(await headers());
      const slug = typeof raw.org === "string" ? raw.org : "";
      const resolution = await resolveTenant(slug, def.permission, { manager: true });
      if (resolution.kind === "unauthenticated") throw new AppError("unauthenticated");
      if (resolution.kind === "not_found") throw new AppError("not_found");
      const ctx = resolution.ctx;
      Object.assign(where, { orgId: ctx.org.id, userId: ctx.user.id });
      const out = await writeInTenant(def, work, ctx, raw, where.requestId);
      if (out.kind === "invalid") return out.state;
      // A form sent twice (a double tap, a retry on a slow network): the first one stands.
      if (out.kind === "duplicate") return { status: "ok", message: { key: "alreadyRecorded" } };
      return { status: "ok", data: out.result.data, message: out.result.message ? { key: out.result.message } : undefined };
    } catch (err) {
      return toErrorState(err, raw, where);
    }
  };
}

/**
 * The same path for what a signed-in user does as themselves, before any membership (answering
 * an invitation): authenticate, validate, do the work and its audit record in one transaction
 * with only the user context. The work names the organisation the record belongs to, if any;
 * row-level security decides whether the user may write there.
 */
export function userAction<S extends z.ZodType, T = unknown>(
  def: { schema: S; action: string; entity: string; revalidate?: string },
  work: (args: { tx: Tx; user: CurrentUser; input: z.infer<S> }) => Promise<WorkResult<T> & { orgId: string | null }>,
) {
  return async function run(_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> {
    const raw = formDataToObject(formData);
    const where: ErrorContext = { action: def.action };
    try {
      where.requestId = requestId(await headers());
      const user = await getCurrentUser();
      if (!user || user.mustChangePassword) throw new AppError("unauthenticated");
      where.userId = user.id;
      const nul = Object.keys(raw).filter((k) => typeof raw[k] === "string" && raw[k].includes("\u0000"));
      if (nul.length > 0) {
        return { status: "error", fieldErrors: Object.fromEntries(nul.map((k) => [k, "invalid"])), formError: { key: "validation" }, values: echo(raw) };
      }
      const parsed = def.schema.safeParse(raw);
      if (!parsed.success) {
        return { status: "error", fieldErrors: zodFieldErrors(parsed.error), formError: { key: "validation" }, values: echo(raw) };
      }
      const rid = where.requestId;
      const result = await withUser(user.id, async (tx) => {
        const r = await work({ tx, user, input: parsed.data });
        await tx.insert(auditLog).values({
          actorUserId: user.id,
          orgId: r.orgId,
          action: def.action,
          entity: def.entity,
          entityId: r.audit.entityId,
          before: r.audit.before ?? null,
          after: r.audit.after ?? null,
          requestId: rid,
        });
        return r;
      });
      if (def.revalidate) revalidatePath(def.revalidate);
      return { status: "ok", data: result.data, message: result.message ? { key: result.message } : undefined };
    } catch (err) {
      return toErrorState(err, raw, where);
    }
  };
}

/** What an unexpected error is logged with: ids only, never the form's values. */
export interface ErrorContext {
  action?: string;
  requestId?: string;
  orgId?: string;
  userId?: string;
}

export function toErrorState(err: unknown, raw: Record<string, unknown> = {}, where: ErrorContext = {}): ActionState<never> {
  err = appErrorFromDb(err) ?? err;
  if (err instanceof AppError) {
    return {
      status: "error",
      fieldErrors: err.fieldErrors,
      formError: { key: err.messageKey, values: err.values },
      values: echo(raw),
    };
  }
  const pgCode = (err as { code?: string; cause?: { code?: string } })?.cause?.code ?? (err as { code?: string })?.code;
  if (pgCode === "40001" || pgCode === "40P01") return { status: "error", formError: { key: "conflict" }, values: echo(raw) };
  // Logged once, here, with its stack; the user gets the translated "internal" message only.
  logger().error({ err, ...where }, "unexpected error in a server action");
  return { status: "error", formError: { key: "internal" }, values: echo(raw) };
}

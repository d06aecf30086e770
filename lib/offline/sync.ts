import "server-only";
import { createTranslator } from "next-intl";
import type { CurrentUser } from "@/lib/auth/session";
import type { TenantContext } from "@/lib/auth/tenant";
import type { MessageRef } from "@/lib/action-state";
import { creditSaleWrite, recordEntryWrite, repaymentWrite } from "@/lib/groups/ledger-writes";
import { stockReceiveWrite, stockSaleWrite } from "@/lib/stock/sale-write";
import { recordVisitWrite } from "@/lib/coaching/visit-write";
import { loadMessages } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import { toErrorState, writeInTenant } from "@/lib/server-action";
import type { OutboxType, SyncAnswer, SyncBatch } from "./batch";

const writes = {
  entry: recordEntryWrite,
  credit_sale: creditSaleWrite,
  repayment: repaymentWrite,
  item_sale: stockSaleWrite,
  item_purchase: stockReceiveWrite,
  visit: recordVisitWrite,
} as const;

/**
 * Sends a batch from the offline outbox through the same path as the forms (writeInTenant: the
 * permission, the form's zod schema, the rules of the services and of the database, one
 * transaction and one audit record per entry), in order. One entry's refusal does not stop the
 * others. The tenant was resolved from the URL by the caller; the entry's key is its idempotency
 * key, whatever its fields say.
 */
export async function syncBatch(ctx: TenantContext<CurrentUser>, batch: SyncBatch, rid: string | undefined, locale: Locale): Promise<SyncAnswer[]> {
  const t = await errorTranslator(locale);
  const answers: SyncAnswer[] = [];
  for (const entry of batch.entries) {
    const raw: Record<string, unknown> = { ...entry.fields, org: ctx.org.slug, clientKey: entry.key };
    answers.push(await syncOne(ctx, entry.type, raw, entry.key, rid, t));
  }
  return answers;
}

type Translate = (ref: MessageRef) => string;

async function syncOne(
  ctx: TenantContext<CurrentUser>,
  type: OutboxType,
  raw: Record<string, unknown>,
  key: string,
  rid: string | undefined,
  t: Translate,
): Promise<SyncAnswer> {
  const w = writes[type] as (typeof writes)["entry"];
  try {
    const out = await writeInTenant(w.def, w.work, ctx, raw, rid);
    if (out.kind === "done") return { key, status: "accepted", id: out.result.audit.entityId };
    if (out.kind === "duplicate") return { key, status: "duplicate", id: out.entityId };
    return refusal(key, out.state, t);
  } catch (err) {
    const state = toErrorState(err, raw, { action: w.def.action, requestId: rid, orgId: ctx.org.id, userId: ctx.user.id }) as RefusedState;
    // A serialisation failure or an unexpected error is not the entry's fault: sent again later.
    if (state.formError?.key === "internal" || state.formError?.key === "conflict") return { key, status: "retry", reason: t(state.formError) };
    return refusal(key, state, t);
  }
}

type RefusedState = { fieldErrors?: Record<string, string>; formError?: MessageRef };

function refusal(key: string, state: RefusedState, t: Translate): SyncAnswer {
  const fieldErrors =
    state.fieldErrors && Object.fromEntries(Object.entries(state.fieldErrors).map(([f, k]) => [f, t({ key: k, values: state.formError?.values })]));
  const general = state.formError && state.formError.key !== "validation" ? t(state.formError) : null;
  const reason = general ?? Object.values(fieldErrors ?? {})[0] ?? t({ key: "validation" });
  return { key, status: "refused", reason, ...(fieldErrors && Object.keys(fieldErrors).length > 0 ? { fieldErrors } : {}) };
}

/** Catalogue keys of the `errors` namespace to text in the reader's language (unknown keys as "invalid"). */
async function errorTranslator(locale: Locale): Promise<Translate> {
  const messages = await loadMessages(locale);
  const t = createTranslator({ locale, messages: { errors: messages.errors as Record<string, string> } });
  return (ref) => {
    const k = `errors.${ref.key}`;
    const key = (t.has(k as never) ? k : "errors.invalid") as never;
    return t(key, (ref.values ?? {}) as never);
  };
}

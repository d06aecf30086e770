"use client";
import { useEffect, useRef, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { creditSaleAction, recordEntryAction, repaymentAction } from "@/lib/groups/actions";
import { stockReceiveAction, stockSaleAction } from "@/lib/stock/actions";
import { idleState, type ActionState } from "@/lib/action-state";
import { cashPieces } from "@/lib/meetings/cash";
import type { OutboxType } from "@/lib/offline/batch";
import { CashPictures } from "@/components/plans/cash-pictures";
import { Pictogram } from "@/components/prices/pictogram";
import { newClientKey } from "@/components/forms/client-key";
import { messageValues } from "@/components/forms/message-values";
import { AnyItemPicture, CommunityPicture, DaysPicture, KindPicture, kindColour, type Community, type TillKind } from "./pictograms";

/**
 * The picture till (issue 17, point 5): a manager who cannot read records a sale, a stock
 * purchase, a credit sale or a repayment by pictures, a big keypad and the notes and coins of the
 * amount, and confirms a picture of what will be saved. It writes through the same server actions
 * (permission, group of the manager, zod schema, transaction, audit) as the group page's forms,
 * with the same idempotency key, and queues in the offline outbox without a connection.
 */
export interface TillItem {
  id: string;
  name: string;
  pictogram: string;
  unit: string;
}
export interface TillCredit {
  id: string;
  customerName: string;
  outstanding: number;
  currency: "XOF" | "MRU";
}
type Currency = "XOF" | "MRU";
type Step = "kind" | "item" | "quantity" | "customer" | "community" | "credit" | "amount" | "due" | "confirm" | "done";

interface Draft {
  kind?: TillKind;
  item?: TillItem | null;
  customerName?: string;
  community?: Community;
  credit?: TillCredit;
  amount: string;
  /** A sale of an item: how many of its unit (the stock's sale, with the ledger's entry). */
  quantity: string;
  dueDays?: number;
}

const DUE_CHOICES = [7, 14, 30] as const;
const COMMUNITIES: Community[] = ["host", "refugee", "other_village"];
const MAX_DIGITS = 12;
const MAX_QUANTITY_DIGITS = 6;
/** At most this many pictures of the item for a quantity; more are shown as the picture and the number. */
const QUANTITY_PICTURES = 10;
const steps: Record<TillKind, Step[]> = {
  sale: ["kind", "item", "quantity", "amount", "confirm"],
  purchase: ["kind", "item", "quantity", "amount", "confirm"],
  credit: ["kind", "customer", "community", "amount", "due", "confirm"],
  repayment: ["kind", "credit", "amount", "confirm"],
};
const outboxType: Record<TillKind, OutboxType> = { sale: "entry", purchase: "entry", credit: "credit_sale", repayment: "repayment" };
/** The steps of a kind: a sale or purchase of a chosen item asks how many ("without item" is money only). */
const pathOf = (kind: TillKind | undefined, item: TillItem | null | undefined): Step[] =>
  !kind ? ["kind"] : (kind === "sale" || kind === "purchase") && !item ? steps[kind].filter((s) => s !== "quantity") : steps[kind];

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
/** The portal's grouping of the locale (Western digits in Arabic too, as in Mauritania). */
const grouped = (digits: string, locale: string) =>
  new Intl.NumberFormat(locale === "ar" ? "ar-u-nu-latn" : locale, { maximumFractionDigits: 0 }).format(Number(digits || "0")).replace(/\u202f|\u00a0/g, " ");

const tile =
  "flex min-h-24 flex-col items-center justify-center gap-2 rounded-xl border-2 p-3 text-center text-lg font-semibold focus:outline-4 focus:outline-offset-2 focus:outline-emerald-700";

export function PictureTill({
  org,
  groupId,
  currency,
  today,
  items,
  credits,
  customers,
  labels,
}: {
  org: string;
  groupId: string;
  currency: Currency;
  today: string;
  items: TillItem[];
  credits: TillCredit[];
  /** Names of the group's earlier credit customers: picked again rather than typed. */
  customers: string[];
  labels: Record<string, string>;
}) {
  const tErr = useTranslations("errors");
  const locale = useLocale();
  const l = (key: string, values: Record<string, string | number> = {}) =>
    (labels[key] ?? key).replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
  const [step, setStep] = useState<Step>("kind");
  const [draft, setDraft] = useState<Draft>({ amount: "", quantity: "" });
  const [clientKey, setClientKey] = useState(newClientKey);
  const [result, setResult] = useState<ActionState>(idleState);
  const [queued, setQueued] = useState(false);
  const [pending, startTransition] = useTransition();
  const [newName, setNewName] = useState("");
  // Ready once hydrated and the outbox code is loaded: from then on a sale is kept even offline.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void import("@/lib/offline/outbox").then(() => setReady(true));
  }, []);
  const heading = useRef<HTMLHeadingElement>(null);
  const amountInput = useRef<HTMLInputElement>(null);
  const quantityInput = useRef<HTMLInputElement>(null);
  // The heading of each new step takes the focus: a screen reader says where the manager is.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (step === "amount") amountInput.current?.focus();
    else if (step === "quantity") quantityInput.current?.focus();
    else heading.current?.focus();
  }, [step]);

  const kind = draft.kind;
  const path = pathOf(kind, draft.item);
  const go = (delta: 1 | -1) => setStep(path[Math.max(0, path.indexOf(step) + delta)]);
  const next = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    const p = pathOf(patch.kind ?? kind, "item" in patch ? patch.item : draft.item);
    setStep(p[p.indexOf(step) + 1]);
  };
  /** A sale or purchase of a chosen item: written as the stock's sale or receipt with its ledger entry. */
  const itemSale = (kind === "sale" || kind === "purchase") && !!draft.item;
  const quantity = Number(draft.quantity || "0");
  const shownCurrency: Currency = kind === "repayment" && draft.credit ? draft.credit.currency : currency;
  const amount = Number(draft.amount || "0");
  const colour = kind ? kindColour[kind] : kindColour.sale;

  const fieldsOf = (confirm?: string): Record<string, string> => {
    const base = { org, clientKey, amount: draft.amount, ...(confirm ? { confirm } : {}) };
    if (kind === "credit")
      return {
        ...base,
        groupId,
        customerName: draft.customerName ?? "",
        community: draft.community ?? "",
        currency,
        grantedOn: today,
        dueOn: addDays(today, draft.dueDays ?? 30),
      };
    if (kind === "repayment") return { ...base, creditId: draft.credit?.id ?? "", paidOn: today };
    if (itemSale && kind === "purchase")
      return { ...base, groupId, itemId: draft.item?.id ?? "", occurredOn: today, quantity: draft.quantity, cost: draft.amount, currency, inLedger: "yes" };
    if (itemSale) return { ...base, groupId, itemId: draft.item?.id ?? "", occurredOn: today, quantity: draft.quantity, currency };
    return { ...base, groupId, kind: kind === "purchase" ? "stock_purchase" : "sale", occurredOn: today, currency, note: draft.item?.name ?? "" };
  };

  const save = (confirm?: string) => {
    if (!kind) return;
    const data = new FormData();
    for (const [k, v] of Object.entries(fieldsOf(confirm))) data.set(k, v);
    const queue = async () => {
      const { enqueue } = await import("@/lib/offline/outbox");
      await enqueue(org, itemSale ? (kind === "purchase" ? "item_purchase" : "item_sale") : outboxType[kind], data);
      setQueued(true);
      setStep("done");
    };
    startTransition(async () => {
      if (!navigator.onLine) return queue();
      let r: ActionState;
      try {
        const action =
          kind === "credit"
            ? creditSaleAction
            : kind === "repayment"
              ? repaymentAction
              : itemSale
                ? kind === "purchase"
                  ? stockReceiveAction
                  : stockSaleAction
                : recordEntryAction;
        r = await action(idleState, data);
      } catch {
        // The connection dropped on the way: the same key makes a second arrival "already recorded".
        return queue();
      }
      setResult(r);
      if (r.status === "ok") {
        setQueued(false);
        setStep("done");
      } else if (r.status === "error" && r.fieldErrors?.quantity) setStep("quantity");
      else if (r.status === "error" && (r.fieldErrors?.amount || r.fieldErrors?.cost)) setStep("amount");
      else if (r.status === "error" && r.fieldErrors?.customerName) setStep("customer");
    });
  };

  const restart = () => {
    setDraft({ amount: "", quantity: "" });
    setResult(idleState);
    setQueued(false);
    setNewName("");
    setClientKey(newClientKey());
    setStep("kind");
  };

  /** A key of the keypad, on the amount or (its own step) the quantity. */
  const press = (key: string) => {
    setResult(idleState);
    const field = step === "quantity" ? "quantity" : "amount";
    const max = field === "quantity" ? MAX_QUANTITY_DIGITS : MAX_DIGITS;
    setDraft((d) => {
      if (key === "back") return { ...d, [field]: d[field].slice(0, -1) };
      if (key === "clear") return { ...d, [field]: "" };
      const digits = (d[field] + key).replace(/^0+/, "");
      return digits.length > max ? d : { ...d, [field]: digits };
    });
  };

  // The server's messages name values (a ceiling, a date floor): they come with its form message.
  const values = result.status === "error" ? messageValues(result.formError?.values, locale) : undefined;
  const errorText = (field: string) => {
    if (result.status !== "error") return undefined;
    const key = result.fieldErrors?.[field];
    return key ? tErr(key as never, values as never) : undefined;
  };
  // A purchase of an item is the stock's receipt: its amount is the form's cost.
  const amountError = errorText("amount") ?? errorText("cost");
  const confirmToken = result.status === "error" ? result.formError?.values?.confirm : undefined;
  const formMessage = result.status === "error" && result.formError ? tErr(result.formError.key as never, values as never) : undefined;
  const formError = confirmToken ? undefined : formMessage;

  const title = (text: string) => (
    <h2 ref={heading} tabIndex={-1} className="text-xl font-bold focus:outline-none" data-testid="till-step">
      {text}
    </h2>
  );
  const backButton = step !== "kind" && step !== "done" && (
    <button type="button" onClick={() => go(-1)} className="min-h-12 self-start rounded-lg border border-slate-500 px-4 font-semibold" data-testid="till-back">
      ← {l("back")}
    </button>
  );

  // The keypad's keys, for the amount and for the quantity (each on its own step).
  const keys = (
    <>
      {["1", "2", "3", "4", "5", "6", "7", "8", "9", "00", "0", "000"].map((d) => (
        <button
          key={d}
          type="button"
          onClick={() => press(d)}
          className="min-h-16 rounded-xl border-2 border-slate-400 bg-white text-3xl font-bold active:bg-slate-200"
          data-testid={`till-key-${d}`}
        >
          {d}
        </button>
      ))}
      <button
        type="button"
        onClick={() => press("clear")}
        aria-label={l("clear")}
        className="min-h-16 rounded-xl border-2 border-slate-400 bg-white text-2xl font-bold"
      >
        C
      </button>
      <button
        type="button"
        onClick={() => press("back")}
        aria-label={l("erase")}
        className="min-h-16 rounded-xl border-2 border-slate-400 bg-white text-3xl font-bold"
        data-testid="till-key-back"
      >
        ⌫
      </button>
    </>
  );

  const summary = (
    <div className={`flex flex-col items-center gap-3 rounded-xl border-4 p-4 ${colour.border} ${colour.bg}`} data-testid="till-summary">
      <div className="flex items-center gap-4">
        {kind ? <KindPicture kind={kind} size={80} /> : null}
        {draft.item ? <Pictogram name={draft.item.pictogram} size={64} /> : null}
        {itemSale && quantity > 0 ? (
          <span className="text-3xl font-bold" dir="ltr" data-testid="till-summary-quantity">
            × {grouped(draft.quantity, locale)}
          </span>
        ) : null}
        {kind === "credit" && draft.community ? <CommunityPicture community={draft.community} size={64} /> : null}
        {kind === "credit" && draft.dueDays ? <DaysPicture days={draft.dueDays} size={64} /> : null}
      </div>
      <p className={`text-lg font-bold ${colour.text}`}>
        {kind ? l(`kind_${kind}`) : ""}
        {draft.item ? ` · ${draft.item.name}` : ""}
        {itemSale && quantity > 0 ? ` · ${grouped(draft.quantity, locale)} ${draft.item?.unit ?? ""}` : ""}
        {kind === "credit" ? ` · ${draft.customerName}` : ""}
        {kind === "repayment" && draft.credit ? ` · ${draft.credit.customerName}` : ""}
      </p>
      <p className={`text-4xl font-bold ${colour.text}`} dir="ltr" data-testid="till-summary-amount">
        {kind === "purchase" || kind === "credit" ? "− " : "+ "}
        {grouped(draft.amount, locale)} {shownCurrency}
      </p>
      {amount > 0 ? <CashPictures pieces={cashPieces(amount, shownCurrency)} currency={shownCurrency} label={l("cash")} /> : null}
      {kind === "credit" && draft.dueDays ? <p className="font-semibold">{l("dueOn", { date: addDays(today, draft.dueDays) })}</p> : null}
    </div>
  );

  return (
    <div className="flex flex-col gap-4" data-testid="picture-till" data-step={step} data-ready={ready ? "" : undefined}>
      {step === "kind" ? (
        <>
          {title(l("chooseKind"))}
          <div className="grid grid-cols-2 gap-3">
            {(["sale", "purchase", "credit", "repayment"] as const).map((k) => (
              <button
                key={k}
                type="button"
                onClick={() => next({ kind: k, item: undefined, credit: undefined })}
                className={`${tile} ${kindColour[k].border} ${kindColour[k].bg} ${kindColour[k].text}`}
                data-testid={`till-kind-${k}`}
              >
                <KindPicture kind={k} />
                {l(`kind_${k}`)}
                <span className="text-sm font-medium">
                  {l(k === "sale" || k === "repayment" ? "moneyIn" : k === "purchase" ? "moneyOut" : "goodsOnCredit")}
                </span>
              </button>
            ))}
          </div>
        </>
      ) : null}

      {step === "item" ? (
        <>
          {title(l("chooseItem"))}
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {items.map((i) => (
              <button key={i.id} type="button" onClick={() => next({ item: i })} className={`${tile} border-slate-400 bg-white`} data-testid="till-item">
                <Pictogram name={i.pictogram} size={56} />
                {i.name}
              </button>
            ))}
            <button type="button" onClick={() => next({ item: null })} className={`${tile} border-slate-400 bg-white`} data-testid="till-item-none">
              <AnyItemPicture size={56} />
              {l("anyItem")}
            </button>
          </div>
        </>
      ) : null}

      {step === "customer" ? (
        <>
          {title(l("chooseCustomer"))}
          {customers.length ? (
            <div className="grid grid-cols-2 gap-3">
              {customers.map((c) => (
                <button
                  key={c}
                  type="button"
                  onClick={() => next({ customerName: c })}
                  className={`${tile} border-slate-400 bg-white`}
                  data-testid="till-customer"
                >
                  {c}
                </button>
              ))}
            </div>
          ) : null}
          <form
            className="flex flex-col gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (newName.trim().length >= 2) next({ customerName: newName.trim() });
            }}
          >
            <label htmlFor="till-new-customer" className="font-semibold">
              {l("newCustomer")}
            </label>
            <input
              id="till-new-customer"
              value={newName}
              onChange={(e) => setNewName(e.target.value)}
              maxLength={120}
              className="min-h-12 rounded-lg border-2 border-slate-500 px-3 text-lg"
              aria-describedby={errorText("customerName") ? "till-customer-error" : undefined}
              data-testid="till-new-customer"
            />
            {errorText("customerName") ? (
              <p id="till-customer-error" role="alert" className="font-medium text-red-800">
                {errorText("customerName")}
              </p>
            ) : null}
            <button
              type="submit"
              disabled={newName.trim().length < 2}
              className="min-h-12 rounded-lg bg-slate-800 px-4 text-lg font-semibold text-white disabled:bg-slate-400"
            >
              {l("next")} →
            </button>
          </form>
        </>
      ) : null}

      {step === "community" ? (
        <>
          {title(l("chooseCommunity"))}
          <div className="grid grid-cols-3 gap-3">
            {COMMUNITIES.map((c) => (
              <button
                key={c}
                type="button"
                onClick={() => next({ community: c })}
                className={`${tile} border-slate-400 bg-white`}
                data-testid={`till-community-${c}`}
              >
                <CommunityPicture community={c} />
                {l(`community_${c}`)}
              </button>
            ))}
          </div>
        </>
      ) : null}

      {step === "credit" ? (
        <>
          {title(l("chooseCredit"))}
          {credits.length === 0 ? <p>{l("noCredits")}</p> : null}
          <div className="grid gap-3">
            {credits.map((c) => (
              <button
                key={c.id}
                type="button"
                onClick={() => next({ credit: c })}
                className={`${tile} items-start border-amber-700 bg-amber-50 text-amber-950`}
                data-testid="till-credit"
              >
                <span className="text-xl">{c.customerName}</span>
                <span dir="ltr">
                  {l("outstanding")} {grouped(String(c.outstanding), locale)} {c.currency}
                </span>
                <CashPictures pieces={cashPieces(c.outstanding, c.currency)} currency={c.currency} label={l("cash")} />
              </button>
            ))}
          </div>
        </>
      ) : null}

      {step === "quantity" && draft.item ? (
        <>
          <div className="flex items-center gap-3 rounded-xl border-2 border-slate-400 bg-white p-2">
            <Pictogram name={draft.item.pictogram} size={48} />
            <label htmlFor="till-quantity" className="text-lg font-bold">
              {l("quantity", { unit: draft.item.unit })}
            </label>
          </div>
          <input
            ref={quantityInput}
            id="till-quantity"
            dir="ltr"
            inputMode="none"
            autoComplete="off"
            value={grouped(draft.quantity, locale)}
            onChange={(e) => {
              setResult(idleState);
              setDraft((d) => ({ ...d, quantity: e.target.value.replace(/\D/g, "").replace(/^0+/, "").slice(0, MAX_QUANTITY_DIGITS) }));
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && quantity > 0) go(1);
            }}
            aria-describedby={errorText("quantity") ? "till-quantity-error" : "till-quantity-help"}
            aria-invalid={errorText("quantity") ? true : undefined}
            className="min-h-16 w-full rounded-xl border-4 border-slate-500 px-3 text-end text-4xl font-bold"
            data-testid="till-quantity"
          />
          <p id="till-quantity-help" className="sr-only">
            {l("quantityHelp")}
          </p>
          {errorText("quantity") ? (
            <p id="till-quantity-error" role="alert" className="font-medium text-red-800" data-testid="till-quantity-error">
              {errorText("quantity")}
            </p>
          ) : null}
          <div className="flex min-h-14 flex-wrap items-center gap-1" aria-hidden="true" data-testid="till-quantity-pictures">
            {Array.from({ length: Math.min(quantity, QUANTITY_PICTURES) }, (_, i) => (
              <Pictogram key={i} name={draft.item!.pictogram} size={32} />
            ))}
            {quantity > QUANTITY_PICTURES ? <span className="text-2xl font-bold">…</span> : null}
          </div>
          <div className="grid grid-cols-3 gap-2" dir="ltr" role="group" aria-label={l("keypad")}>
            {keys}
          </div>
          <button
            type="button"
            disabled={quantity <= 0}
            onClick={() => go(1)}
            className="min-h-16 rounded-xl bg-slate-800 text-xl font-bold text-white disabled:bg-slate-400"
            data-testid="till-quantity-next"
          >
            {l("next")} →
          </button>
        </>
      ) : null}

      {step === "amount" ? (
        <>
          <div className={`flex items-center gap-3 rounded-xl border-2 p-2 ${colour.border} ${colour.bg}`}>
            {kind ? <KindPicture kind={kind} size={48} /> : null}
            {draft.item ? <Pictogram name={draft.item.pictogram} size={40} /> : null}
            {itemSale && quantity > 0 ? (
              <span className="text-xl font-bold" dir="ltr">
                × {grouped(draft.quantity, locale)}
              </span>
            ) : null}
            <label htmlFor="till-amount" className={`text-lg font-bold ${colour.text}`}>
              {l("amount")} ({shownCurrency})
            </label>
          </div>
          <input
            ref={amountInput}
            id="till-amount"
            dir="ltr"
            inputMode="none"
            autoComplete="off"
            value={grouped(draft.amount, locale)}
            onChange={(e) => {
              setResult(idleState);
              setDraft((d) => ({ ...d, amount: e.target.value.replace(/\D/g, "").replace(/^0+/, "").slice(0, MAX_DIGITS) }));
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && amount > 0) go(1);
            }}
            aria-describedby={amountError ? "till-amount-error" : "till-amount-help"}
            aria-invalid={amountError ? true : undefined}
            className={`min-h-16 w-full rounded-xl border-4 px-3 text-end text-4xl font-bold ${colour.border} ${colour.text}`}
            data-testid="till-amount"
          />
          <p id="till-amount-help" className="sr-only">
            {l("amountHelp")}
          </p>
          {amountError ? (
            <p id="till-amount-error" role="alert" className="font-medium text-red-800" data-testid="till-amount-error">
              {amountError}
            </p>
          ) : null}
          <div className="min-h-14" aria-live="polite">
            {amount > 0 ? <CashPictures pieces={cashPieces(amount, shownCurrency)} currency={shownCurrency} label={l("cash")} /> : null}
          </div>
          <div className="grid grid-cols-3 gap-2" dir="ltr" role="group" aria-label={l("keypad")}>
            {keys}
            {kind === "repayment" && draft.credit ? (
              <button
                type="button"
                onClick={() => setDraft((d) => ({ ...d, amount: String(d.credit?.outstanding ?? "") }))}
                className="min-h-16 rounded-xl border-2 border-emerald-700 bg-emerald-50 text-lg font-bold text-emerald-900"
                data-testid="till-all"
              >
                {l("all")}
              </button>
            ) : null}
          </div>
          <button
            type="button"
            disabled={amount <= 0}
            onClick={() => go(1)}
            className="min-h-16 rounded-xl bg-slate-800 text-xl font-bold text-white disabled:bg-slate-400"
            data-testid="till-check"
          >
            {l("next")} →
          </button>
        </>
      ) : null}

      {step === "due" ? (
        <>
          {title(l("chooseDue"))}
          <div className="grid grid-cols-3 gap-3">
            {DUE_CHOICES.map((d) => (
              <button key={d} type="button" onClick={() => next({ dueDays: d })} className={`${tile} border-slate-400 bg-white`} data-testid={`till-due-${d}`}>
                <DaysPicture days={d} />
                {l("days", { days: d })}
              </button>
            ))}
          </div>
        </>
      ) : null}

      {step === "confirm" ? (
        <>
          {title(l("confirmTitle"))}
          {summary}
          {formError ? (
            <p role="alert" className="rounded-md border border-red-700 bg-red-50 p-3 font-medium text-red-900" data-testid="till-error">
              {formError}
            </p>
          ) : null}
          {confirmToken ? (
            <p role="alert" className="rounded-md border border-amber-700 bg-amber-50 p-3 font-medium text-amber-950" data-testid="till-warning">
              {formMessage}
            </p>
          ) : null}
          <div className="grid grid-cols-2 gap-3">
            <button
              type="button"
              onClick={() => go(-1)}
              className="flex min-h-20 flex-col items-center justify-center rounded-xl border-4 border-slate-500 bg-white text-lg font-bold"
              data-testid="till-fix"
            >
              <span aria-hidden="true" className="text-3xl">
                ✗
              </span>
              {l("fix")}
            </button>
            <button
              type="button"
              disabled={pending}
              onClick={() => save(confirmToken ? String(confirmToken) : undefined)}
              className="flex min-h-20 flex-col items-center justify-center rounded-xl border-4 border-emerald-800 bg-emerald-700 text-lg font-bold text-white disabled:bg-slate-500"
              data-testid="till-save"
            >
              <span aria-hidden="true" className="text-3xl">
                ✓
              </span>
              {confirmToken ? l("saveAnyway") : l("save")}
            </button>
          </div>
        </>
      ) : null}

      {step === "done" ? (
        <>
          <div
            role="status"
            className="flex flex-col items-center gap-2 rounded-xl border-4 border-emerald-700 bg-emerald-50 p-4 text-emerald-900"
            data-testid="till-done"
          >
            <svg viewBox="0 0 64 64" width={72} height={72} aria-hidden="true">
              <circle cx="32" cy="32" r="28" fill="#047857" />
              <path d="M18 33l9 9 19-20" stroke="#fff" strokeWidth="6" fill="none" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <p className="text-2xl font-bold">{queued ? l("savedOffline") : l("saved")}</p>
          </div>
          {summary}
          <button type="button" onClick={restart} className="min-h-16 rounded-xl bg-slate-800 text-xl font-bold text-white" data-testid="till-again">
            {l("again")}
          </button>
        </>
      ) : null}
      {backButton}
    </div>
  );
}

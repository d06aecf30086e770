"use server";
import { orgAction } from "@/lib/server-action";
import { AppError } from "@/lib/errors";
import { findVisibleCommune } from "@/lib/orgs/scope";
import type { TenantContext } from "@/lib/auth/tenant";
import type { CurrentUser } from "@/lib/auth/session";
import { createProduct, createSupplier, recordObservation, saveSettings, setBoardLink } from "./catalogue-service";
import { addOrderLine, createOrder, saveOrder } from "./orders-service";
import { archiveProduct, archiveSupplier, editProduct, editSupplier } from "./catalogue-edit";
import { correctDecision, decidePrice, withdrawDecision } from "./pricing-service";
import {
  addOrderLineSchema,
  archiveRecordSchema,
  attendeeSchema,
  boardLinkSchema,
  createOrderSchema,
  createSessionSchema,
  editProductSchema,
  editSupplierSchema,
  observationSchema,
  priceDecisionSchema,
  productSchema,
  removeAttendeeSchema,
  saveOrderSchema,
  settingsSchema,
  supplierSchema,
  updateSessionSchema,
} from "./schema";
import { addAttendee, createSession, removeAttendee, updateSession } from "./sessions-service";

/** Only a commune writes its own committee's records: the commune is the acting tenant. */
function communeOf(ctx: TenantContext<CurrentUser>): string {
  if (ctx.org.type !== "commune") throw new AppError("not_found");
  return ctx.org.id;
}
const base = (ctx: { org: { slug: string } }) => `/${ctx.org.slug}/prices/${ctx.org.slug}`;
const w = { permission: "prices:write" as const, revalidate: base };

export const createProductAction = orgAction(
  { ...w, schema: productSchema, action: "prices.product.create", entity: "product" },
  async ({ tx, ctx, input }) => {
    const p = await createProduct(tx, communeOf(ctx), input);
    return { audit: { entityId: p.id, after: p }, message: "productCreated" };
  },
);

export const createSupplierAction = orgAction(
  { ...w, schema: supplierSchema, action: "prices.supplier.create", entity: "supplier" },
  async ({ tx, ctx, input }) => {
    const s = await createSupplier(tx, communeOf(ctx), input);
    return { audit: { entityId: s.id, after: s }, message: "supplierCreated" };
  },
);

export const editProductAction = orgAction(
  { ...w, schema: editProductSchema, action: "prices.product.edit", entity: "product" },
  async ({ tx, ctx, input }) => {
    const r = await editProduct(tx, communeOf(ctx), input);
    return { audit: { entityId: r.product.id, before: r.before, after: r.after }, message: "recordSaved" };
  },
);

export const archiveProductAction = orgAction(
  { ...w, schema: archiveRecordSchema, action: "prices.product.archive", entity: "product" },
  async ({ tx, ctx, input }) => {
    const r = await archiveProduct(tx, communeOf(ctx), input, true);
    return { audit: { entityId: r.product.id, before: r.before, after: r.after }, message: "recordArchivedDone" };
  },
);

export const restoreProductAction = orgAction(
  { ...w, schema: archiveRecordSchema, action: "prices.product.restore", entity: "product" },
  async ({ tx, ctx, input }) => {
    const r = await archiveProduct(tx, communeOf(ctx), input, false);
    return { audit: { entityId: r.product.id, before: r.before, after: r.after }, message: "recordRestored" };
  },
);

export const editSupplierAction = orgAction(
  { ...w, schema: editSupplierSchema, action: "prices.supplier.edit", entity: "supplier" },
  async ({ tx, ctx, input }) => {
    const r = await editSupplier(tx, communeOf(ctx), input);
    return { audit: { entityId: r.supplier.id, before: r.before, after: r.after }, message: "recordSaved" };
  },
);

export const archiveSupplierAction = orgAction(
  { ...w, schema: archiveRecordSchema, action: "prices.supplier.archive", entity: "supplier" },
  async ({ tx, ctx, input }) => {
    const r = await archiveSupplier(tx, communeOf(ctx), input, true);
    return { audit: { entityId: r.supplier.id, before: r.before, after: r.after }, message: "recordArchivedDone" };
  },
);

export const restoreSupplierAction = orgAction(
  { ...w, schema: archiveRecordSchema, action: "prices.supplier.restore", entity: "supplier" },
  async ({ tx, ctx, input }) => {
    const r = await archiveSupplier(tx, communeOf(ctx), input, false);
    return { audit: { entityId: r.supplier.id, before: r.before, after: r.after }, message: "recordRestored" };
  },
);

export const createSessionAction = orgAction(
  { ...w, schema: createSessionSchema, action: "prices.session.create", entity: "price_session" },
  async ({ tx, ctx, input }) => {
    const s = await createSession(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: s.id, after: s }, data: { id: s.id }, message: "sessionCreated" };
  },
);

export const updateSessionAction = orgAction(
  { ...w, schema: updateSessionSchema, action: "prices.session.update", entity: "price_session" },
  async ({ tx, ctx, input }) => {
    const { before, after } = await updateSession(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: after.id, before, after }, data: { version: after.version }, message: "sessionSaved" };
  },
);

export const addAttendeeAction = orgAction(
  { ...w, schema: attendeeSchema, action: "prices.attendee.add", entity: "session_attendee" },
  async ({ tx, ctx, input }) => {
    const a = await addAttendee(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: a.id, after: a }, message: "attendeeAdded" };
  },
);

export const removeAttendeeAction = orgAction(
  { ...w, schema: removeAttendeeSchema, action: "prices.attendee.remove", entity: "session_attendee" },
  async ({ tx, ctx, input }) => {
    const a = await removeAttendee(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: a.id, before: a }, message: "attendeeRemoved" };
  },
);

/** Decide a price; or, while the session is a draft, correct or withdraw one of its decisions. */
export const decidePriceAction = orgAction(
  { ...w, schema: priceDecisionSchema, action: "prices.price.decide", entity: "negotiated_price" },
  async ({ tx, ctx, input }) => {
    const commune = communeOf(ctx);
    if (input.intent === "withdraw") {
      const { before, after } = await withdrawDecision(tx, commune, ctx.user.id, input);
      return { audit: { entityId: after.id, before, after: { intent: input.intent, ...after } }, message: "priceWithdrawn" };
    }
    if (input.intent === "correct") {
      const { price, corrected } = await correctDecision(tx, commune, ctx.user.id, input);
      return { audit: { entityId: price.id, before: corrected, after: { intent: input.intent, ...price } }, message: "priceCorrected" };
    }
    const { price, previous } = await decidePrice(tx, commune, ctx.user.id, input);
    return { audit: { entityId: price.id, before: previous, after: price }, message: "priceDecided" };
  },
);

export const createOrderAction = orgAction(
  { ...w, schema: createOrderSchema, action: "prices.order.create", entity: "purchase_order" },
  async ({ tx, ctx, input }) => {
    const o = await createOrder(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: o.id, after: o }, data: { id: o.id }, message: "orderCreated" };
  },
);

export const addOrderLineAction = orgAction(
  { ...w, schema: addOrderLineSchema, action: "prices.order.add_line", entity: "purchase_order" },
  async ({ tx, ctx, input }) => {
    const l = await addOrderLine(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: input.orderId, after: l }, message: "orderLineAdded" };
  },
);

export const saveOrderAction = orgAction(
  { ...w, schema: saveOrderSchema, action: "prices.order.save", entity: "purchase_order" },
  async ({ tx, ctx, input }) => {
    const o = await saveOrder(tx, communeOf(ctx), ctx.user.id, input);
    return { audit: { entityId: o.id, after: { ...input, status: o.status, version: o.version } }, message: "orderSaved" };
  },
);

/** Market prices: by the commune's committee, or by coaches of an NGO working in the commune. */
export const recordObservationAction = orgAction(
  {
    permission: "prices:observe",
    schema: observationSchema,
    action: "prices.observation.record",
    entity: "market_observation",
    revalidate: (ctx) => `/${ctx.org.slug}/prices`,
  },
  async ({ tx, ctx, input }) => {
    const commune = await findVisibleCommune(tx, ctx.org, input.commune);
    if (!commune) throw new AppError("not_found");
    const o = await recordObservation(tx, commune.id, ctx.user.id, input);
    return { audit: { entityId: o.id, after: o }, message: "observationRecorded" };
  },
);

const a = { permission: "prices:admin" as const, revalidate: base };

export const saveSettingsAction = orgAction(
  { ...a, schema: settingsSchema, action: "prices.settings.save", entity: "price_settings" },
  async ({ tx, ctx, input }) => {
    const s = await saveSettings(tx, communeOf(ctx), input);
    return { audit: { entityId: s.communeOrgId, after: input }, message: "settingsSaved" };
  },
);

export const setBoardLinkAction = orgAction(
  { ...a, schema: boardLinkSchema, action: "prices.board_link", entity: "price_settings" },
  async ({ tx, ctx, input }) => {
    const s = await setBoardLink(tx, communeOf(ctx), input);
    return { audit: { entityId: s.communeOrgId, after: { enabled: s.enabled, mode: input.mode } }, message: "boardLinkSaved" };
  },
);

import * as actions from "@/lib/prices/actions";
import * as schemas from "@/lib/prices/schema";

/** Each price-committee form: the zod schema its server action parses, and the action. */
export const priceForms = {
  product: { schema: schemas.productSchema, action: actions.createProductAction },
  supplier: { schema: schemas.supplierSchema, action: actions.createSupplierAction },
  editProduct: { schema: schemas.editProductSchema, action: actions.editProductAction },
  archiveProduct: { schema: schemas.archiveRecordSchema, action: actions.archiveProductAction },
  restoreProduct: { schema: schemas.archiveRecordSchema, action: actions.restoreProductAction },
  editSupplier: { schema: schemas.editSupplierSchema, action: actions.editSupplierAction },
  archiveSupplier: { schema: schemas.archiveRecordSchema, action: actions.archiveSupplierAction },
  restoreSupplier: { schema: schemas.archiveRecordSchema, action: actions.restoreSupplierAction },
  createSession: { schema: schemas.createSessionSchema, action: actions.createSessionAction },
  updateSession: { schema: schemas.updateSessionSchema, action: actions.updateSessionAction },
  attendee: { schema: schemas.attendeeSchema, action: actions.addAttendeeAction },
  removeAttendee: { schema: schemas.removeAttendeeSchema, action: actions.removeAttendeeAction },
  decidePrice: { schema: schemas.decidePriceSchema, action: actions.decidePriceAction },
  // One action decides, corrects or withdraws (its `intent`); each form validates its own part.
  correctDecision: { schema: schemas.correctDecisionSchema, action: actions.decidePriceAction },
  withdrawDecision: { schema: schemas.withdrawDecisionSchema, action: actions.decidePriceAction },
  createOrder: { schema: schemas.createOrderSchema, action: actions.createOrderAction },
  addOrderLine: { schema: schemas.addOrderLineSchema, action: actions.addOrderLineAction },
  saveOrder: { schema: schemas.saveOrderSchema, action: actions.saveOrderAction },
  observation: { schema: schemas.observationSchema, action: actions.recordObservationAction },
  settings: { schema: schemas.settingsSchema, action: actions.saveSettingsAction },
  boardLink: { schema: schemas.boardLinkSchema, action: actions.setBoardLinkAction },
} as const;

export type PriceFormKey = keyof typeof priceForms;

/** The one error type of the application; its code maps once to a status and a message. */
export const errorCodes = ["unauthenticated", "not_found", "forbidden", "validation", "conflict", "internal"] as const;
export type ErrorCode = (typeof errorCodes)[number];

export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Message key in the `errors` catalogue namespace. */
    readonly messageKey: string = code,
    readonly fieldErrors?: FieldErrors,
    readonly values?: Record<string, string | number>,
  ) {
    super(`${code}: ${messageKey}`);
    this.name = "AppError";
  }
}

export const httpStatus: Record<ErrorCode, number> = {
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  validation: 400,
  conflict: 409,
  internal: 500,
};

/** A field's error as a catalogue key: `errors.<key>`. */
export const fieldError = (field: string, key: string, values?: Record<string, string | number>) => new AppError("validation", key, { [field]: key }, values);

/**
 * What a write answers when its idempotency key was already accepted (a retried form, a replayed
 * offline batch): the write is not repeated, and the caller is given the record made the first time.
 */
export class AlreadyRecorded extends Error {
  constructor(readonly entityId: string) {
    super(`already recorded: ${entityId}`);
    this.name = "AlreadyRecorded";
  }
}

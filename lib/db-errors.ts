import { AppError, type ErrorCode } from "./errors";

/**
 * Rules enforced by the database (migrations 0013, 0016, 0019) raise their own SQLSTATE in class
 * TK, with the catalogue key in HINT and the values it names in DETAIL (a quarter, or JSON). This
 * turns them into the one error type, so a refused write shows the same translated message
 * whichever rule refused it.
 */
const byCode: Record<string, { code: ErrorCode; field?: string }> = {
  TK001: { code: "conflict" }, // quarterLocked
  TK002: { code: "conflict", field: "validFrom" }, // rateAltersLockedQuarter
  TK003: { code: "validation" }, // entryImmutable
  TK004: { code: "validation" }, // entryVoided
  TK005: { code: "validation", field: "amount" }, // creditRepaymentsExceed
  TK006: { code: "conflict" }, // historyAppendOnly
  TK007: { code: "validation" }, // creditVoided
  TK008: { code: "validation", field: "paidOn" }, // repaymentBeforeCredit
  TK009: { code: "validation", field: "periodFrom" }, // distributionsOverlap (migration 0021)
  TK010: { code: "conflict" }, // boardLinkFinal (migration 0023)
  TK011: { code: "validation" }, // recordArchived (migration 0033)
  TK012: { code: "validation" }, // recordKept (migration 0033)
  TK013: { code: "validation", field: "role" }, // managerIsEditor (migration 0044)
  TK420: { code: "validation", field: "attendees" }, // meetingNotQuorate (migration 0043)
  TK421: { code: "validation" }, // distributionFinal, notGroupMember (migration 0043)
  TK430: { code: "conflict" }, // stockAppendOnly (migration 0046)
  TK431: { code: "validation" }, // stockCounted (migration 0046)
  TK432: { code: "validation", field: "quantity" }, // stockInsufficient (migration 0046)
  TK433: { code: "validation" }, // stockItemGroup, stockOutEnded (migration 0046)
  TK434: { code: "validation" }, // stockSaleEntry, entryHasItems (migration 0048)
  TK440: { code: "validation" }, // mergeOtherNgo, mergeIntoMerged, mergeChain (migration 0055)
  // price committee (migration 0016)
  TK101: { code: "validation" }, // sessionClosed
  TK102: { code: "validation" }, // decisionNotQuorate
  TK103: { code: "validation", field: "effectiveOn" }, // effectiveInPast
  TK104: { code: "validation", field: "effectiveOn" }, // effectiveBeyondHorizon
  TK105: { code: "validation" }, // decisionImmutable
  TK106: { code: "validation" }, // decisionAlreadyWithdrawn
  TK107: { code: "validation", field: "reason" }, // reasonRequired
  TK108: { code: "validation" }, // correctionInvalid
  TK109: { code: "validation", field: "effectiveOn" }, // increaseNeedsNotice
  TK110: { code: "validation" }, // laterIncreaseUnannounced
  TK111: { code: "validation", field: "channels" }, // noticeChannelsRequired
  TK112: { code: "validation", field: "villages" }, // noticeVillagesRequired
  TK113: { code: "validation" }, // noticeImmutable
  TK114: { code: "validation", field: "name" }, // attendeeDuplicate
  TK115: { code: "validation" }, // attendeesLocked
  TK116: { code: "validation", field: "status" }, // closeRetroactive
  TK117: { code: "validation", field: "villages" }, // noticeVillageOutside
  // plausibility (migration 0019): DETAIL is JSON naming the field and the limit or the floor
  TK201: { code: "validation", field: "amount" }, // amountAboveCeiling
  TK202: { code: "validation", field: "occurredOn" }, // dateBeforeFloor
};

/** DETAIL as the values of the message: JSON (its `field` names the form field), or a quarter. */
function valuesOf(detail: string | undefined): Record<string, string | number> | undefined {
  if (!detail) return undefined;
  if (detail.startsWith("{")) {
    try {
      const parsed = JSON.parse(detail) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string | number] => typeof e[1] === "string" || typeof e[1] === "number"));
    } catch {
      return undefined;
    }
  }
  return { quarter: detail };
}

/**
 * Constraints that refuse what a form sent when a check before them could not see it: a write
 * racing another one (two accounts created with one address at once), or a reference the schema
 * cannot know (an activity type is data). The refusal is the form's, not an internal error.
 */
const byConstraint: Record<string, { code: ErrorCode; key: string; field?: string }> = {
  users_email_key: { code: "validation", key: "emailTaken", field: "email" },
  groups_activity_type_activity_types_code_fk: { code: "validation", key: "invalid", field: "activityType" },
  // Two entries at once of what exists once (a month's rate, a village's quarterly survey, a
  // group's evaluation of a quarter): the second is told that the record changed meanwhile, and
  // sees the first on reload.
  exchange_rates_valid_from_key: { code: "conflict", key: "conflict" },
  cohesion_surveys_village_quarter_key: { code: "conflict", key: "conflict" },
  group_evaluations_group_quarter_key: { code: "conflict", key: "conflict" },
};

interface PgLike {
  code?: string;
  hint?: string;
  detail?: string;
  constraint_name?: string;
  constraint?: string;
  cause?: unknown;
}

/** The database error behind a driver or ORM error (drizzle wraps it in `cause`). */
export function pgErrorOf(err: unknown): PgLike | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === "object"; i++) {
    const p = e as PgLike;
    if (typeof p.code === "string" && /^[0-9A-Z]{5}$/.test(p.code)) return p;
    e = p.cause;
  }
  return null;
}

export function appErrorFromDb(err: unknown): AppError | null {
  const p = pgErrorOf(err);
  const constraint = p && (p.code === "23505" || p.code === "23503") ? byConstraint[p.constraint_name ?? p.constraint ?? ""] : undefined;
  if (constraint) return new AppError(constraint.code, constraint.key, constraint.field ? { [constraint.field]: constraint.key } : undefined);
  const rule = p?.code ? byCode[p.code] : undefined;
  if (!p || !rule || !p.hint) return null;
  const values = valuesOf(p.detail);
  const field = typeof values?.field === "string" ? values.field : rule.field;
  return new AppError(rule.code, p.hint, field ? { [field]: p.hint } : undefined, values);
}

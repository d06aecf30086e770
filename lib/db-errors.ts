import { AppError, type ErrorCode } from "./errors";

/**
 * Rules enforced by the database (migration 0013) raise their own SQLSTATE in class TK, with the
 * catalogue key in HINT and the value it names (a quarter) in DETAIL. This turns them into the one
 * error type, so a refused write shows the same translated message whichever rule refused it.
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
};

interface PgLike {
  code?: string;
  hint?: string;
  detail?: string;
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
  const rule = p?.code ? byCode[p.code] : undefined;
  if (!p || !rule || !p.hint) return null;
  const values = p.detail ? { quarter: p.detail } : undefined;
  return new AppError(rule.code, p.hint, rule.field ? { [rule.field]: p.hint } : undefined, values);
}

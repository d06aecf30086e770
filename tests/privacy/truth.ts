/** The auditor's switch: while on, the disclosure policy suppresses nothing (the true figures). */
export const truth = { on: false };

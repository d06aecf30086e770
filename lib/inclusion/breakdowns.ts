/** Rows of the breakdown tables: per activity type, or per village of the group. */
export const breakdowns = ["activity", "village"] as const;
export type Breakdown = (typeof breakdowns)[number];

/**
 * The quorum of an open profit meeting, as migration 0043 checks it: more than `pct` % of the
 * members who share the profit present, or all of them. `required` is the smallest such count.
 */
export function quorum(active: number, present: number, pct: number) {
  const required = Math.min(active, Math.floor((active * pct) / 100) + 1);
  return { required, reached: active > 0 && (present >= active || present * 100 > active * pct) };
}

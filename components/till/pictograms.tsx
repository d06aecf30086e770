/**
 * Pictures of the picture till (issue 17.5), drawn in code: one per kind of operation, per
 * community and for a due date, recognisable without reading. Decorative: the word is always
 * written beside them, for those who read a little and for screen readers.
 */
export type TillKind = "sale" | "purchase" | "credit" | "repayment";

/** Money in is green, money out red, goods given on credit amber (the same colours on paper). */
export const kindColour: Record<TillKind, { fg: string; bg: string; border: string; text: string }> = {
  sale: { fg: "#047857", bg: "bg-emerald-50", border: "border-emerald-700", text: "text-emerald-900" },
  repayment: { fg: "#047857", bg: "bg-emerald-50", border: "border-emerald-700", text: "text-emerald-900" },
  purchase: { fg: "#b91c1c", bg: "bg-red-50", border: "border-red-700", text: "text-red-900" },
  credit: { fg: "#b45309", bg: "bg-amber-50", border: "border-amber-700", text: "text-amber-950" },
};

const svg = (size: number) => ({ viewBox: "0 0 64 64", width: size, height: size, "aria-hidden": true as const, fill: "none", strokeWidth: 3 });

/** Sale: goods go out of the shop, coins come into the cash box (arrow in). */
export function KindPicture({ kind, size = 64 }: { kind: TillKind; size?: number }) {
  const c = kindColour[kind].fg;
  if (kind === "sale")
    return (
      <svg {...svg(size)} stroke={c}>
        <rect x="8" y="34" width="48" height="24" rx="3" fill="#d1fae5" />
        <path d="M20 34v-6h24v6" />
        <circle cx="32" cy="46" r="6" fill="#fde68a" stroke="#92400e" />
        <path d="M32 4v20M24 16l8 8 8-8" strokeLinecap="round" />
      </svg>
    );
  if (kind === "purchase")
    return (
      <svg {...svg(size)} stroke={c}>
        <path d="M6 10h8l6 30h30l6-20H18" strokeLinejoin="round" />
        <circle cx="24" cy="50" r="4" fill={c} />
        <circle cx="46" cy="50" r="4" fill={c} />
        <path d="M36 34V14M28 22l8-8 8 8" strokeLinecap="round" />
      </svg>
    );
  if (kind === "credit")
    return (
      <svg {...svg(size)} stroke={c}>
        <rect x="10" y="6" width="34" height="50" rx="3" fill="#fef3c7" />
        <path d="M18 18h18M18 28h18M18 38h10" />
        <circle cx="48" cy="44" r="10" fill="#fff" />
        <path d="M48 38v7l4 3" strokeLinecap="round" />
      </svg>
    );
  return (
    <svg {...svg(size)} stroke={c}>
      <rect x="6" y="8" width="30" height="44" rx="3" fill="#fef3c7" stroke="#b45309" />
      <path d="M13 20h16M13 30h16" stroke="#b45309" />
      <circle cx="46" cy="42" r="12" fill="#fde68a" stroke="#92400e" />
      <path d="M40 42l5 5 8-10" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export type Community = "host" | "refugee" | "other_village";

/** Host village: a house; refugee: a tent; another village: a road to houses. */
export function CommunityPicture({ community, size = 56 }: { community: Community; size?: number }) {
  const c = "#0f172a";
  if (community === "host")
    return (
      <svg {...svg(size)} stroke={c}>
        <path d="M8 30L32 10l24 20" strokeLinejoin="round" />
        <rect x="14" y="28" width="36" height="26" fill="#e7e5e4" />
        <rect x="28" y="38" width="8" height="16" fill="#78716c" />
      </svg>
    );
  if (community === "refugee")
    return (
      <svg {...svg(size)} stroke={c}>
        <path d="M6 54L32 10l26 44z" fill="#e0f2fe" strokeLinejoin="round" />
        <path d="M32 10v44M26 54l6-14 6 14" />
      </svg>
    );
  return (
    <svg {...svg(size)} stroke={c}>
      <path d="M10 58l14-36h16l14 36" />
      <path d="M32 26v6M32 40v6M32 52v4" strokeDasharray="0" />
      <path d="M40 14l8-7 8 7v8H40z" fill="#e7e5e4" />
    </svg>
  );
}

/** A calendar page with the number of days written large (a due date: "in 7 days"). */
export function DaysPicture({ days, size = 56 }: { days: number; size?: number }) {
  return (
    <svg {...svg(size)} stroke="#0f172a">
      <rect x="8" y="12" width="48" height="44" rx="4" fill="#fff" />
      <path d="M8 24h48M20 6v12M44 6v12" />
      <text x="32" y="50" textAnchor="middle" fontSize="22" fontWeight="700" fill="#0f172a" stroke="none">
        {days}
      </text>
    </svg>
  );
}

/** "No particular item": an open box. */
export function AnyItemPicture({ size = 48 }: { size?: number }) {
  return (
    <svg {...svg(size)} stroke="#334155">
      <path d="M8 24l24-10 24 10v26L32 60 8 50z" fill="#f1f5f9" strokeLinejoin="round" />
      <path d="M8 24l24 10 24-10M32 34v26" />
    </svg>
  );
}

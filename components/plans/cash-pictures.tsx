import type { CashPiece } from "@/lib/meetings/cash";

/** Digits grouped by thin spaces, Latin digits in both languages (as on the notes themselves). */
const digits = (n: number) => n.toLocaleString("fr-FR").replace(/\u202f|\u00a0/g, " ");

/** A note or a coin, drawn with its value: recognisable without reading. Decorative beside the count. */
function Piece({ piece, currency }: { piece: CashPiece; currency: string }) {
  if (piece.kind === "note") {
    return (
      <svg viewBox="0 0 120 60" className="h-12 w-24" aria-hidden="true">
        <rect x="2" y="2" width="116" height="56" rx="6" fill="#d1fae5" stroke="#065f46" strokeWidth="3" />
        <circle cx="24" cy="30" r="12" fill="none" stroke="#065f46" strokeWidth="2" />
        <text x="74" y="38" textAnchor="middle" fontSize="22" fontWeight="700" fill="#064e3b">
          {digits(piece.value)}
        </text>
        <text x="24" y="35" textAnchor="middle" fontSize="10" fill="#064e3b">
          {currency}
        </text>
      </svg>
    );
  }
  return (
    <svg viewBox="0 0 60 60" className="h-12 w-12" aria-hidden="true">
      <circle cx="30" cy="30" r="27" fill="#fde68a" stroke="#92400e" strokeWidth="3" />
      <text x="30" y="37" textAnchor="middle" fontSize="20" fontWeight="700" fill="#78350f">
        {digits(piece.value)}
      </text>
    </svg>
  );
}

/** Each denomination: as many pictures as pieces (up to five), then "× N" in big figures. */
export function CashPictures({ pieces, currency, label }: { pieces: CashPiece[]; currency: string; label: string }) {
  return (
    <ul className="flex flex-wrap gap-3" aria-label={label}>
      {pieces.map((p) => (
        <li key={`${p.kind}-${p.value}`} className="flex items-center gap-1" dir="ltr">
          {Array.from({ length: Math.min(p.count, 5) }, (_, i) => (
            <Piece key={i} piece={p} currency={currency} />
          ))}
          <span className="text-2xl font-bold">× {p.count}</span>
          <span className="sr-only">
            {digits(p.value)} {currency}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Pictograms of the statement: a person, money, a calendar, a group. */
export function Pictogram({ kind }: { kind: "person" | "money" | "calendar" | "group" }) {
  const common = { viewBox: "0 0 48 48", className: "size-14 shrink-0", "aria-hidden": true as const, fill: "none", stroke: "#0f172a", strokeWidth: 3 };
  if (kind === "person")
    return (
      <svg {...common}>
        <circle cx="24" cy="14" r="9" />
        <path d="M6 44c2-11 9-16 18-16s16 5 18 16" />
      </svg>
    );
  if (kind === "money")
    return (
      <svg {...common}>
        <ellipse cx="24" cy="12" rx="16" ry="6" fill="#fde68a" />
        <path d="M8 12v8c0 3 7 6 16 6s16-3 16-6v-8M8 20v8c0 3 7 6 16 6s16-3 16-6v-8M8 28v8c0 3 7 6 16 6s16-3 16-6v-8" />
      </svg>
    );
  if (kind === "calendar")
    return (
      <svg {...common}>
        <rect x="6" y="9" width="36" height="33" rx="3" />
        <path d="M6 18h36M15 5v8M33 5v8" />
        <circle cx="16" cy="28" r="2.5" fill="#0f172a" />
      </svg>
    );
  return (
    <svg {...common}>
      <circle cx="14" cy="15" r="6" />
      <circle cx="34" cy="15" r="6" />
      <circle cx="24" cy="11" r="6" />
      <path d="M3 40c1-8 5-12 11-12M45 40c-1-8-5-12-11-12M12 44c1-9 6-14 12-14s11 5 12 14" />
    </svg>
  );
}

/**
 * Whole amounts as people type them (issue 13): "150 000" (French, with a space, a no-break or
 * a narrow no-break space), "150,000" or "150.000" (thousands grouped by three), and Arabic-Indic
 * digits "١٥٠٠٠٠" or "١٥٠٬٠٠٠" all mean 150000. Anything else is passed on as typed, for the
 * schema to refuse with its own message ("150,5" is not a whole amount).
 */
const arabicIndic = /[\u0660-\u0669]/g;
const persianDigits = /[\u06F0-\u06F9]/g;
const spaces = /[\s\u00A0\u202F\u2009\u2007]/g;
const grouped = /^[+-]?\d{1,3}([.,\u066C'])\d{3}(\1\d{3})*$/;

export function normaliseInteger(input: unknown): unknown {
  if (typeof input !== "string") return input;
  let s = input
    .replace(arabicIndic, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(persianDigits, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(spaces, "");
  if (grouped.test(s)) s = s.replace(/[.,\u066C']/g, "");
  // A decimal comma ("150,5", "150٫5"): read as the decimal it is, for "not a whole amount".
  else if (/^[+-]?\d+[,\u066B]\d+$/.test(s)) s = s.replace(/[,\u066B]/, ".");
  return s;
}

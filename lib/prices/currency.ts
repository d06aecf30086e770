export const currencyCodes = ["MRU", "XOF"] as const;
export type CurrencyCode = (typeof currencyCodes)[number];

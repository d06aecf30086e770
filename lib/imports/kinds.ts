/** What an import file may hold (a module of its own: the upload form, a client component, reads it without the vocabulary). */
export const importKinds = ["members", "ledger", "groups"] as const;
export type ImportKind = (typeof importKinds)[number];

export * from "./places";
export * from "./tenancy";
export * from "./audit";
export * from "./groups";
export * from "./people";
export * from "./ledger";

export * from "./places";
export * from "./tenancy";
export * from "./audit";
export * from "./groups";
export * from "./cohesion";
export * from "./coaching";
export * from "./prices";

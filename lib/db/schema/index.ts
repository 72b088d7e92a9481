export * from "./accounts";
export * from "./groups";

export * from "./accounts";
export * from "./groups";
export * from "./imports";
export * from "./group-content";
export * from "./exports";
export * from "./source-users";

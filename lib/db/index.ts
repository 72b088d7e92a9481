export { closeDb, getDb, getPool, type Db } from "./client";
export { isRowId } from "./row-id";
export * from "./schema";

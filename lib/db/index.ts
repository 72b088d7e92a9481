export { closeDb, getDb, getPool, type Db, type Tx } from "./client";
export { isRowId } from "./row-id";
export * from "./schema";

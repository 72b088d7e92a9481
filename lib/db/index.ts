export { closeDb, getDb, getPool, type Db } from "./client";
export * from "./schema";

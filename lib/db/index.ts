export { closeDb, getDatabaseUrl, getDb, getPool, setDatabaseUrl, sqlExecutor, type Db, type SqlExecutor, type Tx } from "./client";
export { lowerBackendPriority } from "./backend-priority";
export { isRowId } from "./row-id";
export { bulkInsert } from "./bulk-insert";
export { arrayLiteral } from "./column-rows";
export { COPY_PIECE_CHARS, copyRows, escapeCopyField } from "./copy-rows";
export { containing } from "./like";
export { preparedQuery, preparedSql } from "./prepared";
export * from "./schema";

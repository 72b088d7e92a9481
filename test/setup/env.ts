import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.FERRY_DATA_DIR = inject("dataDir");
process.env.LOG_LEVEL ??= "silent";

import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.FERRY_DATA_DIR = inject("dataDir");
process.env.LOG_LEVEL ??= "silent";
// Test files share the database: the housekeeping of a worker a test starts (`ferry worker` processes inherit this)
// must not end another file's imports. A century without progress is an age no test's import has; a test of the
// stale sweep calls timeoutStaleImports on its own imports.
process.env.FERRY_IMPORT_TIMEOUT_HOURS = String(100 * 365 * 24);
// Likewise the workers' nudge: a test of it nudges its own imports.
process.env.FERRY_IMPORT_NUDGE_SECONDS = String(100 * 365 * 24 * 3600);
// Workers a test starts keep the tests' own priority: lowered, on a CI machine busy with other test files, they would
// get the cycles those leave and time out by chance (lib/runtime/worker-priority.test.ts tests the lowering itself).
process.env.FERRY_WORKER_NICE = "0";

import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "test/**/*.test.ts", "app/**/*.test.ts", "scripts/**/*.test.ts", "proxy.test.ts"],
    globalSetup: ["./test/setup/global-database.ts", "./test/setup/compiled-server.ts"],
    setupFiles: ["./test/setup/env.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one database; files run in separate workers but each test uses its own rows.
    pool: "forks",
    maxWorkers: 2,
  },
});

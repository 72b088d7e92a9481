import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);
// Per port, so that two runs on one machine (two ports) never share or wipe each other's data directory.
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? (PORT === 3210 ? ".test-data/e2e" : `.test-data/e2e-${PORT}`);
process.env.E2E_DATA_DIR = E2E_DATA_DIR;

/**
 * Journeys run against the production build started the way users start Ferry (`npm start`), on a fresh data
 * directory with its own embedded PostgreSQL. Chromium is Debian's (Playwright cannot download browsers here).
 */
export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  // A page rendered on a machine busy with other suites took over 10 s (a CI run beside two CPU burners).
  expect: { timeout: 20_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [
    { name: "first-account", testMatch: /first-account\.setup\.ts/ },
    { name: "journeys", dependencies: ["first-account"], use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 860 } } },
  ],
  webServer: {
    // What `npm start` runs: the compiled launcher (scripts/build-server.mjs), on a fresh data directory.
    command: `rm -rf ${E2E_DATA_DIR} && node --enable-source-maps scripts/build-server.mjs start`,
    url: `http://localhost:${PORT}/-/readiness`,
    // The first start builds the web app (the launcher's `next build`): about two minutes on two idle cores, four or
    // more beside other work (a loaded CI run timed out at four).
    timeout: 900_000,
    reuseExistingServer: false,
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    stdout: "ignore",
    stderr: "pipe",
    env: {
      PORT: String(PORT),
      FERRY_DATA_DIR: E2E_DATA_DIR,
      DATABASE_URL: "",
      LOG_LEVEL: "warn",
      FERRY_SIGN_IN_MAX_ATTEMPTS: "5",
      FERRY_ALLOW_LOCAL_SOURCES: "true",
      FERRY_ALLOW_INSECURE_SOURCES: "true",
      // The worker at the browser's priority: lowered, it would get only what the browser and the test runner leave
      // on a busy CI machine, and journeys would wait on it by chance.
      FERRY_WORKER_NICE: "0",
    },
  },
});

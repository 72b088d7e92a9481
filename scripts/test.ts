// `npm test`: every suite, then one closing line with the totals ("N passed, N failed, N skipped"). A journey that did
// not run (a failed dependency, a test.skip, an interrupted run) fails the run: it proved nothing.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

// Outside test-results/, which Playwright empties when it starts.
const UNIT_REPORT = ".test-data/unit-results.json";
const E2E_REPORT = "test-results/e2e-results.json";
fs.mkdirSync(".test-data", { recursive: true });
for (const file of [UNIT_REPORT, E2E_REPORT]) fs.rmSync(file, { force: true });

const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1" };
const bin = (name: string) => `node_modules/.bin/${name}`;
const unit = spawnSync(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${UNIT_REPORT}`], { stdio: "inherit", env });
const e2e = spawnSync(bin("playwright"), ["test"], { stdio: "inherit", env });

let passed = 0;
let failed = 0;
let skipped = 0;
let skippedJourneys = 0;
try {
  const report = JSON.parse(fs.readFileSync(UNIT_REPORT, "utf8")) as { numPassedTests: number; numFailedTests: number; numPendingTests: number };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests;
} catch {
  failed += 1;
}
try {
  const report = JSON.parse(fs.readFileSync(E2E_REPORT, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  passed += report.stats.expected + report.stats.flaky;
  failed += report.stats.unexpected;
  skipped += report.stats.skipped;
  skippedJourneys = report.stats.skipped;
} catch {
  failed += 1;
}
const ok = unit.status === 0 && e2e.status === 0 && failed === 0 && skippedJourneys === 0;
console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped`);
if (skippedJourneys > 0) console.log(`${skippedJourneys} journey(s) did not run: the run fails`);
process.exit(ok ? 0 : 1);

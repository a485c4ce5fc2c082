// Prints the closing line of a test run, "N passed, N failed", from the
// Vitest and Playwright JSON reports, and exits non-zero if anything failed
// (a failed step such as lint is passed in as an argument).
import { existsSync, readFileSync } from "node:fs";

const failedSteps = process.argv.slice(2);
let passed = 0;
let failed = 0;

function read(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}

const vitest = read("reports/vitest.json");
if (vitest) {
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
  console.log(`Vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
}
const e2e = read("reports/e2e.json");
if (e2e) {
  passed += e2e.stats.expected;
  failed += e2e.stats.unexpected + e2e.stats.flaky;
  console.log(`Playwright: ${e2e.stats.expected} passed, ${e2e.stats.unexpected + e2e.stats.flaky} failed`);
}
// A failed step (lint, the build, the demo's start-up) counts as one failure.
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join("; ")}`);
failed += failedSteps.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);

#!/usr/bin/env node
// Runs every test suite (vitest projects: unit beside the code, e2e over real processes) and
// prints one closing line `N passed, N failed, N skipped` summed over all of them. Exits
// non-zero when anything failed or when a runner itself failed. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.vitest-results';
const resultsFile = join(resultsDir, 'results.json');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const vitest = spawnSync(
  'pnpm',
  ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests;
  skipped = report.numPendingTests + report.numTodoTests;
  // A suite that failed to load (syntax error, failing beforeAll) has no failing test of its own.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  failed += brokenSuites.length;
} catch (error) {
  console.error(`test-all: could not read ${resultsFile}: ${error.message}`);
  failed += 1;
}
if (vitest.status !== 0 && failed === 0) failed = 1;

console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

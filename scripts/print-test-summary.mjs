// Prints one line, "N passed, N failed[, N skipped]", from vitest's JSON report (test-results/vitest.json).
// A missing or unreadable report counts as one failure, and so does a test command that failed while the
// report shows no failing test (an error outside any test): the line never claims success that did not happen.
//
// Usage: node scripts/print-test-summary.mjs [report.json] [--command-status N]
// Exits 0 only when nothing failed.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

function parseArguments(argv) {
  let reportPath = path.join(root, 'test-results', 'vitest.json');
  let commandStatus = 0;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--command-status') commandStatus = Number(argv[++index] ?? 1) || 0;
    else reportPath = path.resolve(argv[index]);
  }
  return { reportPath, commandStatus };
}

/** Counts per test, plus one failure per test file that failed outside its tests (e.g. it did not load). */
function countResults(report) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report.testResults) {
    let failedTests = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === 'passed') counts.passed++;
      else if (test.status === 'failed') failedTests++;
      else counts.skipped++; // skipped, pending, todo, disabled
    }
    counts.failed += failedTests;
    if (file.status === 'failed' && failedTests === 0) {
      counts.failed++;
      console.error(`Test file failed: ${file.name}${file.message ? `: ${file.message}` : ''}`);
    }
  }
  if (report.success === false && counts.failed === 0) counts.failed++;
  return counts;
}

function readReport(reportPath) {
  try {
    const report = JSON.parse(readFileSync(reportPath, 'utf8'));
    if (!report || !Array.isArray(report.testResults)) throw new Error('no testResults array');
    return report;
  } catch (error) {
    console.error(`No usable test report at ${reportPath}: ${error.message}`);
    return undefined;
  }
}

const { reportPath, commandStatus } = parseArguments(process.argv.slice(2));
const report = readReport(reportPath);
const counts = report ? countResults(report) : { passed: 0, failed: 1, skipped: 0 };
if (commandStatus !== 0 && counts.failed === 0) {
  console.error(`The test command exited with status ${commandStatus} although no test failed.`);
  counts.failed = 1;
}

let line = `${counts.passed} passed, ${counts.failed} failed`;
if (counts.skipped > 0) line += `, ${counts.skipped} skipped`;
console.log(line);
process.exitCode = counts.failed > 0 ? 1 : 0;

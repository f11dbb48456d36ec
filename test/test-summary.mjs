// The closing lines of `npm test`: the steps that failed, every test counted from Jest's JSON reports
// (a test file that failed to run — did not compile, a hook threw — counted as failed), and then,
// by name, every suite that did not run.
//
//   node test/test-summary.mjs [--failed-step "type check" ...] --not-run .local/not-run.jsonl \
//     unit=.local/jest-unit.json integration=.local/jest-integration.json
//
// Exit code 1 when a step or a test failed or a report is missing, 0 otherwise.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';

const SKIPPED = new Set(['pending', 'todo', 'skipped', 'disabled']);

export function summarize({ failedSteps = [], reports, notRun = [] }) {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  const failures = failedSteps.map((name) => `step ${name}`);
  for (const { label, report } of reports) {
    if (!report) {
      totals.failed += 1;
      failures.push(`${label} tests: no results (Jest stopped before reporting; see its output above)`);
      continue;
    }
    for (const file of report.testResults) {
      const name = relative(process.cwd(), file.name);
      const failedTests = file.assertionResults.filter((test) => test.status === 'failed');
      totals.passed += file.assertionResults.filter((test) => test.status === 'passed').length;
      totals.skipped += file.assertionResults.filter((test) => SKIPPED.has(test.status)).length;
      totals.failed += failedTests.length;
      if (file.status !== 'failed') continue;
      if (failedTests.length === 0) {
        totals.failed += 1;
        failures.push(`${name}: did not run to the end (${firstLine(file.message)})`);
      } else {
        for (const test of failedTests) failures.push(`${name}: ${test.fullName}`);
      }
    }
  }
  const lines = [
    ...failures.map((failure) => `FAILED: ${failure}`),
    `tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
    ...notRun.map(({ name, reason }) => `NOT RUN: ${name} (${reason})`),
  ];
  return { failed: failedSteps.length > 0 || totals.failed > 0, totals, lines };
}

function firstLine(message) {
  const line = (message ?? '').split('\n').map((text) => text.replace(/\u001b\[[0-9;]*m/g, '').trim()).find((text) => text && !text.startsWith('●'));
  return line ?? 'no message';
}

function readNotRun(file) {
  if (!file || !existsSync(file)) return [];
  const byName = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line);
    if (!byName.has(entry.name)) byName.set(entry.name, entry);
  }
  return [...byName.values()];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const failedSteps = [];
  const reports = [];
  let notRunPath;
  const args = process.argv.slice(2);
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--failed-step') failedSteps.push(args[++index]);
    else if (args[index] === '--not-run') notRunPath = args[++index];
    else {
      const [label, path] = args[index].split('=');
      reports.push({ label, report: existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null });
    }
  }
  const { failed, lines } = summarize({ failedSteps, reports, notRun: readNotRun(notRunPath) });
  process.stdout.write(`\n${lines.join('\n')}\n`);
  process.exit(failed ? 1 : 0);
}

import { recordNotRun } from '@training-ledger/test-servers';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..');
const summaryScript = join(root, 'test/test-summary.mjs');
const jestBin = join(root, 'node_modules/jest/bin/jest.js');

function run(file: string, args: string[], cwd = root): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [file, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { status: result.status, stdout: result.stdout };
}

/** The summary's lines after the blank line it starts with. */
const lines = (stdout: string): string[] => stdout.trim().split('\n');

describe('the closing lines of npm test', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'test-summary-'));
    writeFileSync(join(dir, 'jest.config.js'), "module.exports = { testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.js'] };\n");
    writeFileSync(join(dir, 'passes.test.js'), "test('one', () => expect(1).toBe(1));\ntest('two', () => expect(2).toBe(2));\ntest.skip('not today', () => undefined);\n");
    writeFileSync(join(dir, 'fails.test.js'), "test('adds up', () => expect(1 + 1).toBe(3));\ntest('still fine', () => undefined);\n");
    writeFileSync(join(dir, 'broken.test.js'), "test('never compiles', () => {\n");
    const jest = run(jestBin, ['--ci', '--json', '--outputFile', join(dir, 'report.json')], dir);
    expect(jest.status).toBe(1);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a failing test and a test file that does not compile as failed, and exits 1', () => {
    const summary = run(summaryScript, [`unit=${join(dir, 'report.json')}`]);
    expect(summary.status).toBe(1);
    const [first, second, last] = lines(summary.stdout);
    // Jest orders test files by how long they took before; the failures may come in either order.
    expect([first, second]).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^FAILED: .*broken\.test\.js: did not run to the end \(.+\)$/),
        expect.stringMatching(/^FAILED: .*fails\.test\.js: adds up$/),
      ]),
    );
    expect(last).toBe('tests: 3 passed, 2 failed, 1 skipped');
  });

  it('names every suite that did not run after the count, once each, with what would make it run', () => {
    const notRun = join(dir, 'not-run.jsonl');
    recordNotRun({ name: 'KurrentDB event-store contract suite', reason: 'set EVENTSTORE_URL or start a Docker engine' }, notRun);
    recordNotRun({ name: 'KurrentDB event-store contract suite', reason: 'set EVENTSTORE_URL or start a Docker engine' }, notRun);
    recordNotRun({ name: 'MongoDB bulk writes', reason: 'point MONGO_URL at MongoDB' }, notRun);
    const summary = run(summaryScript, ['--not-run', notRun, `unit=${join(dir, 'report.json')}`]);
    expect(lines(summary.stdout).slice(-3)).toEqual([
      'tests: 3 passed, 2 failed, 1 skipped',
      'NOT RUN: KurrentDB event-store contract suite (set EVENTSTORE_URL or start a Docker engine)',
      'NOT RUN: MongoDB bulk writes (point MONGO_URL at MongoDB)',
    ]);
  });

  it('fails the run for a failed step or a missing report even when every counted test passed', () => {
    const report = join(dir, 'passing.json');
    writeFileSync(report, JSON.stringify({ testResults: [{ name: 'a.test.js', status: 'passed', message: '', assertionResults: [{ status: 'passed', fullName: 'a' }] }] }));
    const lint = run(summaryScript, ['--failed-step', 'lint', `unit=${report}`]);
    expect(lint.status).toBe(1);
    expect(lines(lint.stdout)).toEqual(['FAILED: step lint', 'tests: 1 passed, 0 failed, 0 skipped']);

    const missing = run(summaryScript, [`unit=${report}`, `integration=${join(dir, 'never-written.json')}`]);
    expect(missing.status).toBe(1);
    expect(lines(missing.stdout)).toEqual([
      'FAILED: integration tests: no results (Jest stopped before reporting; see its output above)',
      'tests: 1 passed, 1 failed, 0 skipped',
    ]);

    expect(run(summaryScript, [`unit=${report}`]).status).toBe(0);
  });
});

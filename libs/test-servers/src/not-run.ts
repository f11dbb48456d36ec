/// <reference types="jest" />
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaceRoot } from './service-process';

/** A suite that could not run here, and what would make it run. */
export interface NotRun {
  readonly name: string;
  readonly reason: string;
}

/** Where suites that did not run are recorded, one JSON object a line; `npm test` lists them at the end
 *  (test/test-summary.mjs reads them). */
export function notRunFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.TL_NOT_RUN_FILE ?? join(workspaceRoot, '.local', 'not-run.jsonl');
}

export function recordNotRun(entry: NotRun, file = notRunFile()): void {
  mkdirSync(dirname(file), { recursive: true });
  // One short write in append mode: test workers writing at once never interleave lines.
  appendFileSync(file, `${JSON.stringify({ name: entry.name, reason: entry.reason })}\n`);
}

/**
 * Declares, in place of a suite that cannot run here, that it did not run and why: loudly in the
 * test output, as a skipped test named after it, and in the record `npm test` prints at the end.
 */
export function describeNotRun(name: string, reason: string): void {
  recordNotRun({ name, reason });
  console.warn(`NOT RUN: ${name} (${reason})`);
  describe(`NOT RUN: ${name}`, () => {
    it.skip(reason, () => undefined);
  });
}

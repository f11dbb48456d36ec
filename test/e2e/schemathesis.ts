import { workspaceRoot } from '@training-ledger/test-servers';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Pinned: its CLI options, report format and warnings are what this file reads. */
export const SCHEMATHESIS_VERSION = '4.32.5';
const venv = join(workspaceRoot, '.local', 'venv');
const st = join(venv, 'bin', 'st');

/** Schemathesis in a project-local virtualenv, installed from PyPI on the first run and reused after. */
export function ensureSchemathesis(): string {
  const installed = existsSync(st) ? execFileSync(st, ['--version'], { encoding: 'utf8' }).trim() : '';
  if (installed.endsWith(` ${SCHEMATHESIS_VERSION}`)) return st;
  if (!existsSync(join(venv, 'bin', 'pip'))) execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(join(venv, 'bin', 'pip'), ['install', '--quiet', `schemathesis==${SCHEMATHESIS_VERSION}`], { stdio: 'inherit' });
  return st;
}

export interface FuzzTarget {
  /** Names the report files: `enrolment-programme-admin`. */
  readonly label: string;
  readonly schemaUrl: string;
  readonly token: string | null;
  /** `POST /runs/{runId}/attendance`: what this caller may call; nothing else is fuzzed. */
  readonly operations: readonly string[];
  /** Path parameters held to one value, such as the agency an integration's token names. */
  readonly fixedParameters?: Readonly<Record<string, string>>;
  /** Path parameters drawn half the time from ids that exist, so that requests reach more than a 404. */
  readonly knownValues?: Readonly<Record<string, readonly string[]>>;
  readonly maxExamples: number;
  readonly seed: number;
}

export interface ServerError {
  readonly operation: string;
  readonly status: number;
  readonly request: string;
  readonly response: string;
}

export interface FuzzOutcome {
  readonly label: string;
  /** The operations fuzzed, as schemathesis names them. */
  readonly operations: readonly string[];
  /** Test cases schemathesis generated and sent. */
  readonly generated: number;
  /** Requests the service answered, as recorded in the NDJSON report. */
  readonly requests: number;
  readonly serverErrors: readonly ServerError[];
  /** Operations that refused most of the data generated from their own schema: the schema says less than the validation. */
  readonly mostlyRejected: readonly string[];
  readonly failures: readonly string[];
  readonly errors: readonly string[];
  readonly seconds: number;
}

/** One `st run`, its JSON and NDJSON reports and its console output written to `reportDir`. */
export async function fuzz(target: FuzzTarget, reportDir: string): Promise<FuzzOutcome> {
  mkdirSync(reportDir, { recursive: true });
  const config = join(reportDir, `${target.label}.toml`);
  writeFileSync(config, tomlOf(target.fixedParameters ?? {}, target.knownValues ?? {}));
  const jsonReport = join(reportDir, `${target.label}.json`);
  const ndjsonReport = join(reportDir, `${target.label}.ndjson`);
  const args = [
    '--config-file', config,
    'run', target.schemaUrl,
    '--checks', 'not_a_server_error',
    '--max-examples', String(target.maxExamples),
    '--seed', String(target.seed),
    '--continue-on-failure',
    '--generation-database', 'none',
    '--request-timeout', '30',
    '--no-color',
    '--report', 'json,ndjson,junit',
    '--report-json-path', jsonReport,
    '--report-ndjson-path', ndjsonReport,
    '--report-junit-path', join(reportDir, `${target.label}.junit.xml`),
    ...(target.token ? ['--header', `Authorization: Bearer ${target.token}`] : []),
    ...target.operations.flatMap((operation) => ['--include-name', operation]),
  ];
  const started = Date.now();
  const console = await new Promise<string>((resolve) => {
    execFile(st, args, { cwd: reportDir, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, SCHEMATHESIS_TELEMETRY: 'false' } }, (_error, stdout, stderr) =>
      resolve(`${stdout}${stderr}`),
    );
  });
  writeFileSync(join(reportDir, `${target.label}.log`), console);
  if (!existsSync(jsonReport)) throw new Error(`schemathesis wrote no report for ${target.label}:\n${console.slice(-4000)}`);
  const report = JSON.parse(readFileSync(jsonReport, 'utf8')) as JsonReport;
  const recorded = recordedInteractions(ndjsonReport);
  return {
    label: target.label,
    operations: target.operations,
    generated: report.test_cases.generated,
    requests: recorded.length,
    serverErrors: recorded.filter((interaction) => interaction.status >= 500),
    mostlyRejected: report.warnings.validation_mismatch ?? [],
    failures: report.failures.map((failure) => `${failure.title} (${failure.count}): ${failure.operations.join(', ')}`),
    errors: report.errors.map((error) => `${error.title} (${error.count})`),
    seconds: (Date.now() - started) / 1000,
  };
}

function tomlOf(fixed: Readonly<Record<string, string>>, known: Readonly<Record<string, readonly string[]>>): string {
  const drawn = Object.entries(known).filter(([name, values]) => fixed[name] === undefined && values.length > 0);
  const dictionaries = drawn.map(([name, values]) => `[dictionaries.${name}]\nvalues = ${JSON.stringify(values)}\n`);
  const parameters = [
    ...Object.entries(fixed).map(([name, value]) => `"path.${name}" = ${JSON.stringify(value)}`),
    ...drawn.map(([name]) => `"path.${name}" = { dictionary = "${name}", probability = 0.5 }`),
  ];
  return [...dictionaries, ...(parameters.length === 0 ? [] : [`[parameters]\n${parameters.join('\n')}\n`])].join('\n');
}

interface JsonReport {
  readonly test_cases: { readonly generated: number };
  readonly failures: readonly { readonly title: string; readonly count: number; readonly operations: readonly string[] }[];
  readonly errors: readonly { readonly title: string; readonly count: number }[];
  readonly warnings: Readonly<Record<string, readonly string[]>>;
}

interface RecordedInteraction {
  readonly request?: { readonly method: string; readonly uri: string; readonly body?: { readonly $base64?: string } };
  readonly response?: { readonly status_code: number; readonly content?: { readonly $base64?: string } } | null;
}

/** Every request of every scenario, with what the service answered. */
function recordedInteractions(ndjsonReport: string): ServerError[] {
  if (!existsSync(ndjsonReport)) return [];
  const decode = (encoded?: { readonly $base64?: string }) => (encoded?.$base64 ? Buffer.from(encoded.$base64, 'base64').toString('utf8').slice(0, 2000) : '');
  return readFileSync(ndjsonReport, 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"ScenarioFinished"'))
    .flatMap((line) => {
      const scenario = (JSON.parse(line) as { ScenarioFinished: { recorder: { label: string; interactions: Record<string, RecordedInteraction> | null } } }).ScenarioFinished;
      return Object.values(scenario.recorder.interactions ?? {}).flatMap((interaction) =>
        interaction.response
          ? [{
              operation: scenario.recorder.label,
              status: interaction.response.status_code,
              request: `${interaction.request?.method ?? ''} ${interaction.request?.uri ?? ''} ${decode(interaction.request?.body)}`,
              response: decode(interaction.response.content),
            }]
          : [],
      );
    });
}

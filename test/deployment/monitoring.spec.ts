import { ServiceMetrics } from '@training-ledger/platform';
import { countingAppends, registerRuntimeMetrics, type RuntimeStatus } from '@training-ledger/service-runtime';
import { workspaceRoot } from '@training-ledger/test-servers';
import type { EventStore } from '@training-ledger/event-store';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { EvaluationJobs } from '../../services/reporting/src/evaluation-jobs/evaluation-jobs';

const monitoring = join(workspaceRoot, 'deploy/monitoring');
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'and', 'or', 'unless', 'bool', 'inf', 'nan']);
/** Made by Prometheus for every target, not by the services. */
const SCRAPE_SERIES = new Set(['up']);
const HISTOGRAM_SERIES = /_(bucket|count|sum)$/;

interface Rule {
  readonly alert: string;
  readonly expr: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}
const rulesFile = parse(readFileSync(join(monitoring, 'alert-rules.yaml'), 'utf8')) as { groups: { rules: Rule[] }[] };
const rules = rulesFile.groups.flatMap((group) => group.rules);
const dashboard = JSON.parse(readFileSync(join(monitoring, 'grafana-dashboard.json'), 'utf8')) as {
  panels: { targets?: { expr: string }[] }[];
  templating: { list: { definition?: string }[] };
};

/** The metric names a PromQL expression reads: identifiers outside label matchers, grouping lists and ranges that call nothing. */
function metricNamesIn(expression: string): string[] {
  const bare = expression
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ')
    .replace(/\b\d+(\.\d+)?(ms|[smhdwy])?\b/g, ' ');
  return [...bare.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)]
    .filter(([, name, call]) => call === undefined && !PROMQL_WORDS.has(name!.toLowerCase()))
    .map(([, name]) => name!);
}

/** Every metric the services export, read from the registries the services fill. */
function exportedNames(): Set<string> {
  const metrics = new ServiceMetrics('reporting');
  registerRuntimeMetrics(metrics, () => Promise.resolve({} as RuntimeStatus));
  countingAppends({} as EventStore, metrics);
  new EvaluationJobs({} as never, {} as never, metrics);
  return new Set(metrics.names());
}

describe('monitoring files (deploy/monitoring)', () => {
  const exported = exportedNames();
  const known = (name: string) => SCRAPE_SERIES.has(name) || exported.has(name) || (HISTOGRAM_SERIES.test(name) && exported.has(name.replace(HISTOGRAM_SERIES, '')));

  it('reads PromQL metric names, not functions, labels, keywords or durations', () => {
    expect(metricNamesIn('sum by (service, le) (rate(a_total{status=~"5..", x="y"}[5m])) / b offset 10m > 0.05 and on (pod) c')).toEqual(['a_total', 'b', 'c']);
    expect([known('training_ledger_relay_lag_events'), known('training_ledger_http_request_duration_seconds_bucket'), known('training_ledger_relay_lag')]).toEqual([true, true, false]);
  });

  it('names in the alert rules only metrics the services export', () => {
    const names = rules.flatMap((rule) => metricNamesIn(rule.expr));
    expect(names.length).toBeGreaterThan(10);
    expect([...new Set(names)].filter((name) => !known(name))).toEqual([]);
  });

  it('names in the dashboard only metrics the services export', () => {
    const expressions = [...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => target.expr)), ...dashboard.templating.list.flatMap((variable) => variable.definition?.replace(/label_values\(([^,)]+).*/, '$1') ?? [])];
    const names = expressions.flatMap(metricNamesIn);
    expect(names.length).toBeGreaterThan(15);
    expect([...new Set(names)].filter((name) => !known(name))).toEqual([]);
  });

  it('gives every alert a severity, a summary and a runbook that says what it means and what to do', () => {
    const lacking = rules.filter((rule) => !['warning', 'critical'].includes(rule.labels?.severity ?? '') || !rule.annotations?.summary || !/Means:[\s\S]+Do:/.test(rule.annotations.runbook ?? ''));
    expect(lacking.map((rule) => rule.alert)).toEqual([]);
    expect(rules.map((rule) => rule.alert)).toEqual(expect.arrayContaining(['RelayLagGrowing', 'ConsumerLagGrowing', 'EventsSetAside', 'RelayStopped', 'ReadinessFailing']));
  });

  it('links every alert to its own section of the runbook', () => {
    const headings = readFileSync(join(workspaceRoot, 'deploy/RUNBOOK.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('#'))
      .map((line) => `deploy/RUNBOOK.md#${line.replace(/^#+\s*/, '').toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-')}`);
    const unlinked = rules.filter((rule) => rule.annotations?.runbook_url !== `deploy/RUNBOOK.md#${rule.alert.toLowerCase()}` || !headings.includes(rule.annotations.runbook_url));
    expect(unlinked.map((rule) => rule.alert)).toEqual([]);
  });

  it('has every service pod say where Prometheus scrapes it, on the port the services listen on for metrics', () => {
    const config = parse(readFileSync(join(workspaceRoot, 'deploy/k8s/base/config.yaml'), 'utf8')) as { data: Record<string, string> };
    for (const service of ['enrolment', 'course-delivery', 'certification', 'reporting']) {
      const documents = parseAllDocuments(readFileSync(join(workspaceRoot, `deploy/k8s/base/${service}.yaml`), 'utf8')).map((document) => document.toJS() as { kind: string; spec: unknown });
      const deployments = documents.filter((document) => document.kind === 'Deployment') as unknown as { spec: { template: { metadata: { annotations?: Record<string, string> }; spec: { containers: { ports: { name: string; containerPort: number }[] }[] } } } }[];
      expect(deployments.length).toBe(2);
      for (const { spec } of deployments) {
        expect(spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true', 'prometheus.io/port': config.data.METRICS_PORT, 'prometheus.io/path': '/metrics' });
        expect(spec.template.spec.containers[0]!.ports).toContainEqual({ name: 'metrics', containerPort: Number(config.data.METRICS_PORT) });
      }
      const serviceObject = documents.find((document) => document.kind === 'Service') as unknown as { spec: { ports: { name: string }[] } };
      expect(serviceObject.spec.ports.map((port) => port.name)).toEqual(['http']);
    }
  });

  describe('with promtool, built from the Go module proxy (deploy/monitoring/promtool.sh)', () => {
    let promtool: string;
    beforeAll(() => {
      promtool = execFileSync('bash', [join(monitoring, 'promtool.sh'), 'path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
    }, 40 * 60_000);

    it('finds the Prometheus configuration and the rules it loads valid', () => {
      const output = execFileSync(promtool, ['check', 'config', join(monitoring, 'prometheus.yaml')], { encoding: 'utf8' });
      expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
    });

    it('fires each alert on the series its unit tests play, and stays quiet otherwise', () => {
      // The tests check when alerts fire and with which labels; the runbooks are checked above, not restated there.
      const dir = mkdtempSync(join(tmpdir(), 'alert-rules-'));
      try {
        const withoutAnnotations = { groups: rulesFile.groups.map((group) => ({ ...group, rules: group.rules.map(({ annotations: _annotations, ...rule }) => rule) })) };
        writeFileSync(join(dir, 'alert-rules.yaml'), JSON.stringify(withoutAnnotations));
        writeFileSync(join(dir, 'alert-rules.test.yaml'), readFileSync(join(monitoring, 'alert-rules.test.yaml')));
        const output = execFileSync(promtool, ['test', 'rules', join(dir, 'alert-rules.test.yaml')], { encoding: 'utf8' });
        expect(output).toContain('SUCCESS');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

import { freePort, workspaceRoot } from '@training-ledger/test-servers';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A span as the collector's debug exporter printed it. */
export interface CollectedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string;
  readonly name: string;
  readonly kind: string;
}

/**
 * The OpenTelemetry Collector of deploy/local (built from the Go module proxy, cached), receiving
 * OTLP over HTTP on a free port and printing every span it receives to a file.
 */
export class OtelCollector {
  private constructor(
    private readonly child: ChildProcess,
    private readonly directory: string,
    readonly endpoint: string,
  ) {}

  static async start(): Promise<OtelCollector> {
    const binary = execFileSync('bash', ['deploy/local/otel-collector.sh', 'path'], { cwd: workspaceRoot, encoding: 'utf8' }).trim().split('\n').pop() ?? '';
    const port = await freePort();
    const directory = mkdtempSync(join(tmpdir(), 'otel-collector-'));
    const config = join(directory, 'config.yaml');
    writeFileSync(
      config,
      [
        'receivers:',
        '  otlp:',
        '    protocols:',
        '      http:',
        `        endpoint: 127.0.0.1:${port}`,
        'exporters:',
        '  debug:',
        '    verbosity: detailed',
        'service:',
        '  telemetry:',
        '    metrics:',
        '      level: none',
        '  pipelines:',
        '    traces:',
        '      receivers: [otlp]',
        '      exporters: [debug]',
        '',
      ].join('\n'),
    );
    const output = join(directory, 'output.log');
    const child = spawn('bash', ['-c', 'exec "$0" --config "$1" >"$2" 2>&1', binary, config, output], { stdio: 'ignore' });
    const collector = new OtelCollector(child, directory, `http://127.0.0.1:${port}`);
    for (const deadline = Date.now() + 30_000; !collector.output().includes('Everything is ready'); ) {
      if (child.exitCode !== null || Date.now() > deadline) {
        await collector.stop();
        throw new Error(`the collector did not start:\n${collector.output()}`);
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
    return collector;
  }

  /** Every span received so far. */
  spans(): CollectedSpan[] {
    return parseDebugExport(this.output());
  }

  output(): string {
    try {
      return readFileSync(join(this.directory, 'output.log'), 'utf8');
    } catch {
      return '';
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.directory, { recursive: true, force: true });
  }
}

/** Reads the debug exporter's detailed text: each `Span #n` block under the last `service.name` seen. */
export function parseDebugExport(text: string): CollectedSpan[] {
  const spans: CollectedSpan[] = [];
  let service = '';
  let current: Record<string, string> | null = null;
  const flush = () => {
    if (current) spans.push({ service, traceId: current['Trace ID'] ?? '', spanId: current['ID'] ?? '', parentId: current['Parent ID'] ?? '', name: current['Name'] ?? '', kind: current['Kind'] ?? '' });
    current = null;
  };
  for (const line of text.split('\n')) {
    const serviceName = /-> service\.name: Str\((.*)\)\s*$/.exec(line);
    if (serviceName) {
      flush();
      service = serviceName[1]!;
      continue;
    }
    if (/^Span #\d+/.test(line.trim())) {
      flush();
      current = {};
      continue;
    }
    if (/^(ResourceSpans|ScopeSpans) #\d+/.test(line.trim())) flush();
    const field = /^\s+(Trace ID|Parent ID|ID|Name|Kind)\s*:\s?(.*)$/.exec(line);
    if (current && field) current[field[1]!] = field[2]!.trim();
  }
  flush();
  return spans;
}

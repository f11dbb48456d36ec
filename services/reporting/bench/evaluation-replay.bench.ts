/**
 * Issues and replays an evaluation over a large archive of integration events, next to raw reads of
 * the same rows in the same run (each parsing the rows into their messages, the least any reader
 * must do), and prints messages per second, the ratios and peak memory. Issue and replay each run in
 * a process of their own, so that their memory is the evaluation's alone. By default the archive is
 * written both as reporting stores it now (consumed batches of 500–2,000 messages per partition) and
 * as it did before (one entry per message), and the two are compared. It runs compiled, as the
 * service and its evaluation job run, so that no compiler's memory is counted as the evaluation's.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:replay -- [messages=1000000] [batches|singles|both]
 */
import { PostgresEventStore, type EventStore } from '@training-ledger/event-store';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { Pool } from 'pg';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { BATCH_TEXT_FIELD, INBOX_CATEGORY } from '../src/inbox/archived-batch';
import { inboxPages, readInboxHeads } from '../src/inbox/inbox-reader';
import { PolicyService } from '../src/policy/policy.service';
import { type ArchiveFormat, writeArchive } from './bench-archive';


const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const perSecond = (count: number, seconds: number) => Math.round(count / seconds);
const rate = (count: number, seconds: number) => `${perSecond(count, seconds).toLocaleString('en')} messages/s (${count.toLocaleString('en')} in ${seconds.toFixed(1)} s)`;

/** The messages a row read as text holds, parsed: a batch's text, or the one message archived alone. */
function parsedMessages(dataJson: string, fieldText: string | undefined): number {
  const data = JSON.parse(dataJson) as { messages?: unknown };
  const text = fieldText ?? data.messages;
  return typeof text === 'string' ? (JSON.parse(text) as unknown[]).length : 1;
}

/** The messages a whole event holds, its data parsed by the log's client: a batch's text parsed, or one. */
function messagesOf(data: unknown): number {
  const text = (data as { messages?: unknown }).messages;
  return typeof text === 'string' ? (JSON.parse(text) as unknown[]).length : 1;
}

interface RawRead {
  readonly name: string;
  readonly what: string;
  readonly read: (store: EventStore, streams: readonly string[], rows: number) => Promise<number>;
}

/** Every way of reading the archive's rows that a reader might take, each parsing them into messages. */
const rawReads: readonly RawRead[] = [
  {
    name: 'readAll',
    what: 'the category in log order, whole events',
    read: async (store, _streams, rows) => {
      let messages = 0;
      for (let after: Parameters<EventStore['readAll']>[0] = 'start'; ; ) {
        const page = await store.readAll(after, { limit: rows, filter: { streamCategories: [INBOX_CATEGORY] } });
        for (const event of page) messages += messagesOf(event.data);
        if (page.length < rows) return messages;
        after = { after: page.at(-1)!.globalPosition };
      }
    },
  },
  {
    name: 'readStream',
    what: 'stream by stream, whole events',
    read: async (store, streams, rows) => {
      let messages = 0;
      for (const streamName of streams) {
        for (let from = 0n; ; from += BigInt(rows)) {
          const page = await store.readStream(streamName, { fromRevision: from, maxCount: rows });
          for (const event of page) messages += messagesOf(event.data);
          if (page.length < rows) break;
        }
      }
      return messages;
    },
  },
  {
    name: 'readStreamJson',
    what: 'stream by stream, data alone, text apart',
    read: async (store, streams, rows) => {
      let messages = 0;
      for (const streamName of streams) {
        for (let from = 0n; ; from += BigInt(rows)) {
          const page = await store.readStreamJson(streamName, { fromRevision: from, maxCount: rows, textField: BATCH_TEXT_FIELD });
          for (const row of page) messages += parsedMessages(row.dataJson, row.fieldText);
          if (page.length < rows) break;
        }
      }
      return messages;
    },
  },
  {
    name: 'inboxPages',
    what: 'as the evaluation reads: data alone, text apart, pages read ahead',
    read: async (store) => {
      let messages = 0;
      const { heads } = await readInboxHeads(store);
      for (const head of heads) {
        for await (const page of inboxPages(store, head.streamName, head.lastRevision)) {
          for (const row of page) messages += parsedMessages(row.dataJson, row.fieldText);
        }
      }
      return messages;
    },
  },
];

interface Measured {
  readonly format: ArchiveFormat;
  readonly messages: number;
  readonly fastestRaw: { readonly name: string; readonly perSecond: number };
  readonly issuePerSecond: number;
  readonly replayPerSecond: number;
  readonly replayPeakRss: number;
  readonly reportSha256: string;
}

interface Evaluated {
  readonly seconds: number;
  readonly messages: number;
  readonly startRss: number;
  readonly peakRss: number;
  /** The JavaScript heap in use and the typed arrays' buffers when the RSS peaked. */
  readonly peakHeap: number;
  readonly peakArrayBuffers: number;
  readonly evaluationId: string;
  readonly reportSha256: string;
  readonly detail: string;
}

const issuedAt = '2029-01-15T02:00:00.000Z';
const issuingMetadata = { correlationId: 'bench', actor: { id: 'evaluator', roles: ['evaluator'] }, occurredAt: issuedAt };

/** Issues or replays in this process, started for it alone, and sends the figures to the process that started it. */
async function evaluateHere(mode: 'issue' | 'replay', schema: string, evaluationId: string): Promise<void> {
  let peakRss = process.memoryUsage().rss;
  let atPeak = process.memoryUsage();
  const sample = () => {
    const usage = process.memoryUsage();
    if (usage.rss >= peakRss) {
      peakRss = usage.rss;
      atPeak = usage;
    }
  };
  const sampler = setInterval(sample, 20);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  const store = await PostgresEventStore.create({ pool, schema, migrate: false });
  try {
    const policies = new PolicyService(store);
    if (mode === 'issue') await policies.onApplicationBootstrap();
    const evaluations = new EvaluationsService(store, policies);
    const startRss = process.memoryUsage().rss;
    peakRss = startRss;
    atPeak = process.memoryUsage();
    const started = performance.now();
    let evaluated: Omit<Evaluated, 'seconds' | 'startRss' | 'peakRss' | 'peakHeap' | 'peakArrayBuffers'>;
    if (mode === 'issue') {
      const issued = await evaluations.issue({ kind: 'mid-term', asOf: '2028-12-31' }, issuedAt, issuingMetadata);
      const messages = issued.inputs.reduce((sum, range) => sum + range.count, 0);
      evaluated = { messages, evaluationId: issued.evaluationId, reportSha256: issued.reportSha256, detail: issued.inputDigest.version };
    } else {
      const outcome = await evaluations.replay(evaluationId);
      const reportSha256 = outcome.outcome === 'identical' ? outcome.reportSha256 : '';
      evaluated = { messages: outcome.eventsRead, evaluationId, reportSha256, detail: outcome.outcome };
    }
    const seconds = (performance.now() - started) / 1000;
    sample();
    process.send!({ ...evaluated, seconds, startRss, peakRss, peakHeap: atPeak.heapUsed, peakArrayBuffers: atPeak.arrayBuffers } satisfies Evaluated);
  } finally {
    clearInterval(sampler);
    await store.close();
    await pool.end();
  }
}

/** Issues or replays in a process of its own, as the service or the replay command would: its memory is that of the evaluation alone. */
function evaluateApart(mode: 'issue' | 'replay', schema: string, evaluationId = ''): Promise<Evaluated> {
  return new Promise((resolve, reject) => {
    let answer: Evaluated | null = null;
    const child = fork(__filename, ['--evaluate', mode, schema, evaluationId], { execArgv: process.execArgv });
    child.on('message', (message) => (answer = message as Evaluated));
    child.on('error', reject);
    child.on('exit', (code) => (answer && code === 0 ? resolve(answer) : reject(new Error(`the ${mode} process ended with ${code}`))));
  });
}

async function measure(pool: Pool, total: number, format: ArchiveFormat): Promise<Measured> {
  const schema = `replay_bench_${randomBytes(4).toString('hex')}`;
  const store = await PostgresEventStore.create({ pool, schema });
  try {
    console.log(`\n== archive of ${format === 'batches' ? 'consumed batches (500–2,000 messages per partition and fetch)' : 'one entry per message, as before batches'}`);
    const writeStarted = performance.now();
    const { messages, streams } = await writeArchive(store, total, format);
    const { rows } = await pool.query<{ entries: string; size: string }>(`SELECT count(*) AS entries, pg_size_pretty(pg_total_relation_size('${schema}.events')) AS size FROM ${schema}.events WHERE stream_category = 'inbox'`);
    console.log(`archive written     ${rate(messages, (performance.now() - writeStarted) / 1000)}, ${Number(rows[0]!.entries).toLocaleString('en')} entries, ${rows[0]!.size}`);

    const rowsPerPage = format === 'batches' ? 3 : 2_500;
    const raw: { name: string; perSecond: number }[] = [];
    for (const { name, what, read } of rawReads) {
      const started = performance.now();
      const count = await read(store, streams, rowsPerPage);
      const seconds = (performance.now() - started) / 1000;
      raw.push({ name, perSecond: count / seconds });
      console.log(`raw ${name.padEnd(16)}${rate(count, seconds)}, ${what}`);
    }

    const issued = await evaluateApart('issue', schema);
    const replayed = await evaluateApart('replay', schema, issued.evaluationId);
    const replayRate = replayed.messages / replayed.seconds;
    console.log(`issue evaluation    ${rate(issued.messages, issued.seconds)}, ${issued.detail}`);
    console.log(`replay evaluation   ${rate(replayed.messages, replayed.seconds)}, ${replayed.detail}`);
    console.log(`replay / raw read   ${raw.map((each) => `${(replayRate / each.perSecond).toFixed(2)} of ${each.name}`).join(', ')}`);
    const fastestRaw = raw.reduce((fastest, candidate) => (candidate.perSecond > fastest.perSecond ? candidate : fastest));
    console.log(`                    ${(replayRate / fastestRaw.perSecond).toFixed(2)} of the fastest raw read (${fastestRaw.name})`);
    console.log(
      `peak memory (RSS)   replay ${mib(replayed.peakRss)} (process started at ${mib(replayed.startRss)}), issue ${mib(issued.peakRss)} (from ${mib(issued.startRss)}), each in a process of its own; heap limit ${mib(v8.getHeapStatistics().heap_size_limit)}`,
    );
    console.log(`at the peak         replay: heap ${mib(replayed.peakHeap)}, typed arrays ${mib(replayed.peakArrayBuffers)}; issue: heap ${mib(issued.peakHeap)}, typed arrays ${mib(issued.peakArrayBuffers)}`);
    console.log(`report sha256       ${issued.reportSha256}`);
    return { format, messages, fastestRaw, issuePerSecond: issued.messages / issued.seconds, replayPerSecond: replayRate, replayPeakRss: replayed.peakRss, reportSha256: issued.reportSha256 };
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 1_000_000);
  const chosen = process.argv[3] ?? 'both';
  const formats: ArchiveFormat[] = chosen === 'both' ? ['singles', 'batches'] : chosen === 'singles' || chosen === 'batches' ? [chosen] : [];
  if (formats.length === 0) throw new Error(`format ${chosen} is none of batches, singles, both`);
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  try {
    const measured: Measured[] = [];
    for (const format of formats) measured.push(await measure(pool, total, format));
    if (measured.length === 2) {
      const [before, after] = measured;
      console.log('\n== before (one entry per message) → after (consumed batches)');
      console.log(`replay              ${Math.round(before.replayPerSecond).toLocaleString('en')} → ${Math.round(after.replayPerSecond).toLocaleString('en')} messages/s (×${(after.replayPerSecond / before.replayPerSecond).toFixed(2)})`);
      console.log(`issue               ${Math.round(before.issuePerSecond).toLocaleString('en')} → ${Math.round(after.issuePerSecond).toLocaleString('en')} messages/s`);
      console.log(`of the fastest raw  ${(before.replayPerSecond / before.fastestRaw.perSecond).toFixed(2)} (${before.fastestRaw.name}) → ${(after.replayPerSecond / after.fastestRaw.perSecond).toFixed(2)} (${after.fastestRaw.name})`);
      console.log(`replay peak RSS     ${mib(before.replayPeakRss)} → ${mib(after.replayPeakRss)}`);
      console.log(`report bytes        ${before.reportSha256 === after.reportSha256 ? 'identical' : 'DIFFERENT'} over the same messages (${after.reportSha256})`);
    }
  } finally {
    await pool.end();
  }
}

const run = process.argv[2] === '--evaluate' ? evaluateHere(process.argv[3] as 'issue' | 'replay', process.argv[4]!, process.argv[5]!) : main();
run.catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

/**
 * Issues and replays an evaluation over a large archive of integration events, next to raw reads of
 * the same rows in the same run (each parsing the rows into their messages, the least any reader
 * must do), and prints messages per second, the ratios and peak memory. By default the archive is
 * written both as reporting stores it now (consumed batches of 500–2,000 messages per partition) and
 * as it did before (one entry per message), and the two are compared.
 *
 *   eval "$(bash deploy/local/servers.sh env)"
 *   npm run bench:replay -- [messages=1000000] [batches|singles|both]
 */
import { PostgresEventStore, type EventStore } from '@training-ledger/event-store';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Pool } from 'pg';
import { EvaluationsService } from '../src/evaluations/evaluations.service';
import { BATCH_TEXT_FIELD, INBOX_CATEGORY } from '../src/inbox/archived-batch';
import { inboxPages, readInboxHeads } from '../src/inbox/inbox-reader';
import { PolicyService } from '../src/policy/policy.service';
import { type ArchiveFormat, writeArchive } from './bench-archive';

// Memory is measured from a collected heap, so that the archive's writing does not count against the evaluation.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

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

async function measure(pool: Pool, total: number, format: ArchiveFormat, sample: () => number, resetPeak: () => void): Promise<Measured> {
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

    const policies = new PolicyService(store);
    await policies.onApplicationBootstrap();
    const evaluations = new EvaluationsService(store, policies);
    collectGarbage();
    resetPeak();
    const rssBeforeIssue = sample();
    const issueStarted = performance.now();
    const issued = await evaluations.issue({ kind: 'mid-term', asOf: '2028-12-31' }, '2029-01-15T02:00:00.000Z', { correlationId: 'bench', actor: { id: 'evaluator', roles: ['evaluator'] }, occurredAt: '2029-01-15T02:00:00.000Z' });
    const issueSeconds = (performance.now() - issueStarted) / 1000;
    const issuePeak = sample();
    collectGarbage();
    resetPeak();
    const rssBeforeReplay = sample();
    const replayStarted = performance.now();
    const outcome = await evaluations.replay(issued.evaluationId);
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const replayPeak = sample();

    const replayRate = outcome.eventsRead / replaySeconds;
    console.log(`issue evaluation    ${rate(messages, issueSeconds)}, ${issued.inputDigest.version}`);
    console.log(`replay evaluation   ${rate(outcome.eventsRead, replaySeconds)}, ${outcome.outcome}`);
    console.log(`replay / raw read   ${raw.map((each) => `${(replayRate / each.perSecond).toFixed(2)} of ${each.name}`).join(', ')}`);
    const fastestRaw = raw.reduce((fastest, candidate) => (candidate.perSecond > fastest.perSecond ? candidate : fastest));
    console.log(`                    ${(replayRate / fastestRaw.perSecond).toFixed(2)} of the fastest raw read (${fastestRaw.name})`);
    console.log(`peak memory (RSS)   replay ${mib(replayPeak)} (from ${mib(rssBeforeReplay)}), issue ${mib(issuePeak)} (from ${mib(rssBeforeIssue)}); heap limit ${mib(v8.getHeapStatistics().heap_size_limit)}`);
    console.log(`report sha256       ${issued.reportSha256}`);
    return { format, messages, fastestRaw, issuePerSecond: messages / issueSeconds, replayPerSecond: replayRate, replayPeakRss: replayPeak, reportSha256: issued.reportSha256 };
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
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
  try {
    const measured: Measured[] = [];
    for (const format of formats) measured.push(await measure(pool, total, format, sample, () => (peakRss = 0)));
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
    clearInterval(sampler);
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

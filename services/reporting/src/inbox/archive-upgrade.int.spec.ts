import { type EventToAppend, PostgresEventStore } from '@training-ledger/event-store';
import { IsolatedEnvironment } from '@training-ledger/test-servers';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Pool } from 'pg';
import { batchInputDigestRecord, computeEvaluation, digestBatches, type DigestedBatch, renderReport, reportCodeVersions } from '../evaluation-core';
import type { EvaluationRecord } from '../evaluations/evaluation.decider';
import { EvaluationsService } from '../evaluations/evaluations.service';
import { PolicyService } from '../policy/policy.service';
import { INBOX_BATCH_EVENT_TYPE, INBOX_EVENT_TYPE } from './archived-batch';
import { consumedMessages } from './consumed-messages.fixture';
import { IntegrationInbox } from './inbox';
import { archiveEntry, digestedBatch, evaluationEvent, inboxPages, readWholeInbox } from './inbox-reader';

/** Reporting's log as the release before batches wrote it: its inbox of single entries and two evaluations issued over it. */
interface PreviousLog {
  readonly evaluations: readonly string[];
  readonly appends: readonly { readonly streamName: string; readonly events: readonly (EventToAppend & { readonly eventId: string })[] }[];
}
const previous = JSON.parse(readFileSync(join(__dirname, 'archive-before-batches.golden.json'), 'utf8')) as PreviousLog;
const previousRecords = previous.appends.flatMap((append) => append.events).filter((event) => event.type === 'EvaluationIssued.v1').map((event) => event.data as EvaluationRecord);

const metadata = { correlationId: 'upgrade', actor: { id: 'evaluator-mofa-1', roles: ['evaluator'] }, occurredAt: '2028-02-01T02:00:00.000Z' };
const issuedAt = '2028-02-01T02:00:00.000Z';

/**
 * The upgrade on real PostgreSQL: a log written by the release before batches (single entries, two
 * evaluations under input-digest/v1) takes batches after its single entries; the evaluations issued
 * before still replay identically, new ones are issued under input-digest/v2 over both kinds of
 * entry, and the same messages give the same report bytes however they were archived.
 */
describe('the archive, upgraded from single entries to consumed batches', () => {
  const isolated = IsolatedEnvironment.create('archive-upgrade');
  const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  const schemas: string[] = [];
  let store: PostgresEventStore;
  let evaluations: EvaluationsService;

  const freshStore = async (label: string) => {
    const schema = `${isolated.schema}_${label}`;
    schemas.push(schema);
    const created = await PostgresEventStore.create({ pool, schema });
    return created;
  };

  beforeAll(async () => {
    store = await freshStore('upgraded');
    for (const { streamName, events } of previous.appends) await store.appendToStream(streamName, events, { expectedVersion: 'any' });
    evaluations = new EvaluationsService(store, new PolicyService(store));
  });

  afterAll(async () => {
    for (const schema of schemas) await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  });

  const inboxRows = async (schema: string) =>
    (await pool.query<{ stream_name: string; stream_position: string; event_type: string; event_id: string }>(
      `SELECT stream_name, stream_position, event_type, event_id::text FROM ${schema}.events WHERE stream_category = 'inbox' ORDER BY stream_name, stream_position`,
    )).rows;

  it('replays the evaluations the release before issued over single entries, by input-digest/v1', async () => {
    expect(previousRecords.map((record) => [record.reportCodeVersion, record.inputDigest.version])).toEqual([
      ['evaluation/1.0.0', 'input-digest/v1'],
      ['evaluation/2.0.0', 'input-digest/v1'],
    ]);
    for (const record of previousRecords) {
      expect(await evaluations.replay(record.evaluationId)).toEqual({
        outcome: 'identical',
        reportSha256: record.reportSha256,
        inputDigestSha256: record.inputDigestSha256,
        eventsRead: record.inputs.reduce((sum, range) => sum + range.count, 0),
      });
    }
  });

  it('archives what is consumed after the upgrade as batches after the single entries, each offset once, through a rebalance', async () => {
    const before = await inboxRows(`${isolated.schema}_upgraded`);
    const { before: consumedBefore, after } = consumedMessages();
    const first = new IntegrationInbox(store);
    // Delivered again after the restart (offsets not committed yet): already archived, nothing is written.
    for (const batch of consumedBefore.slice(0, 3)) await first.archive(batch, '');
    expect(await inboxRows(`${isolated.schema}_upgraded`)).toEqual(before);

    // Two consumers of one partition during a rebalance: the second archives first, the first then
    // finds the stream moved on and archives only what follows.
    const place = ({ context }: (typeof after)[number][number]) => `${context.topic}/${context.partition}`;
    const messagesAfter = after.flat();
    const busiest = [...new Set(messagesAfter.map(place))].sort((a, b) => messagesAfter.filter((m) => place(m) === b).length - messagesAfter.filter((m) => place(m) === a).length)[0];
    const [one, two, ...others] = messagesAfter.filter((message) => place(message) === busiest);
    const second = new IntegrationInbox(store);
    await first.archive([one], '');
    await second.archive([two], '');
    await first.archive([two, ...others], '');
    for (const batch of after) await first.archive(batch, '');

    const now = await inboxRows(`${isolated.schema}_upgraded`);
    expect(now.filter((row) => before.some((old) => old.event_id === row.event_id))).toEqual(before);
    const added = now.filter((row) => !before.some((old) => old.event_id === row.event_id));
    expect(new Set(added.map((row) => row.event_type))).toEqual(new Set([INBOX_BATCH_EVENT_TYPE]));
    for (const streamName of new Set(now.map((row) => row.stream_name))) {
      const types = now.filter((row) => row.stream_name === streamName).map((row) => row.event_type);
      // Single entries first, then batches, never the other way round.
      expect(types).toEqual([...types].sort((a, b) => (a === b ? 0 : a === INBOX_EVENT_TYPE ? -1 : 1)));
    }
    const { partitions } = await readWholeInbox(store);
    for (const partition of partitions) {
      const offsets = partition.events.map((event) => Number(event.offset));
      expect(offsets).toEqual([...new Set(offsets)].sort((a, b) => a - b));
    }
    const expected = [...consumedBefore, ...after].flat();
    expect(partitions.reduce((sum, partition) => sum + partition.events.length, 0)).toBe(new Set(expected.map(({ context }) => `${context.topic}/${context.partition}/${context.offset}`)).size);

    for (const record of previousRecords) expect(await evaluations.replay(record.evaluationId)).toMatchObject({ outcome: 'identical', reportSha256: record.reportSha256 });
  });

  it('issues over single entries and batches under input-digest/v2 what the whole archive computes, and replays it identically', async () => {
    const policies = new PolicyService(store);
    for (const version of reportCodeVersions) {
      const issued = await new EvaluationsService(store, policies, version).issue({ kind: 'ad-hoc', asOf: '2027-12-31' }, issuedAt, metadata);
      const { partitions } = await readWholeInbox(store);
      const whole = computeEvaluation({
        asOf: '2027-12-31',
        kind: 'ad-hoc',
        coverageRule: await policies.coverageRule(issued.coverageRuleVersion),
        phaseTargets: await policies.phaseTargets(issued.phaseTargetsVersion),
        events: partitions.flatMap((partition) => partition.events.map((event) => evaluationEvent(event, event))),
        reportCodeVersion: version,
      });
      expect(issued.reportJson).toBe(renderReport(whole).canonicalJson);
      expect(issued.inputs.map((range) => range.count)).toEqual(partitions.map((partition) => partition.events.length));
      // The digest an auditor computes from the archive alone: a single entry as the batch of its one message.
      const digests = [];
      for (const partition of partitions) {
        const entries: DigestedBatch[] = [];
        for await (const page of inboxPages(store, partition.streamName, partition.lastRevision)) entries.push(...page.map((row) => digestedBatch(archiveEntry(row))));
        expect(entries.length).toBe(Number(partition.lastRevision) + 1);
        digests.push(digestBatches(partition.topic, partition.partition, entries, { checkpointInterval: 1 }));
      }
      expect(issued.inputDigest).toEqual(batchInputDigestRecord(digests));

      const replayed = await evaluations.replay(issued.evaluationId);
      expect(replayed).toEqual({ outcome: 'identical', reportSha256: issued.reportSha256, inputDigestSha256: issued.inputDigestSha256, eventsRead: partitions.reduce((sum, partition) => sum + partition.events.length, 0) });
    }
  });

  it('gives the same report bytes over the same messages, archived alone by the release before or in batches now', async () => {
    const batched = await freshStore('batched');
    const policies = new PolicyService(batched);
    await policies.onApplicationBootstrap();
    const inbox = new IntegrationInbox(batched);
    for (const batch of consumedMessages('', 50).before) await inbox.archive(batch, '');
    expect(new Set((await inboxRows(`${isolated.schema}_batched`)).map((row) => row.event_type))).toEqual(new Set([INBOX_BATCH_EVENT_TYPE]));
    for (const record of previousRecords) {
      const issued = await new EvaluationsService(batched, policies, record.reportCodeVersion as (typeof reportCodeVersions)[number]).issue({ kind: record.kind, asOf: record.asOf }, issuedAt, metadata);
      expect(issued.inputDigest.version).toBe('input-digest/v2');
      expect(issued.inputs.map(({ streamName, count, lastOffset }) => ({ streamName, count, lastOffset }))).toEqual(
        record.inputs.map(({ streamName, count, lastOffset }) => ({ streamName, count, lastOffset })),
      );
      expect(issued.reportJson).toBe(record.reportJson);
      expect(issued.reportSha256).toBe(record.reportSha256);
    }
  });
});

import { DomainRuleViolation } from '@training-ledger/decider';
import fc from 'fast-check';
import { sha256Hex } from './canonical-json';
import { addToDigest, digestPartition, inputDigestRecord, inputDigestSha256, startDigest, type DigestedMessage } from './input-digest';
import { compareDigests, compareInputDigests, type DigestComparison, type DigestDivergence } from './input-digest-comparison';

const topic = 'certification.events.v1';

/** Offsets 0–11 without 3 (as after a transaction marker): twelve places, eleven messages. */
const offsets = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11];
const log: DigestedMessage[] = offsets.map((offset) => ({
  offset: BigInt(offset),
  key: `certificate-C-${offset}`,
  value: JSON.stringify({ type: 'CertificateIssued.v1', data: { certificateId: `C-${offset}` } }),
}));

function divergenceOf(comparison: DigestComparison): DigestDivergence {
  if (comparison.matches) throw new Error('expected the replay to diverge');
  return comparison.divergence;
}

const withValue = (messages: readonly DigestedMessage[], offset: bigint, value: string) =>
  messages.map((message) => (message.offset === offset ? { ...message, value } : message));
const without = (messages: readonly DigestedMessage[], offset: bigint) => messages.filter((message) => message.offset !== offset);

describe('input digest (input-digest/v1): what an evaluation read, checkable years later', () => {
  const everyThird = digestPartition(topic, 2, log, { checkpointInterval: 3 });
  const everyOne = digestPartition(topic, 2, log, { checkpointInterval: 1 });

  it('chains SHA-256 over offset, key and value, starting from the version, topic and partition', () => {
    const first = log[0];
    const genesis = sha256Hex(`input-digest/v1\n${topic}\n2`);
    const expected = sha256Hex(`${genesis}\n0\n${sha256Hex(first.key as string)}\n${sha256Hex(first.value)}`);
    expect(addToDigest(startDigest(topic, 2), first).digest).toBe(expected);
    expect(addToDigest(startDigest(topic, 2), { ...first, key: null }).digest).toBe(
      sha256Hex(`${genesis}\n0\n-\n${sha256Hex(first.value)}`),
    );
  });

  it('records count, offsets, the end of the read and a checkpoint after every N-th message', () => {
    expect(everyThird).toMatchObject({
      version: 'input-digest/v1',
      topic,
      partition: 2,
      checkpointInterval: 3,
      count: 11,
      firstOffset: '0',
      lastOffset: '11',
      endOffset: '12',
    });
    expect(everyThird.checkpoints.map((checkpoint) => [checkpoint.eventNumber, checkpoint.offset])).toEqual([
      [3, '2'],
      [6, '6'],
      [9, '9'],
    ]);
  });

  it('matches the same events replayed, and ignores what was written at or after the end offset', () => {
    const later = [...log, { offset: 12n, key: 'x', value: 'written after the evaluation' }];
    expect(compareDigests(everyThird, later)).toEqual({ matches: true, topic, partition: 2, count: 11 });
  });

  it('refuses offsets that do not increase while digesting', () => {
    expect(() => addToDigest(addToDigest(startDigest(topic, 0), log[1]), log[0])).toThrow(RangeError);
  });

  describe('tampering is detected and placed by topic, partition and offset', () => {
    it('a changed value, to within the checkpoint window', () => {
      const divergence = divergenceOf(compareDigests(everyThird, withValue(log, 5n, 'tampered')));
      expect(divergence).toMatchObject({
        topic,
        partition: 2,
        reason: 'digest-differs',
        agreedThroughOffset: '2',
        agreedEventCount: 3,
        divergesByOffset: '6',
        firstDivergentOffset: null,
      });
      expect(divergence.message).toBe(
        `${topic} partition 2: an event differs from the one recorded (value, key or order), ` +
          'after offset 2 and at or before offset 6 (the first 3 events agree, through offset 2; 11 events recorded)',
      );
    });

    it('a changed value, at its exact offset with a checkpoint after every message', () => {
      const divergence = divergenceOf(compareDigests(everyOne, withValue(log, 5n, 'tampered')));
      expect(divergence).toMatchObject({ reason: 'digest-differs', firstDivergentOffset: '5', agreedThroughOffset: '4' });
      expect(divergence.message).toContain(`${topic} partition 2: an event differs from the one recorded (value, key or order), at offset 5`);
    });

    it('a changed key', () => {
      const rekeyed = log.map((message) => (message.offset === 9n ? { ...message, key: 'another-stream' } : message));
      expect(divergenceOf(compareDigests(everyOne, rekeyed))).toMatchObject({ reason: 'digest-differs', firstDivergentOffset: '9' });
    });

    it('a removed event', () => {
      expect(divergenceOf(compareDigests(everyOne, without(log, 5n)))).toMatchObject({
        reason: 'offsets-differ',
        firstDivergentOffset: '5',
      });
      expect(divergenceOf(compareDigests(everyThird, without(log, 5n)))).toMatchObject({
        reason: 'offsets-differ',
        agreedThroughOffset: '2',
        divergesByOffset: '6',
      });
    });

    it('an inserted event, in the gap at offset 3', () => {
      const inserted = [...log.slice(0, 3), { offset: 3n, key: 'forged', value: 'a certificate nobody issued' }, ...log.slice(3)];
      expect(divergenceOf(compareDigests(everyOne, inserted))).toMatchObject({ reason: 'offsets-differ', firstDivergentOffset: '3' });
      expect(divergenceOf(compareDigests(everyThird, inserted))).toMatchObject({
        reason: 'offsets-differ',
        agreedThroughOffset: '2',
        divergesByOffset: '5',
      });
    });

    it('a last event removed, or changed after the last checkpoint', () => {
      expect(divergenceOf(compareDigests(everyThird, without(log, 11n)))).toMatchObject({
        reason: 'replay-has-fewer-events',
        agreedThroughOffset: '9',
        divergesByOffset: '11',
        firstDivergentOffset: null,
      });
      expect(divergenceOf(compareDigests(everyThird, withValue(log, 11n, 'tampered')))).toMatchObject({
        reason: 'digest-differs',
        agreedThroughOffset: '9',
        divergesByOffset: '11',
      });
    });

    it('an event added below the end offset, after the last one recorded', () => {
      const readToTwenty = digestPartition(topic, 2, log, { checkpointInterval: 3, endOffset: 20n });
      const added = [...log, { offset: 15n, key: 'forged', value: 'back-dated certificate' }];
      expect(divergenceOf(compareDigests(readToTwenty, added))).toMatchObject({
        reason: 'replay-has-more-events',
        agreedThroughOffset: '11',
        agreedEventCount: 11,
        firstDivergentOffset: '15',
      });
    });

    it('a replay out of offset order', () => {
      const swapped = [log[0], log[2], log[1], ...log.slice(3)];
      expect(divergenceOf(compareDigests(everyThird, swapped))).toMatchObject({
        reason: 'offsets-not-increasing',
        firstDivergentOffset: '1',
      });
    });

    it('a record passed off as another partition’s', () => {
      const relabelled = { ...everyThird, partition: 1 };
      expect(divergenceOf(compareDigests(relabelled, log))).toMatchObject({
        topic,
        partition: 1,
        reason: 'digest-differs',
        agreedEventCount: 0,
      });
    });

    it('a partition that was emptied', () => {
      expect(divergenceOf(compareDigests(everyThird, []))).toMatchObject({
        reason: 'replay-has-fewer-events',
        agreedThroughOffset: null,
        divergesByOffset: '2',
      });
    });
  });

  it('refuses a record whose checkpoints do not add up', () => {
    const broken = { ...everyThird, checkpoints: everyThird.checkpoints.slice(1) };
    expect(() => compareDigests(broken, log)).toThrow(DomainRuleViolation);
    expect(() => compareDigests({ ...everyThird, endOffset: '5' }, log)).toThrow('end offset');
  });

  it('compares every recorded partition, an unreplayed one as empty, and hashes the whole record', () => {
    const other = digestPartition('enrolment.events.v1', 0, log.slice(0, 4));
    const emptyOne = digestPartition('enrolment.events.v1', 1, [], { endOffset: 0n });
    const record = inputDigestRecord([everyThird, other, emptyOne]);
    expect(record.partitions.map((partition) => `${partition.topic}/${partition.partition}`)).toEqual([
      `${topic}/2`,
      'enrolment.events.v1/0',
      'enrolment.events.v1/1',
    ]);
    expect(inputDigestSha256(record)).toMatch(/^[0-9a-f]{64}$/);

    const replayed = [
      { topic, partition: 2, messages: log },
      { topic: 'enrolment.events.v1', partition: 0, messages: log.slice(0, 4) },
    ];
    expect(compareInputDigests(record, replayed)).toEqual({ matches: true, divergences: [] });
    const outcome = compareInputDigests(record, [{ topic, partition: 2, messages: withValue(log, 0n, 'x') }]);
    expect(outcome.matches).toBe(false);
    expect(outcome.divergences.map((divergence) => [divergence.topic, divergence.partition, divergence.reason])).toEqual([
      [topic, 2, 'digest-differs'],
      ['enrolment.events.v1', 0, 'replay-has-fewer-events'],
    ]);
    expect(() => inputDigestRecord([other, other])).toThrow('recorded twice');
  });

  it('places any single change, removal or insertion after the agreed offset and no later than the reported bound', () => {
    const tampering = fc.record({
      offsets: fc.uniqueArray(fc.nat({ max: 400 }), { minLength: 1, maxLength: 60 }).map((list) => list.sort((a, b) => a - b)),
      interval: fc.integer({ min: 1, max: 7 }),
      kind: fc.constantFrom('change', 'remove', 'insert'),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(tampering, ({ offsets: picked, interval, kind, pick }) => {
        const messages = picked.map((offset) => ({ offset: BigInt(offset), key: `k${offset}`, value: `v${offset}` }));
        const record = digestPartition(topic, 0, messages, { checkpointInterval: interval, endOffset: 1000n });
        let replay: DigestedMessage[];
        let touched: bigint;
        if (kind === 'insert') {
          const free = Array.from({ length: 401 }, (_, offset) => offset).filter((offset) => !picked.includes(offset));
          touched = BigInt(free[pick % free.length]);
          replay = [...messages, { offset: touched, key: 'forged', value: 'forged' }].sort((a, b) => Number(a.offset - b.offset));
        } else {
          touched = messages[pick % messages.length].offset;
          replay = kind === 'remove' ? without(messages, touched) : withValue(messages, touched, 'tampered');
        }
        const divergence = divergenceOf(compareDigests(record, replay));
        const agreed = divergence.agreedThroughOffset === null ? -1n : BigInt(divergence.agreedThroughOffset);
        expect(agreed < touched && touched <= BigInt(divergence.divergesByOffset)).toBe(true);
        if (divergence.firstDivergentOffset !== null) expect(divergence.firstDivergentOffset).toBe(touched.toString());
        if (interval === 1) expect(divergence.firstDivergentOffset).toBe(touched.toString());
      }),
    );
  });
});

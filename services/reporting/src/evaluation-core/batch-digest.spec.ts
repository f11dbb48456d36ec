import { DomainRuleViolation } from '@training-ledger/decider';
import fc from 'fast-check';
import { BatchDigestChain, type DigestedBatch, digestBatches } from './batch-digest';
import { compareBatchDigests } from './batch-digest-comparison';
import { sha256Hex } from './canonical-json';
import type { DigestComparison, DigestDivergence } from './input-digest-comparison';
import { batchInputDigestRecord, InputDigestRecordSchema, inputDigestSha256 } from './input-digest';

const topic = 'course-delivery.events.v1';

/** A stored entry holding these offsets, its text naming each (a changed message changes the text). */
function entry(offsets: readonly number[], tampered: number | null = null): DigestedBatch {
  return {
    firstOffset: String(offsets[0]),
    lastOffset: String(offsets.at(-1)),
    count: offsets.length,
    text: JSON.stringify(offsets.map((offset) => ({ offset: String(offset), value: offset === tampered ? 'tampered' : `v${offset}` }))),
  };
}

/** Offsets 0–14 without 3 and 6, in entries of 3, 1, 5 and 4 messages. */
const groups = [[0, 1, 2], [4], [5, 7, 8, 9, 10], [11, 12, 13, 14]];
const log = groups.map((offsets) => entry(offsets));

function divergenceOf(comparison: DigestComparison): DigestDivergence {
  if (comparison.matches) throw new Error('expected the replay to diverge');
  return comparison.divergence;
}

describe('input digest (input-digest/v2): one link per stored entry', () => {
  const everyOne = digestBatches(topic, 3, log, { checkpointInterval: 1 });
  const everyTwo = digestBatches(topic, 3, log, { checkpointInterval: 2 });

  it('chains SHA-256 over each entry’s offsets, count and text as it is, from the version, topic and partition', () => {
    const genesis = sha256Hex(`input-digest/v2\n${topic}\n3`);
    const first = log[0];
    const chain = new BatchDigestChain(topic, 3);
    chain.add(first);
    expect(chain.digest).toBe(sha256Hex(`${genesis}\n0\n2\n3\n${sha256Hex(first.text)}`));
    // The text is hashed as UTF-8, whatever it holds.
    const vietnamese = { ...first, text: '[{"nameVi":"Bộ Ngoại giao"}]' };
    const other = new BatchDigestChain(topic, 3);
    other.add(vietnamese);
    expect(other.digest).toBe(sha256Hex(`${genesis}\n0\n2\n3\n${sha256Hex(Buffer.from(vietnamese.text, 'utf8'))}`));
  });

  it('records entries, messages, offsets, the end of the read and a checkpoint after every N-th entry', () => {
    expect(everyTwo).toMatchObject({ version: 'input-digest/v2', topic, partition: 3, checkpointInterval: 2, batches: 4, count: 13, firstOffset: '0', lastOffset: '14', endOffset: '15' });
    expect(everyTwo.checkpoints.map(({ batchNumber, eventNumber, offset }) => [batchNumber, eventNumber, offset])).toEqual([
      [2, 4, '4'],
      [4, 13, '14'],
    ]);
    expect(everyTwo.checkpoints.at(-1)?.digest).toBe(everyTwo.finalDigest);
    const record = batchInputDigestRecord([everyTwo, digestBatches('certification.events.v1', 0, [])]);
    expect(record.partitions.map((partition) => partition.topic)).toEqual(['certification.events.v1', topic]);
    expect(InputDigestRecordSchema.parse(record)).toEqual(record);
    expect(inputDigestSha256(record)).toMatch(/^[0-9a-f]{64}$/);
    expect(() => batchInputDigestRecord([everyTwo, everyOne])).toThrow('recorded twice');
  });

  it('refuses entries that are empty, out of order or not ranges of offsets', () => {
    const chain = new BatchDigestChain(topic, 0);
    chain.add(log[1]);
    expect(() => chain.add(log[0])).toThrow(RangeError);
    expect(() => chain.add({ ...log[2], count: 0 })).toThrow(RangeError);
    expect(() => chain.add({ ...log[2], firstOffset: '10', lastOffset: '6' })).toThrow(RangeError);
    expect(() => chain.add({ ...log[2], firstOffset: '06' })).toThrow(RangeError);
  });

  it('matches the same entries replayed, and ignores what was archived at or after the end offset', () => {
    expect(compareBatchDigests(everyTwo, [...log, entry([15, 16])])).toEqual({ matches: true, topic, partition: 3, count: 13 });
  });

  describe('tampering is detected and placed by topic, partition and offset', () => {
    it('a changed message, within its entry, or at its offset in an entry of one', () => {
      const changed = log.map((stored, index) => (index === 2 ? entry(groups[2], 8) : stored));
      expect(divergenceOf(compareBatchDigests(everyOne, changed))).toMatchObject({
        reason: 'digest-differs',
        agreedThroughOffset: '4',
        agreedEventCount: 4,
        divergesByOffset: '10',
        firstDivergentOffset: null,
      });
      expect(divergenceOf(compareBatchDigests(everyTwo, changed))).toMatchObject({ agreedThroughOffset: '4', divergesByOffset: '14' });
      const alone = log.map((stored, index) => (index === 1 ? entry([4], 4) : stored));
      const divergence = divergenceOf(compareBatchDigests(everyOne, alone));
      expect(divergence).toMatchObject({ reason: 'digest-differs', firstDivergentOffset: '4' });
      expect(divergence.message).toBe(
        `${topic} partition 3: an event differs from the one recorded (value, key or order), at offset 4 (the first 3 events agree, through offset 2; 13 events recorded)`,
      );
    });

    it('a removed message, a removed entry, an inserted entry', () => {
      const shorter = log.map((stored, index) => (index === 2 ? entry([5, 7, 9, 10]) : stored));
      expect(divergenceOf(compareBatchDigests(everyOne, shorter))).toMatchObject({ reason: 'offsets-differ', agreedThroughOffset: '4', divergesByOffset: '10' });
      expect(divergenceOf(compareBatchDigests(everyOne, [log[0], log[2], log[3]]))).toMatchObject({
        reason: 'offsets-differ',
        agreedThroughOffset: '2',
        divergesByOffset: '4',
        firstDivergentOffset: null,
      });
      expect(divergenceOf(compareBatchDigests(everyOne, [log[0], entry([3]), ...log.slice(1)]))).toMatchObject({ reason: 'offsets-differ', firstDivergentOffset: '3' });
    });

    it('entries missing at the end, an entry added below the end offset, a replay out of order', () => {
      expect(divergenceOf(compareBatchDigests(everyTwo, log.slice(0, 3)))).toMatchObject({ reason: 'replay-has-fewer-events', agreedThroughOffset: '4', divergesByOffset: '14' });
      const readToTwenty = digestBatches(topic, 3, log, { endOffset: 20n });
      expect(divergenceOf(compareBatchDigests(readToTwenty, [...log, entry([17, 18])]))).toMatchObject({
        reason: 'replay-has-more-events',
        agreedThroughOffset: '14',
        agreedEventCount: 13,
        firstDivergentOffset: '17',
      });
      expect(divergenceOf(compareBatchDigests(everyTwo, [log[1], log[0]]))).toMatchObject({ reason: 'offsets-not-increasing', firstDivergentOffset: '0' });
    });

    it('a record passed off as another partition’s, and a record whose checkpoints do not add up', () => {
      expect(divergenceOf(compareBatchDigests({ ...everyOne, partition: 1 }, log))).toMatchObject({ partition: 1, reason: 'digest-differs', agreedEventCount: 0 });
      expect(() => compareBatchDigests({ ...everyTwo, checkpoints: everyTwo.checkpoints.slice(1) }, log)).toThrow(DomainRuleViolation);
      expect(() => compareBatchDigests({ ...everyTwo, count: 3 }, log)).toThrow(DomainRuleViolation);
    });
  });

  it('places any change, removal or insertion of a message after the agreed offset and no later than the reported bound', () => {
    const tampering = fc.record({
      offsets: fc.uniqueArray(fc.nat({ max: 400 }), { minLength: 1, maxLength: 80 }).map((list) => list.sort((a, b) => a - b)),
      sizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 20 }),
      interval: fc.integer({ min: 1, max: 5 }),
      kind: fc.constantFrom('change', 'remove', 'insert'),
      pick: fc.nat(),
    });
    fc.assert(
      fc.property(tampering, ({ offsets, sizes, interval, kind, pick }) => {
        const grouped: number[][] = [];
        for (let start = 0, index = 0; start < offsets.length; index += 1) {
          const size = sizes[index % sizes.length];
          grouped.push(offsets.slice(start, start + size));
          start += size;
        }
        const record = digestBatches(topic, 0, grouped.map((offsetsOf) => entry(offsetsOf)), { checkpointInterval: interval, endOffset: 1000n });
        let touched: number;
        let replay: number[][];
        let changed: number | null = null;
        if (kind === 'insert') {
          const free = Array.from({ length: 401 }, (_, offset) => offset).filter((offset) => !offsets.includes(offset));
          touched = free[pick % free.length];
          // Into the entry whose range holds it, else as an entry of its own.
          const holder = grouped.findIndex((offsetsOf) => offsetsOf[0] < touched && touched < offsetsOf.at(-1)!);
          replay = holder >= 0
            ? grouped.map((offsetsOf, index) => (index === holder ? [...offsetsOf, touched].sort((a, b) => a - b) : offsetsOf))
            : [...grouped, [touched]].sort((a, b) => a[0] - b[0]);
        } else {
          touched = offsets[pick % offsets.length];
          if (kind === 'change') changed = touched;
          replay = kind === 'remove' ? grouped.map((offsetsOf) => offsetsOf.filter((offset) => offset !== touched)).filter((offsetsOf) => offsetsOf.length > 0) : grouped;
        }
        const divergence = divergenceOf(compareBatchDigests(record, replay.map((offsetsOf) => entry(offsetsOf, changed))));
        const agreed = divergence.agreedThroughOffset === null ? -1 : Number(divergence.agreedThroughOffset);
        expect(agreed < touched && touched <= Number(divergence.divergesByOffset)).toBe(true);
        if (divergence.firstDivergentOffset !== null) expect(divergence.firstDivergentOffset).toBe(String(touched));
      }),
    );
  });
});

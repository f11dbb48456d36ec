import fc from 'fast-check';
import { archivedBatches, archivedBatchId, archivedEventId, type ArchivedMessage, decodeArchivedMessages, encodeArchivedMessages, INBOX_BATCH_EVENT_TYPE, INBOX_EVENT_TYPE } from './archived-batch';
import { archiveEntry, digestedBatch, digestedMessage } from './inbox-reader';

const topic = 'certification.events.v1';

const message = (offset: number, data: unknown = { certificateId: `C-${offset}`, agencyId: 'BNG', nameVi: 'Bộ Ngoại giao' }): ArchivedMessage => ({
  offset: String(offset),
  key: offset % 3 === 0 ? null : `certificate-C-${offset}`,
  eventId: `e-${offset}`,
  type: 'CertificateIssued.v1',
  data,
  occurredAt: '2027-06-30T03:00:00.000Z',
  sourceService: 'certification',
});

/** The same object with its keys in reverse order at every depth, as another writer (or a jsonb column) may give it. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, item]) => [key, reordered(item)]));
}

describe('archived batches', () => {
  it('writes the messages as one JSON text, keys in code-unit order at every depth, whatever order they came in', () => {
    const text = encodeArchivedMessages([message(7, { b: 1, a: { d: [1, { z: 0, y: 'é' }], c: null } })]);
    expect(text).toBe(
      '[{"data":{"a":{"c":null,"d":[1,{"y":"é","z":0}]},"b":1},"eventId":"e-7","key":"certificate-C-7","occurredAt":"2027-06-30T03:00:00.000Z","offset":"7","sourceService":"certification","type":"CertificateIssued.v1"}]',
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }), (values) => {
        const messages = values.map((data, index) => message(index, data));
        const written = encodeArchivedMessages(messages);
        expect(encodeArchivedMessages(messages.map((each) => reordered(each) as ArchivedMessage))).toBe(written);
        expect(decodeArchivedMessages(written)).toEqual(JSON.parse(JSON.stringify(messages)));
      }),
    );
  });

  it('stores a consumed batch as one entry, and one too large as several, each naming its offsets and count', () => {
    const messages = [message(4), message(5), message(9), message(10), message(11)];
    const [batch] = archivedBatches(topic, 2, messages);
    expect(batch).toEqual({ topic, partition: 2, firstOffset: '4', lastOffset: '11', count: 5, messages: encodeArchivedMessages(messages) });
    const small = archivedBatches(topic, 2, messages, 2 * encodeArchivedMessages([messages[0]]).length);
    expect(small.map(({ firstOffset, lastOffset, count }) => [firstOffset, lastOffset, count])).toEqual([
      ['4', '5', 2],
      ['9', '10', 2],
      ['11', '11', 1],
    ]);
    expect(small.flatMap((entry) => decodeArchivedMessages(entry.messages))).toEqual(decodeArchivedMessages(batch.messages));
  });

  it('names each entry by its place, apart from the ids of messages archived alone', () => {
    const place = { topic, partition: 2, firstOffset: '4', lastOffset: '4', count: 1 };
    expect(archivedBatchId(place)).toBe(archivedBatchId({ ...place }));
    const others = [{ firstOffset: '5', lastOffset: '5' }, { partition: 1 }, { lastOffset: '9', count: 2 }, { lastOffset: '9', count: 3 }].map((other) => archivedBatchId({ ...place, ...other }));
    expect(new Set([archivedBatchId(place), ...others, archivedEventId(topic, 2, '4')]).size).toBe(6);
    expect(archivedEventId(topic, 2, '4')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads a message archived alone as the batch of that one message would read, for both digests', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat({ max: 10_000 }), (data, offset) => {
        const alone = message(offset, data);
        // As the log gives a single entry back: its fields in whatever order, the topic and partition with them.
        const single = archiveEntry({ type: INBOX_EVENT_TYPE, streamPosition: 0n, dataJson: JSON.stringify(reordered({ topic, partition: 2, ...alone })) });
        const [stored] = archivedBatches(topic, 2, [alone]);
        const { messages: text, ...rest } = stored;
        const batch = archiveEntry({ type: INBOX_BATCH_EVENT_TYPE, streamPosition: 1n, dataJson: JSON.stringify(rest), fieldText: text });
        expect(digestedBatch(single)).toEqual(digestedBatch(batch));
        expect(single.messages.map(digestedMessage)).toEqual(batch.messages.map(digestedMessage));
        expect(batch.storedText).toBe(text);
      }),
    );
  });

  it('reads a batch whose text was handed back inside its data, as a log without text fields gives it', () => {
    const [stored] = archivedBatches(topic, 0, [message(1), message(2)]);
    const apart = archiveEntry({ type: INBOX_BATCH_EVENT_TYPE, streamPosition: 0n, dataJson: JSON.stringify({ ...stored, messages: undefined }), fieldText: stored.messages });
    const inside = archiveEntry({ type: INBOX_BATCH_EVENT_TYPE, streamPosition: 0n, dataJson: JSON.stringify(stored) });
    expect(inside).toEqual(apart);
    expect(() => archiveEntry({ type: 'EvaluationIssued.v1', streamPosition: 3n, dataJson: '{}' })).toThrow('revision 3');
  });
});

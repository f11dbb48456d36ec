import { prepareBatch } from '../append-batch';
import { sampleEvents } from '../contract-suite';
import type { EventToAppend, ExpectedVersion } from '../port';
import { appendStatement } from './append-statement';
import { EventStoreSchema } from './schema';

const apart = (count: number): EventToAppend[] => sampleEvents(count).map((event, index) => ({ ...event, metadata: { ...event.metadata, correlationId: `c-${index}` } }));

describe('appendStatement', () => {
  const schema = new EventStoreSchema('s'.repeat(40));
  const key = { store: 'marks', scope: 'run-1', key: 'k-1', responseJson: '{}' };
  const batches = [sampleEvents(1), sampleEvents(3), apart(3)];
  const variants = (['any', 'no_stream', 'exists', 41n] as ExpectedVersion[]).flatMap((expected) =>
    batches.flatMap((events) => [undefined, key].map((withKey) => appendStatement(schema, 'trainee-1', expected, prepareBatch('trainee-1', events), withKey))),
  );

  it('names every shape of statement apart, within the 63 characters PostgreSQL keeps of a name', () => {
    expect(new Set(variants.map((statement) => statement.name)).size).toBe(variants.length);
    expect(variants.filter((statement) => statement.name.length > 63)).toEqual([]);
  });

  it('gives each shape one text, whatever the stream and events', () => {
    const [one, other] = [1, 2].map(() => appendStatement(schema, `trainee-${Math.random()}`, 7n, prepareBatch('t-1', sampleEvents(1)), key));
    expect(one!.name).toBe(other!.name);
    expect(one!.text).toBe(other!.text);
    expect(one!.values).not.toEqual(other!.values);
  });

  it('sends the metadata the events share once, and each event its own when they differ', () => {
    const events = sampleEvents(3);
    const shared = appendStatement(schema, 'trainee-1', 'any', prepareBatch('trainee-1', events), undefined);
    const [, , elements, metadata] = shared.values as [string, number, string, string];
    expect((JSON.parse(elements) as object[]).map((element) => Object.keys(element))).toEqual(Array(3).fill(['eventId', 'type', 'data']));
    expect(JSON.parse(metadata)).toMatchObject({ correlationId: events[0]!.metadata.correlationId, causationId: null });

    const separate = appendStatement(schema, 'trainee-1', 'any', prepareBatch('trainee-1', apart(3)), undefined);
    expect(separate.values).toHaveLength(3);
    expect((JSON.parse(separate.values[2] as string) as { metadata: { correlationId: string } }[]).map((element) => element.metadata.correlationId)).toEqual(['c-0', 'c-1', 'c-2']);
  });

  it('uses every parameter it passes', () => {
    for (const { text, values } of variants) {
      const used = new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, index) => index + 1));
    }
  });
});

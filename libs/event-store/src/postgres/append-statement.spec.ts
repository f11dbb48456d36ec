import { prepareBatch } from '../append-batch';
import { sampleEvents } from '../contract-suite';
import type { ExpectedVersion } from '../port';
import { appendStatement } from './append-statement';
import { EventStoreSchema } from './schema';

describe('appendStatement', () => {
  const schema = new EventStoreSchema('s'.repeat(40));
  const key = { store: 'marks', scope: 'run-1', key: 'k-1', responseJson: '{}' };
  const variants = (['any', 'no_stream', 'exists', 41n] as ExpectedVersion[]).flatMap((expected) =>
    [1, 3].flatMap((count) => [undefined, key].map((withKey) => appendStatement(schema, 'trainee-1', expected, prepareBatch('trainee-1', sampleEvents(count)).events, withKey))),
  );

  it('names every shape of statement apart, within the 63 characters PostgreSQL keeps of a name', () => {
    expect(new Set(variants.map((statement) => statement.name)).size).toBe(variants.length);
    expect(variants.filter((statement) => statement.name.length > 63)).toEqual([]);
  });

  it('gives each shape one text, whatever the stream and events', () => {
    const [one, other] = [1, 2].map(() => appendStatement(schema, `trainee-${Math.random()}`, 7n, prepareBatch('t-1', sampleEvents(1)).events, key));
    expect(one!.name).toBe(other!.name);
    expect(one!.text).toBe(other!.text);
    expect(one!.values).not.toEqual(other!.values);
  });

  it('uses every parameter it passes', () => {
    for (const { text, values } of variants) {
      const used = new Set([...text.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(values.map((_, index) => index + 1));
    }
  });
});

import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@kurrent/kurrentdb-client';
import { globalPosition } from '../global-position';
import type { RecordedEvent } from '../port';
import { KurrentDbSubscription } from './kurrentdb-subscription';

/** The client's subscription is a readable stream of resolved events with an `unsubscribe` that cancels the call. */
function clientSubscription(): { source: AllStreamSubscription; server: PassThrough; cancelled: () => boolean } {
  let cancelled = false;
  const server = Object.assign(new PassThrough({ objectMode: true }), {
    unsubscribe: async () => {
      cancelled = true;
    },
  });
  return { source: server as unknown as AllStreamSubscription, server, cancelled: () => cancelled };
}

const resolved = (type: string, commit: bigint): AllStreamResolvedEvent =>
  ({ event: { type, position: { commit, prepare: commit } } }) as unknown as AllStreamResolvedEvent;

const delivered = ({ event }: AllStreamResolvedEvent): RecordedEvent | null =>
  event && !event.type.startsWith('$')
    ? ({ type: event.type, globalPosition: globalPosition(event.position.commit, event.position.prepare) } as RecordedEvent)
    : null;

describe('KurrentDbSubscription', () => {
  it('delivers the events the mapping keeps, in order', async () => {
    const { source, server } = clientSubscription();
    const subscription = new KurrentDbSubscription(source, delivered, () => undefined);
    server.write(resolved('Nominated', 1n));
    server.write(resolved('$metadata', 2n));
    server.write(resolved('Approved', 3n));
    server.end();

    const types: string[] = [];
    for await (const event of subscription) types.push(event.type);
    expect(types).toEqual(['Nominated', 'Approved']);
  });

  it('ends a consumer waiting for the next event when closed, cancelling the server call once', async () => {
    const { source, server, cancelled } = clientSubscription();
    const closed: KurrentDbSubscription[] = [];
    const subscription = new KurrentDbSubscription(source, delivered, (done) => closed.push(done));
    const iterator = subscription[Symbol.asyncIterator]();
    server.write(resolved('Nominated', 1n));
    expect((await iterator.next()).value).toMatchObject({ type: 'Nominated' });

    const waiting = iterator.next();
    await subscription.close();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(cancelled()).toBe(true);
    expect(closed).toEqual([subscription]);
    await subscription.close();
    expect(closed).toHaveLength(1);
  });

  it('cancels the server call when the consumer stops iterating', async () => {
    const { source, server, cancelled } = clientSubscription();
    const subscription = new KurrentDbSubscription(source, delivered, () => undefined);
    server.write(resolved('Nominated', 1n));
    for await (const event of subscription) {
      expect(event.type).toBe('Nominated');
      break;
    }
    expect(cancelled()).toBe(true);
  });

  it('passes on a failure of the server call', async () => {
    const { source, server } = clientSubscription();
    const subscription = new KurrentDbSubscription(source, delivered, () => undefined);
    const iterator = subscription[Symbol.asyncIterator]();
    const waiting = iterator.next();
    server.destroy(new Error('access denied'));
    await expect(waiting).rejects.toThrow('access denied');
  });
});

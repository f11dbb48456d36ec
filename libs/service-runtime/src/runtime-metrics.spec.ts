import type { AppendResult, EventStore } from '@training-ledger/event-store';
import { sampleValue, samplesOf, ServiceMetrics } from '@training-ledger/platform';
import { countingAppends, oneReadPerScrape, registerRuntimeMetrics, RUNTIME_GAUGE_NAMES } from './runtime-metrics';
import type { RuntimeStatus } from './runtime-status';

const flowing: RuntimeStatus = {
  service: 'enrolment',
  checkedAt: '2027-01-01T00:00:00.000Z',
  warnings: [],
  relay: { state: 'running', topic: 'enrolment.events.v1', checkpoint: '1', lag: { events: 7, atLeast: false }, lastError: null },
  consumers: [
    {
      group: 'enrolment.projection.course-run-view',
      handlers: ['enrolment.projection.course-run-view'],
      state: 'running',
      lag: 5,
      lagByPartition: { 'course-delivery.events.v1/0': 2, 'course-delivery.events.v1/1': 3 },
      lastError: null,
    },
  ],
  projections: [{ name: 'trainee-directory', state: 'running', position: '1', lag: { events: 1_000, atLeast: true }, error: null }],
  setAside: { total: 3, bySource: { 'relay:enrolment.events.v1': 1, 'consumer:enrolment.projection.course-run-view': 2 }, recent: [] },
};

describe('runtime metrics', () => {
  it('exports what GET /status reads: relay, consumer and projection lag, what was set aside', async () => {
    const metrics = new ServiceMetrics('enrolment');
    registerRuntimeMetrics(metrics, () => Promise.resolve(flowing));
    const samples = samplesOf(await metrics.text());
    expect(sampleValue(samples, 'training_ledger_relay_running', { topic: 'enrolment.events.v1', service: 'enrolment' })).toBe(1);
    expect(sampleValue(samples, 'training_ledger_relay_lag_events', { topic: 'enrolment.events.v1' })).toBe(7);
    expect(sampleValue(samples, 'training_ledger_consumer_lag_messages', { group: 'enrolment.projection.course-run-view', topic: 'course-delivery.events.v1', partition: '1' })).toBe(3);
    expect(sampleValue(samples, 'training_ledger_consumer_running', { group: 'enrolment.projection.course-run-view' })).toBe(1);
    expect(sampleValue(samples, 'training_ledger_consumer_lag_unknown', { group: 'enrolment.projection.course-run-view' })).toBe(0);
    expect(sampleValue(samples, 'training_ledger_projection_lag_events', { projection: 'trainee-directory' })).toBe(1_000);
    expect(sampleValue(samples, 'training_ledger_set_aside_events', { source: 'consumer:enrolment.projection.course-run-view' })).toBe(2);
    for (const name of RUNTIME_GAUGE_NAMES) expect(metrics.names()).toContain(name);
  });

  it('reads the status once per scrape, however many gauges read it', async () => {
    const metrics = new ServiceMetrics('enrolment');
    const read = jest.fn(() => Promise.resolve(flowing));
    registerRuntimeMetrics(metrics, read);
    await metrics.text();
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('reads again for a later scrape, and again after a failed read', async () => {
    let clock = 0;
    const read = jest.fn<Promise<RuntimeStatus>, []>().mockRejectedValueOnce(new Error('broker away')).mockResolvedValue(flowing);
    const shared = oneReadPerScrape(read, () => clock);
    await expect(shared()).rejects.toThrow('broker away');
    await expect(shared()).resolves.toBe(flowing);
    await shared();
    expect(read).toHaveBeenCalledTimes(2);
    clock += 1_000;
    await shared();
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('says a stopped relay, a consumer whose lag is unknown, and forgets what is no longer there', async () => {
    const metrics = new ServiceMetrics('enrolment');
    let status = flowing;
    let clock = 0;
    registerRuntimeMetrics(metrics, () => Promise.resolve(status));
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
    try {
      await metrics.text();
      status = {
        ...flowing,
        relay: { ...flowing.relay!, state: 'failed', lastError: 'broker away' },
        consumers: [{ ...flowing.consumers[0]!, lag: 0, lagByPartition: {}, lastError: 'lag unknown: broker away' }],
        projections: [],
      };
      clock += 1_000;
      const samples = samplesOf(await metrics.text());
      expect(sampleValue(samples, 'training_ledger_relay_running')).toBe(0);
      expect(sampleValue(samples, 'training_ledger_consumer_lag_unknown')).toBe(1);
      expect(sampleValue(samples, 'training_ledger_consumer_lag_messages')).toBeUndefined();
      expect(sampleValue(samples, 'training_ledger_projection_lag_events')).toBeUndefined();
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('counts appended events by type, and nothing for a retry the log had already written', async () => {
    const metrics = new ServiceMetrics('enrolment');
    let written = true;
    const store = countingAppends(
      { appendToStream: () => Promise.resolve({ written } as AppendResult) } as unknown as EventStore,
      metrics,
    );
    const event = (type: string) => ({ type, data: {}, metadata: { correlationId: 'c', actor: { id: 'a', roles: [] }, occurredAt: '2027-01-01T00:00:00.000Z' } });
    await store.appendToStream('trainee-1', [event('TraineeRegistered.v1'), event('TraineeRankChanged.v1')], { expectedVersion: 'any' });
    await store.appendToStream('trainee-2', [event('TraineeRegistered.v1')], { expectedVersion: 'any' });
    written = false;
    await store.appendToStream('trainee-2', [event('TraineeRegistered.v1')], { expectedVersion: 'any' });
    const text = await metrics.text();
    expect(sampleValue(text, 'training_ledger_events_appended_total', { type: 'TraineeRegistered.v1' })).toBe(2);
    expect(sampleValue(text, 'training_ledger_events_appended_total', { type: 'TraineeRankChanged.v1' })).toBe(1);
  });
});
